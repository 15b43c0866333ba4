package io.gpm2dv.dataverse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OAuth 2.0 client-credentials tokens for Dataverse (API §2), one cached token per {@link ApplicationUser}. No refresh
 * token is issued for this grant, so a new token is requested shortly before the old one expires and whenever
 * Dataverse answers 401.
 */
@ApplicationScoped
public class DataverseTokenProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataverseConfig config;

    @Inject
    ApplicationUsers users;

    private volatile HttpClient http;

    /** The token endpoint refused a user's credentials (a 4xx answer): a configuration error, not an outage. */
    public static final class CredentialsRefused extends RuntimeException implements io.gpm2dv.pipeline.SafeText.Safe {
        CredentialsRefused(String message) {
            super(message);
        }
    }

    /** The token endpoint gave no token for a reason that is not the credentials (no answer, 5xx, 429). */
    public static final class Unreachable extends RuntimeException implements io.gpm2dv.pipeline.SafeText.Safe {
        Unreachable(String message) {
            super(message);
        }
    }

    /** A valid access token of {@code user}; acquires a new one when none is cached or it is about to expire. */
    public String accessToken(ApplicationUser user) {
        synchronized (user) {
            if (user.token == null || user.tokenExpires.minus(config.tokenRenewBefore()).isBefore(Instant.now())) {
                acquire(user);
            }
            return user.token;
        }
    }

    /** Forgets {@code user}'s cached token (after a 401) so the next call acquires a fresh one. */
    public void invalidate(ApplicationUser user) {
        synchronized (user) {
            user.token = null;
        }
    }

    /** The scope requested: the environment URL followed by {@code /.default}. */
    public String scope() {
        return config.scope().orElseGet(() -> trimSlash(config.url()) + "/.default");
    }

    private void acquire(ApplicationUser user) {
        String form = "grant_type=client_credentials&client_id=" + encode(user.clientId()) + "&client_secret="
                + encode(user.secret()) + "&scope=" + encode(scope());
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.tokenUrl()))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable("the token endpoint did not answer for " + user.describe() + ": "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while requesting a token for " + user.describe());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body() == null ? "" : response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (response.statusCode() / 100 != 2 || !body.hasNonNull("access_token")) {
            String why = "the token endpoint refused " + user.describe() + ": HTTP " + response.statusCode()
                    + reason(body);
            if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 429) {
                throw new CredentialsRefused(why + "; check its entry in dataverse.client-id / dataverse.client-secret");
            }
            throw new Unreachable(why);
        }
        user.token = body.get("access_token").asText();
        user.tokenExpires = Instant.now().plusSeconds(body.path("expires_in").asLong(3599));
    }

    /** Entra ID's error and the first sentence of its description (which names the app, never the secret). */
    private static String reason(JsonNode body) {
        String error = body.path("error").asText("");
        String description = body.path("error_description").asText("");
        int end = description.indexOf(". ");
        int trace = description.indexOf("Trace ID");
        if (trace > 0 && (end < 0 || trace < end)) {
            end = trace - 1;
        }
        String first = (end > 0 ? description.substring(0, end + 1) : description).trim();
        return (error.isEmpty() ? "" : " " + error) + (first.isEmpty() ? "" : " (" + first + ")");
    }

    private HttpClient client() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(config.connectTimeout()).build();
                }
            }
        }
        return http;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
