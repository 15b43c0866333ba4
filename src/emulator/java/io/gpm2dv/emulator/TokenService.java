package io.gpm2dv.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Entra ID token endpoint for the client-credentials grant (API §2) and the check of
 * {@code Authorization: Bearer} on every Web API call. Tokens live 3599 seconds, as Entra's do, unless configured
 * shorter to exercise a client's renewal; each remembers the client id it was issued to (the caller that service
 * protection counts). With registered clients ({@code emulator.clients}) only those get a token, and only with their
 * secret, answered as Entra ID answers (AADSTS700016, AADSTS7000215); without, any client id and secret is accepted.
 */
final class TokenService {
    /** No hex code is documented for a bad or expired token (API §8 names only BadAuthTicket/ExpiredAuthTicket). */
    static final String AUTH_CODE = ApiError.BAD_AUTH_TICKET;

    private record Issued(String clientId, Instant expiry) {
    }

    /** The outcome of the bearer check: the caller's client id, or the 401 to send. */
    record Check(String caller, ApiResponse denied) {
    }

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long lifetimeSeconds;
    /** client id → secret; empty: every client id and secret is accepted. */
    private final Map<String, String> clients;

    /** {@code clients}: the registered client ids and their secrets; empty to accept any. */
    TokenService(Clock clock, Duration lifetime, Map<String, String> clients) {
        this.clock = clock;
        this.lifetimeSeconds = lifetime.toSeconds();
        this.clients = Map.copyOf(clients);
    }

    /** The token endpoint of {@code tenant} (the path segment before {@code /oauth2}, named in Entra's messages). */
    ApiResponse token(String tenant, String contentType, String authorization, String form) {
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return oauthError(400, "invalid_request", "AADSTS900144: The request body must contain the following "
                    + "parameter: 'grant_type'.", 900144);
        }
        Map<String, String> p = HttpFront.parseQuery(form); // a form body is encoded as a query string is
        if (authorization != null && authorization.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            p.putIfAbsent("client_id", pair[0]);
            if (pair.length == 2) {
                p.putIfAbsent("client_secret", pair[1]);
            }
        }
        if (!"client_credentials".equals(p.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type '"
                    + p.get("grant_type") + "'.", 70003);
        }
        if (isBlank(p.get("client_id"))) {
            return oauthError(400, "invalid_request", "AADSTS900144: The request body must contain the following "
                    + "parameter: 'client_id'.", 900144);
        }
        if (isBlank(p.get("client_secret")) && isBlank(p.get("client_assertion"))) {
            return oauthError(401, "invalid_client", "AADSTS7000216: 'client_assertion', 'client_secret' or 'request' "
                    + "is required for the 'client_credentials' grant type.", 7000216);
        }
        String scope = p.get("scope");
        if (scope == null || !scope.trim().endsWith("/.default")) {
            return oauthError(400, "invalid_scope", "AADSTS70011: The provided request must include a 'scope' input "
                    + "parameter. The provided value for the input parameter 'scope' is not valid. The scope "
                    + scope + " is not valid.", 70011);
        }
        String clientId = p.get("client_id");
        if (!clients.isEmpty() && !clients.containsKey(clientId)) {
            return oauthError(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has not been "
                    + "installed by the administrator of the tenant or consented to by any user in the tenant. You may have "
                    + "sent your authentication request to the wrong tenant.", 700016);
        }
        if (!clients.isEmpty() && !clients.get(clientId).equals(p.get("client_secret"))) {
            return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret "
                    + "being sent in the request is the client secret value, not the client secret ID, for a secret added "
                    + "to app '" + clientId + "'.", 7000215);
        }
        String token = "emu." + UUID.randomUUID() + "." + UUID.randomUUID();
        Instant now = clock.instant();
        issued.values().removeIf(i -> i.expiry().plusSeconds(3600).isBefore(now)); // long-expired: forget
        issued.put(token, new Issued(clientId, now.plusSeconds(lifetimeSeconds)));
        ObjectNode body = ApiResponse.JSON.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetimeSeconds);
        body.put("ext_expires_in", lifetimeSeconds);
        body.put("access_token", token);
        ApiResponse r = ApiResponse.json(200, body);
        r.headers().put("Content-Type", "application/json; charset=utf-8");
        return r;
    }

    /** Ends the lifetime of every token issued so far, as if they had all run out now (a client must renew). */
    void expireAll() {
        Instant now = clock.instant();
        issued.replaceAll((token, i) -> new Issued(i.clientId(), now));
    }

    /**
     * The caller when the header carries a token this emulator issued that has not expired; else the 401
     * ({@code BadAuthTicket}, or {@code ExpiredAuthTicket} once the token's lifetime is over).
     */
    Check authenticate(String authorization) {
        String message;
        String challenge = "Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize";
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            message = "BadAuthTicket: the request has no 'Authorization: Bearer' header.";
        } else {
            Issued token = issued.get(authorization.substring(7).trim());
            if (token == null) {
                message = "BadAuthTicket: the bearer token was not issued by this environment's authority.";
            } else if (!clock.instant().isBefore(token.expiry())) {
                message = "ExpiredAuthTicket: the bearer token has expired.";
                challenge += ", error=\"invalid_token\", error_description=\"The access token is expired.\"";
            } else {
                return new Check(token.clientId(), null);
            }
        }
        return new Check(null, ApiResponse.error(new ApiError(401, AUTH_CODE, message), false)
                .header("WWW-Authenticate", challenge));
    }

    private static ApiResponse oauthError(int status, String error, String description, int code) {
        ObjectNode body = ApiResponse.JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        body.putArray("error_codes").add(code);
        body.put("timestamp", Instant.now().toString());
        body.put("trace_id", UUID.randomUUID().toString());
        body.put("correlation_id", UUID.randomUUID().toString());
        ApiResponse r = ApiResponse.json(status, body);
        r.headers().put("Content-Type", "application/json; charset=utf-8");
        return r;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
