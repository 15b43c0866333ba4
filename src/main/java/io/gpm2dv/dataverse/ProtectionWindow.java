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
    }

    private static final double MIN_RATIO = 0.2;

    /** Weight of the newest answer in the expected latency of a request in flight. */
    private static final double SMOOTHING = 0.2;

    private final long windowNanos;
    private final long executionNanos;
    private final int requests;
    private final ArrayDeque<long[]> answered = new ArrayDeque<>(); // {started, latency}, oldest start first
    private long latencySum;
    private double expectedLatency;
    /**
     * What Dataverse counts per unit of this account (its {@code time-remaining} header against the account when the
     * request started): latency overstates execution time by the network and the server's queue, and a budget left
     * unused is throughput lost. Starts at 1 (the account as it is: never more than Dataverse allows).
     */
    private double serverRatio = 1;

    ProtectionWindow(Budget budget) {
        this.windowNanos = budget.window().toNanos();
        this.executionNanos = budget.executionTime().toNanos();
        this.requests = budget.requests();
    }

    /**
     * Whether Dataverse has shown that it counts (an answer carried its {@code x-ms-ratelimit-*-remaining} headers).
     * Until then nothing is paced: a server without service protection (the emulator by default) sends none, and
     * pacing to a budget nobody enforces would only slow the run.
     */
    private boolean counted;

    /** Dataverse answered with its remaining-budget headers: from now on the account paces. */
    void counted() {
        counted = true;
    }

    /** Whether one more request may start now without the window going over the budget. */
    boolean allows(long now, int inFlight) {
        prune(now);
        if (!counted) {
            return true;
        }
        if (requests > 0 && answered.size() + inFlight + 1 > requests) {
            return false;
        }
        if (executionNanos <= 0 || (inFlight == 0 && latencySum * serverRatio < executionNanos)) {
            return true; // with nothing in flight one request always may go, however long the last ones took
        }
        return (latencySum + (inFlight + 1) * expectedLatency) * serverRatio <= executionNanos;
    }

    /** The share of the execution-time budget the account holds with {@code inFlight} requests out (NaN: pacing off). */
    double account(int inFlight) {
        return executionNanos <= 0 ? Double.NaN : (latencySum + inFlight * expectedLatency) / executionNanos;
    }

    /**
     * Calibrates the account against Dataverse: a request started when the account held {@code accountAtStart} of the
     * budget (itself included) was admitted with {@code serverUsed} of the window used (its header, itself included).
     * Only a window at least a quarter full says anything; the ratio moves a fifth of the way each time and stays
     * within [0.2, 1.5]: a server that queues requests under load answers several times slower than it counts.
     */
    void calibrate(double accountAtStart, double serverUsed) {
        if (Double.isNaN(accountAtStart) || Double.isNaN(serverUsed) || accountAtStart < 0.25 || serverUsed <= 0) {
            return;
        }
        double ratio = Math.max(MIN_RATIO, Math.min(1.5, serverUsed / accountAtStart));
        serverRatio = (1 - SMOOTHING) * serverRatio + SMOOTHING * ratio;
    }

    double serverRatio() {
        return serverRatio;
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

    private void prune(long now) {
        while (!answered.isEmpty() && now - answered.peekFirst()[0] >= windowNanos) {
            latencySum -= answered.removeFirst()[1];
        }
    }
}
