package io.gpm2dv.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP side: a Vert.x router for the token endpoint, the Web API under {@code /api/data/v9.x/} and the
 * emulator's own {@code /emulator/state} and {@code /emulator/reset}. Work runs on worker threads (the store
 * blocks on its lock); every answer carries {@code OData-Version: 4.0}.
 */
final class HttpFront {
    private static final long MAX_BODY = 128L * 1024 * 1024;

    private final DataverseEmulator emulator;
    private final TokenService tokens;
    private final Throttle throttle;
    private final WebApi api;

    HttpFront(DataverseEmulator emulator, TokenService tokens, Throttle throttle, WebApi api) {
        this.emulator = emulator;
        this.tokens = tokens;
        this.throttle = throttle;
        this.api = api;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY));
        router.post("/:tenant/oauth2/v2.0/token").handler(ctx -> blocking(ctx, () -> tokens.token(
                ctx.request().getHeader("Content-Type"), ctx.request().getHeader("Authorization"), bodyText(ctx))));
        router.get("/emulator/state").handler(ctx -> blocking(ctx, () -> {
            ApiResponse r = new ApiResponse(200).header("Content-Type", "application/json");
            return withBody(r, emulator.stateAsJson());
        }));
        router.post("/emulator/reset").handler(ctx -> blocking(ctx, () -> {
            emulator.reset();
            return new ApiResponse(204);
        }));
        router.routeWithRegex("/api/data/(v9\\.[012])/.*").handler(ctx -> blocking(ctx, () -> webApi(ctx)));
        router.route().handler(ctx -> write(ctx, ApiResponse.error(
                ApiError.noSuchSegment(ctx.request().path()), false)));
        return router;
    }

    private ApiResponse webApi(RoutingContext ctx) {
        ApiResponse denied = tokens.authenticate(ctx.request().getHeader("Authorization"));
        if (denied != null) {
            return denied;
        }
        ApiResponse throttled = throttle.check();
        if (throttled != null) {
            return throttled;
        }
        String rawPath = ctx.request().path();
        String version = ctx.pathParam("param0");
        String prefix = "/api/data/" + version + "/";
        String resource = decodePath(rawPath.substring(Math.min(rawPath.length(), prefix.length())));
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
        ApiRequest req = new ApiRequest(ctx.request().method().name(), version, resource,
                parseQuery(ctx.request().query()), headers, bodyText(ctx));
        return api.handle(req, emulator.baseUrl() + prefix);
    }

    private void blocking(RoutingContext ctx, Callable<ApiResponse> work) {
        ctx.vertx().executeBlocking(() -> {
            try {
                return work.call();
            } catch (ApiError e) {
                return ApiResponse.error(e, false);
            } catch (Exception e) {
                return ApiResponse.error(new ApiError(500, ApiError.UNEXPECTED, "An unexpected error occurred: " + e), false);
            }
        }, false).onComplete(ar -> write(ctx, ar.succeeded() ? ar.result()
                : ApiResponse.error(new ApiError(500, ApiError.UNEXPECTED, "An unexpected error occurred."), false)));
    }

    private static void write(RoutingContext ctx, ApiResponse r) {
        HttpServerResponse response = ctx.response().setStatusCode(r.status());
        r.headers().forEach(response::putHeader);
        response.putHeader("OData-Version", "4.0");
        if (r.body() == null || r.status() == 204 || r.status() == 304) {
            response.end();
        } else {
            response.end(r.body());
        }
    }

    private static ApiResponse withBody(ApiResponse r, String body) {
        ApiResponse out = ApiResponse.text(r.status(), body);
        out.headers().putAll(r.headers());
        return out;
    }

    private static String bodyText(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().asString("UTF-8");
    }

    /** Percent-decoding of a path: unlike a query string, '+' stays a plus sign. */
    static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
