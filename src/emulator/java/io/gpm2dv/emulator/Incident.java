package io.gpm2dv.emulator;

import java.time.Duration;

/**
 * A scripted episode of trouble, the way a cloud service has them: Web API requests answered only {@code 503}
 * (an outage) or only {@code 429} with a fixed {@code Retry-After} (a long throttle) for {@code duration}. It
 * begins at the first request after {@code afterRequests} requests counted from when it was scheduled, and
 * concerns every entity set or only the one named ({@code accounts} matches {@code accounts(…)},
 * {@code accounts?…} and {@code accounts/Microsoft.Dynamics.CRM.UpsertMultiple}).
 */
public record Incident(int status, Duration duration, long afterRequests, String entitySet, int retryAfterSeconds) {

    public Incident {
        if (status != 503 && status != 429) {
            throw new IllegalArgumentException("an incident answers 503 or 429, not " + status);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("an incident lasts a positive duration");
        }
        if (afterRequests < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("afterRequests and retryAfterSeconds must not be negative");
        }
    }

    /** Every request answered 503 for {@code duration}, beginning after {@code afterRequests} requests. */
    public static Incident outage(Duration duration, long afterRequests) {
        return new Incident(503, duration, afterRequests, null, 0);
    }

    /** Requests to {@code entitySet} (null: all) answered 429 with {@code Retry-After: retryAfter} for {@code duration}. */
    public static Incident throttle(Duration duration, long afterRequests, String entitySet, Duration retryAfter) {
        return new Incident(429, duration, afterRequests, entitySet, (int) retryAfter.toSeconds());
    }

    /** The same incident, limited to requests to {@code set}. */
    public Incident concerning(String set) {
        return new Incident(status, duration, afterRequests, set, retryAfterSeconds);
    }

    boolean concerns(String resourcePath) {
        if (entitySet == null) {
            return true;
        }
        if (!resourcePath.startsWith(entitySet)) {
            return false;
        }
        String rest = resourcePath.substring(entitySet.length());
        return rest.isEmpty() || rest.startsWith("(") || rest.startsWith("?") || rest.startsWith("/");
    }
}
