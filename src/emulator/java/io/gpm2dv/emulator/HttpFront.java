package io.gpm2dv.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP side: routes for the token endpoint, the Web API under {@code /api/data/v9.x/} and the emulator's own
 * {@code /emulator/state}, {@code /emulator/protection}, {@code /emulator/deliveries}, {@code /emulator/incidents}
 * and {@code /emulator/reset}, either on a router of its own or mounted on another server's (Quarkus's, in the
 * standalone profile). A Web API call passes, in this order, the bearer check, a scheduled incident or injected
 * faults (503, 429), the concurrency limit (refused at once), the injected latency,
 * then the request-count and execution-time limits and finally {@link WebApi}. Work runs on worker threads (the
 * store blocks on its lock); every answer carries {@code OData-Version: 4.0}, Web API answers also
 * {@code x-ms-dop-hint}. Absolute links in answers ({@code @odata.context}, {@code @odata.nextLink},
 * {@code OData-EntityId}, {@code Location}, also inside {@code $batch}) name the scheme and {@code Host} the caller
 * used, as a server behind any name does: a client that called {@code http://127.0.0.1:<port>} is sent back there,
 * not to {@code localhost}.
 */
final class HttpFront {
    private static final long MAX_BODY = 128L * 1024 * 1024;
    /** A host name, IPv4 or bracketed IPv6 address, with an optional port: all a Host header may carry. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?");

    private final DataverseEmulator emulator;
    private final TokenService tokens;
    private final Throttle throttle;
    private final FaultInjector faults;
    private final Incidents incidents;
    private final WebApi api;
    private final EmulatorOptions options;

    HttpFront(DataverseEmulator emulator, EmulatorOptions options, TokenService tokens, Throttle throttle,
            FaultInjector faults, Incidents incidents, WebApi api) {
        this.emulator = emulator;
        this.incidents = incidents;
        this.options = options;
        this.tokens = tokens;
        this.throttle = throttle;
        this.faults = faults;
        this.api = api;
    }

    /** A router of its own, answering unknown paths with a Dataverse-style 404. */
    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        mount(router);
        router.route().handler(ctx -> write(ctx, ApiResponse.error(ApiError.noSuchSegment(ctx.request().path()), false)));
        return router;
    }

    /** Adds the emulator's routes to {@code router}, leaving every other path to its owner. */
    void mount(Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY).setDeleteUploadedFilesOnEnd(true);
        router.post("/:tenant/oauth2/v2.0/token").handler(body).handler(ctx -> blocking(ctx, () -> tokens.token(ctx.pathParam("tenant"),
                ctx.request().getHeader("Content-Type"), ctx.request().getHeader("Authorization"), bodyText(ctx))));
        router.get("/emulator/state").handler(ctx -> blocking(ctx, () -> json(emulator.stateAsJson())));
        router.get("/emulator/protection").handler(ctx -> blocking(ctx, () -> json(throttle.protection().toJson().toString())));
        router.post("/emulator/tokens/expire").handler(ctx -> blocking(ctx, () -> {
            emulator.expireIssuedTokens();
            return new ApiResponse(204);
        }));
        router.get("/emulator/deliveries").handler(ctx -> blocking(ctx, () -> json(
                ApiResponse.JSON.valueToTree(emulator.deliveries()).toString())));
        router.post("/emulator/incidents").handler(body).handler(ctx -> blocking(ctx, () -> {
            incidents.schedule(IncidentRequest.parse(bodyText(ctx)));
            return new ApiResponse(204);
        }));
        router.delete("/emulator/incidents").handler(ctx -> blocking(ctx, () -> {
            incidents.clear();
            return new ApiResponse(204);
        }));
        router.post("/emulator/reset").handler(ctx -> blocking(ctx, () -> {
            emulator.reset();
            return new ApiResponse(204);
        }));
        router.routeWithRegex("/api/data/(v9\\.[012])/.*").handler(body).handler(this::webApi);
        router.route("/api/data/*").handler(ctx -> write(ctx, webApiHeaders(ApiResponse.error(
                ApiError.noSuchSegment(ctx.request().path()), false))));
    }

    private void webApi(RoutingContext ctx) {
        TokenService.Check auth = tokens.authenticate(ctx.request().getHeader("Authorization"));
        if (auth.denied() != null) {
            write(ctx, webApiHeaders(auth.denied()));
            return;
        }
        String caller = auth.caller();
        FaultInjector.Draw draw = faults.draw();
        Incident incident = incidents.concerning(resourceOf(ctx));
        ApiResponse early = incident != null ? (incident.status() == 503 ? FaultInjector.unavailable()
                : throttle.denial(incident.retryAfterSeconds()))
                : draw.unavailable() ? FaultInjector.unavailable() : throttle.injected(draw.throttled());
        if (early == null) {
            ServiceProtection.Denial busy = throttle.protection().enter(caller);
            if (busy != null) {
                write(ctx, webApiHeaders(busy.response())); // the concurrency error is immediate: no latency
                return;
            }
        }
        ApiResponse refused = early;
        Runnable work = () -> {
            if (refused != null) {
                write(ctx, webApiHeaders(refused));
                return;
            }
            long[] cost = {0};
            ctx.vertx().executeBlocking(() -> admitted(ctx, caller, cost), false).onComplete(ar -> {
                ApiResponse r = ar.succeeded() ? ar.result() : ApiResponse.error(new ApiError(500, ApiError.UNEXPECTED,
                        "An unexpected error occurred."), false);
                long delay = options.protection().costAsLatency()
                        ? (long) Math.ceil(cost[0] / options.protection().timeScale()) : 0;
                after(ctx, delay, () -> {
                    throttle.protection().leave(caller);
                    write(ctx, webApiHeaders(r));
                });
            });
        };
        after(ctx, draw.latencyMs(), work);
    }

    /** The decoded resource path after {@code /api/data/v9.x/} ({@code accounts(…)}, {@code WhoAmI}, …). */
    private static String resourceOf(RoutingContext ctx) {
        String path = ctx.request().path();
        int at = path.indexOf('/', "/api/data/".length());
        return at < 0 ? "" : decodePath(path.substring(at + 1));
    }

    /** Past the concurrency gate, on a worker: the window limits, then the Web API itself. */
    private ApiResponse admitted(RoutingContext ctx, String caller, long[] cost) {
        try {
            String rawPath = ctx.request().path();
            String version = ctx.pathParam("param0");
            String prefix = "/api/data/" + version + "/";
            String resource = decodePath(rawPath.substring(Math.min(rawPath.length(), prefix.length())));
            String body = bodyText(ctx);
            ServiceProtection.Verdict verdict = throttle.protection().admit(caller, RequestCost.records(resource, body));
            if (verdict instanceof ServiceProtection.Denial d) {
                return d.response();
            }
            ServiceProtection.Admission admission = (ServiceProtection.Admission) verdict;
            cost[0] = admission.costMs();
            Map<String, String> headers = new LinkedHashMap<>();
            ctx.request().headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            ApiRequest req = new ApiRequest(ctx.request().method().name(), version, resource,
                    parseQuery(ctx.request().query()), headers, body);
            ApiResponse r = api.handle(req, origin(ctx.request()) + prefix,
                    emulator.identity().applicationUserOf(caller, List.copyOf(options.clients().keySet())));
            if (throttle.protection().enabled()) {
                r.header("x-ms-ratelimit-burst-remaining-xrm-requests", Long.toString(admission.requestsRemaining()));
                r.header("x-ms-ratelimit-time-remaining-xrm-requests", Long.toString(admission.executionMsRemaining()));
            }
            return r;
        } catch (ApiError e) {
            return ApiResponse.error(e, false);
        } catch (RuntimeException e) {
            return ApiResponse.error(new ApiError(500, ApiError.UNEXPECTED, "An unexpected error occurred: " + e), false);
        }
    }

    /**
     * The service root the caller addressed: its scheme and {@code Host} header (HTTP/2's {@code :authority}),
     * or {@link DataverseEmulator#baseUrl()} when it sent none, or one that is not a plain host[:port].
     */
    private String origin(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host == null) {
            HostAndPort authority = request.authority();
            host = authority == null ? null : authority.toString();
        }
        if (host == null || !HOST.matcher(host).matches()) {
            return emulator.baseUrl();
        }
        String scheme = request.scheme() == null ? "http" : request.scheme();
        return scheme + "://" + host;
    }

    private ApiResponse webApiHeaders(ApiResponse r) {
        if (options.dopHint() > 0) {
            r.header("x-ms-dop-hint", Integer.toString(options.dopHint()));
        }
        if (options.arrAffinityCookie()) {
            // Dataverse pins a client to one web server with this cookie; a good client drops it, and so may anyone
            r.header("Set-Cookie", "ARRAffinity=" + UUID.randomUUID().toString().replace("-", "") + "; Path=/; HttpOnly");
        }
        return r;
    }

    private static void after(RoutingContext ctx, long delayMs, Runnable action) {
        if (delayMs <= 0) {
            action.run();
        } else {
            ctx.vertx().setTimer(delayMs, id -> action.run());
        }
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
        if (ctx.response().ended() || ctx.response().closed()) {
            return; // the client went away while we worked or waited
        }
        HttpServerResponse response = ctx.response().setStatusCode(r.status());
        r.headers().forEach(response::putHeader);
        response.putHeader("OData-Version", "4.0");
        if (r.body() == null || r.status() == 204 || r.status() == 304) {
            response.end();
        } else {
            response.end(r.body());
        }
    }

    private static ApiResponse json(String body) {
        ApiResponse out = ApiResponse.text(200, body);
        out.headers().put("Content-Type", "application/json");
        return out;
    }

    private static String bodyText(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().asString("UTF-8");
    }

    /** Percent-decoding of a path: unlike a query string, '+' stays a plus sign. */
    static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Decoded {@code name=value} pairs of a query string or an {@code application/x-www-form-urlencoded} body. */
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
