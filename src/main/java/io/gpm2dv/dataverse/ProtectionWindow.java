package io.gpm2dv.dataverse;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One application user's own account of its service protection window (API §7): the requests it started in the last
 * window and the time Dataverse took to answer them, which is what the execution-time limit counts (a request's
 * execution time is at most its latency). A request may start while the window, with what the requests in flight are
 * expected to take, stays within the budget; so the load goes as fast as the budget frees up, instead of running into a
 * 429 whose block every request sent during it lengthens. At the start (an empty window) that is a burst up to the
 * budget, which a sliding window allows. Dataverse still decides: the 429 handling of {@link ConcurrencyLimit} stays,
 * for an environment whose budget is smaller than configured (one with several web servers has more, and then this
 * only costs some of that extra). Not thread-safe: guarded by {@link ApplicationUsers}' lock. Times are nanoTime.
 */
final class ProtectionWindow {
    /** What Dataverse allows one user per window; a zero turns that part of the pacing off. */
    record Budget(Duration window, Duration executionTime, int requests) {
        static final Budget OFF = new Budget(Duration.ofMinutes(5), Duration.ZERO, 0);

        boolean off() {
            return executionTime.isZero() && requests == 0;
        }
    }

    /** Weight of the newest answer in the expected latency of a request in flight. */
    private static final double SMOOTHING = 0.2;

    private final long windowNanos;
    private final long executionNanos;
    private final int requests;
    private final ArrayDeque<long[]> answered = new ArrayDeque<>(); // {started, latency}, oldest start first
    private long latencySum;
    private double expectedLatency;

    ProtectionWindow(Budget budget) {
        this.windowNanos = budget.window().toNanos();
        this.executionNanos = budget.executionTime().toNanos();
        this.requests = budget.requests();
    }

    /** Whether one more request may start now without the window going over the budget. */
    boolean allows(long now, int inFlight) {
        prune(now);
        if (requests > 0 && answered.size() + inFlight + 1 > requests) {
            return false;
        }
        return executionNanos <= 0 || latencySum + (inFlight + 1) * expectedLatency <= executionNanos;
    }

    /** A request that started at {@code started} was answered now (a 429 is not counted: Dataverse did not run it). */
    void answered(long started, long now) {
        long latency = Math.max(0, now - started);
        expectedLatency = expectedLatency == 0 ? latency : (1 - SMOOTHING) * expectedLatency + SMOOTHING * latency;
        // kept in start order, as the window slides by start: an answer may arrive after a later request's
        long[] entry = {started, latency};
        if (answered.isEmpty() || answered.peekLast()[0] - started <= 0) {
            answered.addLast(entry);
        } else {
            ArrayDeque<long[]> later = new ArrayDeque<>();
            while (!answered.isEmpty() && answered.peekLast()[0] - started > 0) {
                later.addFirst(answered.removeLast());
            }
            answered.addLast(entry);
            answered.addAll(later);
        }
        latencySum += latency;
        prune(now);
    }

    /** Nanoseconds until the oldest answered request leaves the window (when it frees budget); 0 when empty. */
    long untilOldestLeaves(long now) {
        return answered.isEmpty() ? 0 : Math.max(0, answered.peekFirst()[0] + windowNanos - now);
    }

    /** The window's execution time, as this client counts it (answers only). */
    Duration used(long now) {
        prune(now);
        return Duration.ofNanos(latencySum);
    }

    private void prune(long now) {
        while (!answered.isEmpty() && now - answered.peekFirst()[0] >= windowNanos) {
            latencySum -= answered.removeFirst()[1];
        }
    }
}
