package io.gpm2dv.emulator;

import java.time.Duration;

/**
 * The service protection limits of API §7, evaluated per caller over a sliding window: request count, combined
 * execution time (a modelled cost per request, {@code costBaseMs + costPerRecordMs × records}, never measured)
 * and concurrent requests. {@code timeScale} compresses time for benchmarks: at 60 a 300 s window lasts 5 s of
 * wall time and {@code Retry-After} shrinks alike, while counts and costs keep Dataverse's numbers.
 */
public record ServiceProtectionLimits(boolean enabled, int requestsPerWindow, Duration window, long executionTimeMsPerWindow,
        int concurrentRequests, long costBaseMs, long costPerRecordMs, double timeScale, long retryAfterStepSeconds,
        boolean costAsLatency) {

    /** Dataverse's published numbers: 6000 requests, 1,200,000 ms, 300 s, 52 concurrent. */
    public static final int REQUESTS = 6000;
    public static final Duration WINDOW = Duration.ofSeconds(300);
    public static final long EXECUTION_MS = 1_200_000;
    public static final int CONCURRENT = 52;

    public ServiceProtectionLimits {
        if (requestsPerWindow < 1 || executionTimeMsPerWindow < 1 || concurrentRequests < 1) {
            throw new IllegalArgumentException("service protection limits must be positive");
        }
        if (window == null || window.toMillis() < 1) {
            throw new IllegalArgumentException("the service protection window must be at least 1 ms");
        }
        if (costBaseMs < 0 || costPerRecordMs < 0 || retryAfterStepSeconds < 0) {
            throw new IllegalArgumentException("costs and the Retry-After step must not be negative");
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a positive number");
        }
    }

    /**
     * Dataverse's numbers, switched on, real time. The default costs (20 ms a request, 10 ms a record) are the
     * emulator's assumption, not a published figure.
     */
    public static ServiceProtectionLimits dataverse() {
        return new ServiceProtectionLimits(true, REQUESTS, WINDOW, EXECUTION_MS, CONCURRENT, 20, 10, 1.0, 5, false);
    }

    /** The same numbers, switched off: what {@link EmulatorOptions#defaults()} carries. */
    public static ServiceProtectionLimits off() {
        return dataverse().withEnabled(false);
    }

    public ServiceProtectionLimits withEnabled(boolean on) {
        return new ServiceProtectionLimits(on, requestsPerWindow, window, executionTimeMsPerWindow, concurrentRequests,
                costBaseMs, costPerRecordMs, timeScale, retryAfterStepSeconds, costAsLatency);
    }

    public ServiceProtectionLimits withRequests(int perWindow, Duration w) {
        return new ServiceProtectionLimits(enabled, perWindow, w, executionTimeMsPerWindow, concurrentRequests,
                costBaseMs, costPerRecordMs, timeScale, retryAfterStepSeconds, costAsLatency);
    }

    public ServiceProtectionLimits withExecutionTimeMs(long perWindow) {
        return new ServiceProtectionLimits(enabled, requestsPerWindow, window, perWindow, concurrentRequests,
                costBaseMs, costPerRecordMs, timeScale, retryAfterStepSeconds, costAsLatency);
    }

    public ServiceProtectionLimits withConcurrentRequests(int n) {
        return new ServiceProtectionLimits(enabled, requestsPerWindow, window, executionTimeMsPerWindow, n,
                costBaseMs, costPerRecordMs, timeScale, retryAfterStepSeconds, costAsLatency);
    }

    /** The modelled execution time of a request: {@code baseMs + perRecordMs × records}. */
    public ServiceProtectionLimits withCost(long baseMs, long perRecordMs) {
        return new ServiceProtectionLimits(enabled, requestsPerWindow, window, executionTimeMsPerWindow, concurrentRequests,
                baseMs, perRecordMs, timeScale, retryAfterStepSeconds, costAsLatency);
    }

    /** Wall time runs {@code factor} times faster than modelled time (60: a 300 s window lasts 5 s). */
    public ServiceProtectionLimits withTimeScale(double factor) {
        return new ServiceProtectionLimits(enabled, requestsPerWindow, window, executionTimeMsPerWindow, concurrentRequests,
                costBaseMs, costPerRecordMs, factor, retryAfterStepSeconds, costAsLatency);
    }

    /** How many modelled seconds each request sent while blocked adds to the block (continued pressure). */
    public ServiceProtectionLimits withRetryAfterStepSeconds(long s) {
        return new ServiceProtectionLimits(enabled, requestsPerWindow, window, executionTimeMsPerWindow, concurrentRequests,
                costBaseMs, costPerRecordMs, timeScale, s, costAsLatency);
    }

    /** Whether each answer is also delayed by its modelled cost (divided by the time scale). */
    public ServiceProtectionLimits withCostAsLatency(boolean on) {
        return new ServiceProtectionLimits(enabled, requestsPerWindow, window, executionTimeMsPerWindow, concurrentRequests,
                costBaseMs, costPerRecordMs, timeScale, retryAfterStepSeconds, on);
    }

    /** The modelled execution time of one request touching {@code records} records. */
    public long cost(int records) {
        return costBaseMs + costPerRecordMs * Math.max(1, records);
    }
}
