package io.gpm2dv.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.gpm2dv.pipeline.MigrationConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every {@code /api/*} call needs {@code Authorization: Bearer <token>} before anything else runs: the API key
 * ({@code migration.api-key}, compared in constant time) or an OIDC access token verified by quarkus-oidc
 * ({@code quarkus.oidc.*}). Without either configured the API is closed: there is no open mode. A refused call gets
 * 401 and reaches no route. The operator (the token's subject, or {@code api-key}) travels to the routes in
 * {@link #OPERATOR_HEADER}, which a caller can never set itself. Health and metrics ({@code /q/*}) are not touched.
 */
@ApplicationScoped
public class ApiAuthentication {
    private static final Logger LOG = Logger.getLogger(ApiAuthentication.class);
    public static final String OPERATOR_HEADER = "X-Gpm2dv-Operator";
    public static final String API_KEY_OPERATOR = "api-key";
    /** Before Camel's platform-http routes and any body handling. */
    private static final int ORDER = -1000;

    @Inject
    MigrationConfig config;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean oidcEnabled;

    @Inject
    Instance<TenantIdentityProvider> oidc;

    // the standalone emulator profile serves Dataverse's own /api/data on this server: no operator API there
    @ConfigProperty(name = "gpm2dv.pipeline.enabled", defaultValue = "true")
    boolean pipelineEnabled;

    void install(@Observes Router router) {
        if (!pipelineEnabled) {
            return;
        }
        router.route("/api/*").order(ORDER).handler(this::authenticate);
    }

    void authenticate(RoutingContext ctx) {
        ctx.request().headers().remove(OPERATOR_HEADER);
        Optional<String> token = bearer(ctx.request().getHeader("Authorization"));
        Optional<String> apiKey = config.apiKey().filter(k -> !k.isBlank());
        if (apiKey.isEmpty() && !oidcEnabled) {
            refuse(ctx, "the operator API is closed: set migration.api-key or configure OIDC (quarkus.oidc.*)");
            return;
        }
        if (token.isEmpty()) {
            refuse(ctx, "missing bearer token (Authorization: Bearer <token>)");
            return;
        }
        if (apiKey.isPresent() && sameKey(apiKey.get(), token.get())) {
            pass(ctx, API_KEY_OPERATOR);
            return;
        }
        if (!oidcEnabled || !oidc.isResolvable()) {
            refuse(ctx, "the bearer token is not valid");
            return;
        }
        ctx.request().pause(); // the body must wait for the verdict, not be lost meanwhile
        oidc.get().authenticate(new AccessTokenCredential(token.get())).subscribe().with(identity -> {
            ctx.request().resume();
            pass(ctx, identity.getPrincipal().getName());
        }, failure -> {
            ctx.request().resume();
            LOG.debugf("API token refused: %s", failure.getClass().getSimpleName());
            refuse(ctx, "the bearer token is not valid");
        });
    }

    private static void pass(RoutingContext ctx, String operator) {
        ctx.request().headers().set(OPERATOR_HEADER, operator == null || operator.isBlank() ? "unknown" : operator);
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                .putHeader("WWW-Authenticate", "Bearer")
                .end(new JsonObject().put("error", "unauthorized").put("message", message).encode());
    }

    static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** Constant time for keys of equal length, so a caller cannot learn the key from response times. */
    static boolean sameKey(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
