package io.gpm2dv.emulator;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Dataverse's service protection limits (API §7) per caller over a sliding window: number of requests, combined
 * execution time and concurrent requests. Execution time is a modelled cost per admitted request, so the model
 * never sleeps and a test can drive it with a manual clock. Time runs {@code timeScale} times faster than the
 * wall clock, so "real Dataverse numbers" fit in a benchmark.
 *
 * <p>A request refused for count or time blocks the caller until the advertised {@code Retry-After} has passed;
 * every request sent while blocked (continued pressure) is refused too and lengthens the block by
 * {@code retryAfterStepSeconds}. A request beyond the concurrency limit is refused at once, without a block.
 */
final class ServiceProtection {
    static final String REQUESTS_CODE = "0x80072322";
    static final String TIME_CODE = "0x80072321";
    static final String CONCURRENCY_CODE = "0x80072326";

    /** What {@link #admit(String, int)} decides. */
    sealed interface Verdict permits Denial, Admission {
    }

    /** A refusal: the error code and message of §7 and the integer {@code Retry-After} seconds (wall time). */
    record Denial(String code, String message, int retryAfterSeconds) implements Verdict {
        ApiResponse response() {
            return ApiResponse.error(new ApiError(429, code, message), false)
                    .header("Retry-After", Integer.toString(retryAfterSeconds));
        }
    }

    /** An admitted request: its modelled cost and what is left of the caller's window after it. */
    record Admission(long costMs, long requestsRemaining, long executionMsRemaining) implements Verdict {
    }

    private static final class Window {
        final ArrayDeque<long[]> entries = new ArrayDeque<>(); // {model time ms, cost ms}, oldest first
        long costSum;
        long blockedUntil = Long.MIN_VALUE;
        String blockCode;
        int inFlight;
        // totals since start or reset, never pruned
        long requestsTotal;
        long executionMsTotal;
        long throttledRequests;
        long throttledTime;
        long throttledConcurrency;
    }

    private final ServiceProtectionLimits limits;
    private final LongSupplier wallMillis;
    private final Map<String, Window> callers = new ConcurrentHashMap<>();
    private final long windowMs;
    private volatile long origin;

    ServiceProtection(ServiceProtectionLimits limits, LongSupplier wallMillis) {
        this.limits = limits;
        this.wallMillis = wallMillis;
        this.windowMs = limits.window().toMillis();
        this.origin = wallMillis.getAsLong();
    }

    boolean enabled() {
        return limits.enabled();
    }

    /** Takes a concurrency slot for {@code caller}; the denial when all are taken (then no slot is held). */
    Denial enter(String caller) {
        if (!limits.enabled()) {
            return null;
        }
        Window w = window(caller);
        synchronized (w) {
            if (w.inFlight >= limits.concurrentRequests()) {
                w.throttledConcurrency++;
                return new Denial(CONCURRENCY_CODE, "Number of concurrent requests exceeded the limit of "
                        + limits.concurrentRequests() + ".", 1);
            }
            w.inFlight++;
            return null;
        }
    }

    /** Gives back the slot taken by a successful {@link #enter(String)}. */
    void leave(String caller) {
        if (!limits.enabled()) {
            return;
        }
        Window w = window(caller);
        synchronized (w) {
            w.inFlight = Math.max(0, w.inFlight - 1);
        }
    }

