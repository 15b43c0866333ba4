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
    ApplicationUsers users;

    @Inject
    MeterRegistry metrics;

    private static final ThreadLocal<String> LAST_USER = new ThreadLocal<>();

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
     * Each attempt takes a slot of one application user ({@link ApplicationUsers}); a 429 blocks that user for its
     * {@code Retry-After} and the attempt after it goes to whichever user is free first.
     */
    public DataverseResponse send(String method, String path, String jsonBody, Map<String, String> headers) {
        return send(method, path, jsonBody, headers, 1);
    }

    /**
     * As above, for a request that carries {@code records} records (a bulk write's targets): the user's pacing expects
     * it to cost Dataverse more than a single-record one.
     */
    public DataverseResponse send(String method, String path, String jsonBody, Map<String, String> headers, int records) {
        RetryPolicy policy = new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
        URI uri = URI.create(path.startsWith("http") ? path : apiBase() + path);
        int failures = 0;
        int throttles = 0;
        Duration throttledFor = Duration.ZERO;
        boolean tokenRenewed = false;
        while (true) {
            long asked = System.nanoTime();
            ApplicationUsers.Slot slot = users.take(records);
            HttpResponse<String> response;
            try {
                response = client().send(build(method, uri, jsonBody, headers, token(slot.user())),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                users.ended(slot);
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
                users.ended(slot);
                Thread.currentThread().interrupt();
                throw DataverseException.unreachable("interrupted", null);
            } catch (RuntimeException e) {
                users.ended(slot);
                throw e;
            }
            int status = response.statusCode();
            count(Integer.toString(status));
            if (LOG.isDebugEnabled()) {
                // for throughput work: how long the request waited for a slot, and how long Dataverse took
                long answered = System.nanoTime();
                LOG.debugf("%s %s (%d records) as %s: slot after %d ms, %d after %d ms", method, uri.getPath(), records,
                        slot.user().clientId(), (slot.started() - asked) / 1_000_000, status,
                        (answered - slot.started()) / 1_000_000);
            }
            if (status / 100 == 2 || status == 304) {
                users.answered(slot, remaining(response, "x-ms-ratelimit-burst-remaining-xrm-requests"),
                        remaining(response, "x-ms-ratelimit-time-remaining-xrm-requests"));
                LAST_USER.set(slot.user().clientId());
                return new DataverseResponse(status, response.headers(), response.body());
            }
            if (status == 429) {
                Duration wait = policy.throttleWait(response.headers().firstValue("Retry-After").orElse(null), ++throttles);
                users.throttled(slot, wait);
                throttledFor = throttledFor.plus(wait);
                if (throttledFor.compareTo(config.throttleMaxWait()) > 0) {
                    throw error(response, wait);
                }
                metrics.counter("gpm2dv.dataverse.throttled.wait.seconds").increment(wait.toMillis() / 1000.0);
                LOG.debugf("Dataverse throttled %s %s for %s; waiting %d s", method, uri.getPath(), slot.user().clientId(),
                        wait.toSeconds());
                continue; // the next slot is another user's, or this one's once its Retry-After has passed
            }
            if (ranOnTheServer(status)) {
                users.ran(slot); // an error answer Dataverse computed costs its window as a success does
            } else {
                users.ended(slot);
            }
            if (status == 401 && !tokenRenewed) {
                tokens.invalidate(slot.user());
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

    /**
     * Whether Dataverse ran a request it answered with this error status, spending the user's execution time on it: a
     * refusal of the record (400, 404, 412, 500 …) did; a token it refused (401) or a gateway that had no server for it
     * (502, 503, 504) did not, as far as the answer says.
     */
    static boolean ranOnTheServer(int status) {
        return status != 401 && status != 502 && status != 503 && status != 504;
    }

    /**
     * Signs in as every application user and asks Dataverse {@code WhoAmI} as each; each user's concurrency starts from
     * the {@code x-ms-dop-hint} of its answer. Throws {@link DataverseTokenProvider.CredentialsRefused} naming the first
     * user the token endpoint or Dataverse refuses, so a run never starts with a user that cannot write.
     */
    public void signInEveryUser() {
        for (ApplicationUser user : users.all()) {
            tokens.invalidate(user);
            String token = tokens.accessToken(user);
            HttpResponse<String> response;
            try {
                response = client().send(build("GET", URI.create(apiBase() + "WhoAmI"), null, null, token),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw DataverseException.unreachable(e.getClass().getSimpleName() + " asking WhoAmI as " + user.clientId(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DataverseException.unreachable("interrupted", null);
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                DataverseException e = error(response, null);
                throw new DataverseTokenProvider.CredentialsRefused(user.describe() + " has a token but Dataverse refused"
                        + " it (HTTP " + response.statusCode() + (e.code() == null ? "" : " " + e.code()) + "): is it an"
                        + " application user of this environment, with a security role?");
            }
            if (response.statusCode() / 100 != 2) {
                throw error(response, null);
            }
            int hint = response.headers().firstValue("x-ms-dop-hint").map(String::trim).filter(h -> h.matches("\\d{1,4}"))
                    .map(Integer::parseInt).orElse(0);
            users.startFrom(user, hint);
        }
    }

    /** A service protection header's number ("1,200.00" and "1200000" both read), NaN when absent or unreadable. */
    static double remaining(HttpResponse<String> response, String header) {
        String v = response.headers().firstValue(header).orElse(null);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.replace(",", "").trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The client id of the application user whose request last succeeded on this thread (who wrote a record). */
    public static String lastUser() {
        return LAST_USER.get();
    }

    private HttpRequest build(String method, URI uri, String jsonBody, Map<String, String> headers, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + token)
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
    private String token(ApplicationUser user) {
        try {
            return tokens.accessToken(user);
        } catch (RuntimeException e) {
            count("token-error");
            throw DataverseException.unreachable("token endpoint: " + io.gpm2dv.pipeline.SafeText.of(e),
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
