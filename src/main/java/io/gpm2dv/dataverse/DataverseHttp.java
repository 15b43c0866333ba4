package io.gpm2dv.dataverse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends one Web API request and survives what Dataverse expects a client to survive: waits out 429 with
 * {@code Retry-After}, retries 503 and network failures with bounded back-off, and renews the token once on
 * 401. Cookies are never kept, so requests spread over the web servers (no ARRAffinity).
 */
@ApplicationScoped
public class DataverseHttp {
    private static final Logger LOG = Logger.getLogger(DataverseHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataverseConfig config;

    @Inject
    DataverseTokenProvider tokens;

    @Inject
    MeterRegistry metrics;

    private volatile HttpClient http;

    /** Base of every resource path: {@code <url>/api/data/<version>/}. */
    public String apiBase() {
        return DataverseTokenProvider.trimSlash(config.url()) + "/api/data/" + config.apiVersion() + "/";
    }

    public DataverseResponse get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    /**
     * Sends {@code method path} (path relative to {@link #apiBase()}, or absolute as in an
     * {@code @odata.nextLink}) and returns the 2xx answer; anything else ends in a {@link DataverseException}.
     */
    public DataverseResponse send(String method, String path, String jsonBody, Map<String, String> headers) {
        RetryPolicy policy = new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
        URI uri = URI.create(path.startsWith("http") ? path : apiBase() + path);
        int failures = 0;
        int throttles = 0;
        Duration throttledFor = Duration.ZERO;
        boolean tokenRenewed = false;
        while (true) {
            HttpResponse<String> response;
            try {
                response = client().send(build(method, uri, jsonBody, headers), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failures++;
                count("network-error");
                Duration backoff = policy.backoff(failures);
                if (failures >= policy.maxAttempts() || RetryBudget.exceededBy(backoff)) {
                    throw DataverseException.unreachable(e.getClass().getSimpleName() + " after " + failures
                            + " attempts", backoff);
                }
                LOG.warnf("Dataverse %s %s: network failure (%s), attempt %d of %d", method, uri.getPath(),
                        e.getClass().getSimpleName(), failures, policy.maxAttempts());
                sleep(backoff);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DataverseException.unreachable("interrupted", null);
            }
            int status = response.statusCode();
            count(Integer.toString(status));
            if (status / 100 == 2 || status == 304) {
                return new DataverseResponse(status, response.headers(), response.body());
            }
            if (status == 429) {
                Duration wait = policy.throttleWait(response.headers().firstValue("Retry-After").orElse(null), ++throttles);
                throttledFor = throttledFor.plus(wait);
                if (throttledFor.compareTo(config.throttleMaxWait()) > 0 || RetryBudget.exceededBy(wait)) {
                    throw error(response, wait);
                }
                metrics.counter("gpm2dv.dataverse.throttled.wait.seconds").increment(wait.toMillis() / 1000.0);
                LOG.debugf("Dataverse throttled %s %s; waiting %d s", method, uri.getPath(), wait.toSeconds());
                sleep(wait);
                continue;
            }
            if (status == 401 && !tokenRenewed) {
                tokens.invalidate();
                tokenRenewed = true;
                continue;
            }
            if (status == 502 || status == 503 || status == 504) {
                failures++;
                Duration backoff = policy.backoff(failures);
                if (failures >= policy.maxAttempts() || RetryBudget.exceededBy(backoff)) {
                    throw error(response, backoff);
                }
                LOG.warnf("Dataverse %s %s answered %d, attempt %d of %d", method, uri.getPath(), status, failures,
                        policy.maxAttempts());
                sleep(backoff);
                continue;
            }
            throw error(response, null);
        }
    }

    private HttpRequest build(String method, URI uri, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0")
                .header("OData-Version", "4.0");
        if (headers != null) {
            headers.forEach(b::header);
        }
        if (jsonBody != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    /** A token, or a transient failure when the token endpoint does not give one (an outage of sign-in). */
    private String token() {
        try {
            return tokens.accessToken();
        } catch (RuntimeException e) {
            count("token-error");
            throw DataverseException.unreachable("token endpoint: " + e.getClass().getSimpleName(),
                    config.initialBackoff());
        }
    }

    private static DataverseException error(HttpResponse<String> response, Duration retryAfter) {
        String code = null;
        String message = response.body();
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (!error.isMissingNode()) {
                code = error.path("code").asText(null);
                message = error.path("message").asText("");
            }
        } catch (Exception notJson) {
            message = message == null ? "" : message.substring(0, Math.min(message.length(), 500));
        }
        return new DataverseException(response.statusCode(), code, message, retryAfter);
    }

    private void count(String status) {
        metrics.counter("gpm2dv.dataverse.requests", "status", status).increment();
    }

    private HttpClient client() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(config.connectTimeout())
                            .build();
                }
            }
        }
        return http;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DataverseException.unreachable("interrupted while waiting to retry", null);
        }
    }
}