    /**
     * Counts a request touching {@code records} records against the caller's window: its admission, or the
     * denial when the caller is blocked or the request count or execution time of the window is used up.
     */
    Verdict admit(String caller, int records) {
        long cost = limits.cost(records);
        if (!limits.enabled()) {
            return new Admission(cost, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        Window w = window(caller);
        synchronized (w) {
            long now = modelNow();
            prune(w, now);
            if (now < w.blockedUntil) {
                return deny(w, w.blockCode, now, w.blockedUntil - now + limits.retryAfterStepSeconds() * 1000);
            }
            if (w.entries.size() >= limits.requestsPerWindow()) {
                int expiring = w.entries.size() - limits.requestsPerWindow(); // this many + 1 must leave the window
                long[] e = nth(w, expiring);
                return deny(w, REQUESTS_CODE, now, e[0] + windowMs - now);
            }
            if (w.costSum >= limits.executionTimeMsPerWindow()) {
                long left = w.costSum;
                long until = now;
                for (long[] e : w.entries) {
                    left -= e[1];
                    until = e[0] + windowMs;
                    if (left < limits.executionTimeMsPerWindow()) {
                        break;
                    }
                }
                return deny(w, TIME_CODE, now, until - now);
            }
            w.entries.addLast(new long[] {now, cost});
            w.costSum += cost;
            w.requestsTotal++;
            w.executionMsTotal += cost;
            return new Admission(cost, limits.requestsPerWindow() - w.entries.size(),
                    Math.max(0, limits.executionTimeMsPerWindow() - w.costSum));
        }
    }

    /** Forgets every caller's window, block and slot; time restarts at the current wall time. */
    void reset() {
        callers.clear();
        origin = wallMillis.getAsLong();
    }

    /**
     * The limits and, per caller, what its window holds now and its totals since start or reset: admitted requests,
     * their modelled cost, the 429s answered by cause; {@code since} is the wall milliseconds since start or reset
     * (served at {@code GET /emulator/protection}).
     */
    ObjectNode toJson() {
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("enabled", limits.enabled());
        out.put("since", wallMillis.getAsLong() - origin);
        ObjectNode l = out.putObject("limits");
        l.put("requestsPerWindow", limits.requestsPerWindow());
        l.put("windowSeconds", limits.window().toSeconds());
        l.put("executionTimeMsPerWindow", limits.executionTimeMsPerWindow());
        l.put("concurrentRequests", limits.concurrentRequests());
        l.put("costBaseMs", limits.costBaseMs());
        l.put("costPerRecordMs", limits.costPerRecordMs());
        l.put("timeScale", limits.timeScale());
        l.put("retryAfterStepSeconds", limits.retryAfterStepSeconds());
        ObjectNode c = out.putObject("callers");
        callers.forEach((caller, w) -> {
            synchronized (w) {
                long now = modelNow();
                prune(w, now);
                ObjectNode o = c.putObject(caller);
                o.put("requests", w.entries.size());
                o.put("executionMs", w.costSum);
                o.put("inFlight", w.inFlight);
                o.put("blockedForMs", Math.max(0, (long) Math.ceil((w.blockedUntil - (double) now) / limits.timeScale())));
                o.put("requestsTotal", w.requestsTotal);
                o.put("executionMsTotal", w.executionMsTotal);
                o.put("throttledTotal", w.throttledRequests + w.throttledTime + w.throttledConcurrency);
                ObjectNode by = o.putObject("throttledByLimit");
                by.put("requests", w.throttledRequests);
                by.put("time", w.throttledTime);
                by.put("concurrency", w.throttledConcurrency);
            }
        });
        return out;
    }

    int inFlight(String caller) {
        Window w = window(caller);
        synchronized (w) {
            return w.inFlight;
        }
    }

    private Denial deny(Window w, String code, long now, long retryModelMs) {
        int seconds = (int) Math.max(1, Math.ceil(retryModelMs / limits.timeScale() / 1000.0));
        // the block ends exactly when the advertised wait does, so a caller honouring Retry-After gets in
        w.blockedUntil = now + (long) Math.ceil(seconds * 1000.0 * limits.timeScale());
        w.blockCode = code;
        if (REQUESTS_CODE.equals(code)) {
            w.throttledRequests++;
        } else {
            w.throttledTime++;
        }
        return new Denial(code, message(code), seconds);
    }

    /** The §7 message of a count or time refusal, with this model's limits. */
    String message(String code) {
        long windowSeconds = limits.window().toSeconds();
        if (REQUESTS_CODE.equals(code)) {
            return "Number of requests exceeded the limit of " + limits.requestsPerWindow() + " over time window of "
                    + windowSeconds + " seconds.";
        }
        return String.format(Locale.US, "Combined execution time of incoming requests exceeded limit of %,d milliseconds "
                + "over time window of %d seconds. Decrease number of concurrent requests or reduce the duration of "
                + "requests and try again later.", limits.executionTimeMsPerWindow(), windowSeconds);
    }

    private void prune(Window w, long now) {
        while (!w.entries.isEmpty() && w.entries.peekFirst()[0] <= now - windowMs) {
            w.costSum -= w.entries.removeFirst()[1];
        }
    }

    private static long[] nth(Window w, int index) {
        int i = 0;
        for (long[] e : w.entries) {
            if (i++ == index) {
                return e;
            }
        }
        return w.entries.peekLast();
    }

    /** Modelled milliseconds since the start (or last reset): wall time multiplied by the time scale. */
    private long modelNow() {
        return (long) Math.floor((wallMillis.getAsLong() - origin) * limits.timeScale());
    }

    private Window window(String caller) {
        return callers.computeIfAbsent(caller == null ? "" : caller, k -> new Window());
    }
}
