package io.gpm2dv.dataverse;

import java.time.Duration;

/** Exponential back-off for 503 and network failures, and the wait for a 429 answer. */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration initial;
    private final Duration max;

    public RetryPolicy(int maxAttempts, Duration initial, Duration max) {
        this.maxAttempts = maxAttempts;
        this.initial = initial;
        this.max = max;
    }

    public int maxAttempts() { return maxAttempts; }

    /** Delay before attempt {@code attempt + 1} after {@code attempt} failures (1-based): initial × 2^(attempt-1), capped. */
    public Duration backoff(int attempt) {
        long millis = initial.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /**
     * Wait for a 429: {@code Retry-After} seconds exactly when present; else back off exponentially (2^n s),
     * as Microsoft's guidance says.
     */
    public Duration throttleWait(String retryAfterHeader, int throttledAttempt) {
        if (retryAfterHeader != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfterHeader.trim())));
            } catch (NumberFormatException ignored) {
                // an HTTP-date form is legal HTTP but Dataverse sends seconds; fall through to back-off
            }
        }
        return Duration.ofSeconds(Math.min(1L << Math.min(throttledAttempt, 8), max.toSeconds()));
    }
}
