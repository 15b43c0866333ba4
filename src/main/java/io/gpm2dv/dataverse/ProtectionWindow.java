package io.gpm2dv.dataverse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

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
    /**
     * What one user may spend per window; a zero turns that part of the pacing off. {@code share} is the part of what
     * Dataverse allows that this is (1: all of it), so that the account is calibrated against Dataverse's own count in
     * the same units.
     */
    record Budget(Duration window, Duration executionTime, int requests, double share, Duration spacing) {
        static final Budget OFF = new Budget(Duration.ofMinutes(5), Duration.ZERO, 0);

        Budget(Duration window, Duration executionTime, int requests) {
            this(window, executionTime, requests, 1, Duration.ZERO);
        }

        /** This budget with requests spaced by {@code spacing} near its top ({@link #SPACED_ABOVE}; zero: not spaced). */
        Budget spacedBy(Duration spacing) {
            return new Budget(window, executionTime, requests, share, spacing);
        }

        /**
         * The budget to pace to for what Dataverse allows: 95 % of it. Dataverse admits a request while the window is
         * under its budget, so an account that aims at exactly the budget meets a 429 at every estimate that falls
         * short, and each 429 blocks the user for seconds (measured: 70 of them, 746 s waited, in a three-user run
         * paced to 100 %).
         */
        static Budget below(Duration window, Duration executionTime, int requests) {
            return new Budget(window, Duration.ofNanos((long) (executionTime.toNanos() * PACE_TO)), (int) (requests * PACE_TO),
                    PACE_TO, Duration.ZERO);
        }
    }

    /** The share of Dataverse's budget the pacing aims at. */
    static final double PACE_TO = 0.95;

    /**
     * Above this share of the paced budget, requests start one at a time, {@link Budget#spacing} apart. A 429 comes
     * back within milliseconds, but requests that leave together all reach Dataverse before it, and each request that
     * reaches a blocked user lengthens the block (measured: bursts of eight 429s in a row, a user blocked for over a
     * minute). Spaced, the first 429 stops the next request; below this share a burst still has a fifth of the budget to
     * land in, and the start of a run or the end of a lull fills the window at once.
     */
    static final double SPACED_ABOVE = 0.8;

    private static final double MIN_RATIO = 0.2;

    /** Weight of the newest calibration in the server ratio. */
    private static final double SMOOTHING = 0.2;
    /** Decay of the cost model's sums per answer: about the last twenty answers count. */
    private static final double MODEL_DECAY = 0.95;

    private final long windowNanos;
    private final long executionNanos;
    private final int requests;
    /** The budget's share of what Dataverse allows. */
    private final double share;
    private final long spacingNanos;
    /** When the last request started (nanoTime), for the spacing near the top of the window. */
    private long lastStart;
    private final ArrayDeque<long[]> answered = new ArrayDeque<>(); // {started, latency}, oldest start first
    private long latencySum;
    /**
     * What a request in flight is expected to take: {@code perRequest + perRecord × records}, fitted to the answers
     * (least squares, older answers decaying). A bulk write of 100 records costs Dataverse twenty times what a read of
     * its ids does; one average for both would let a burst of bulk writes run the window over its budget.
     */
    private double perRequest;
    private double perRecord;
    private double n0;
    private double sumX;
    private double sumY;
    private double sumXX;
    private double sumXY;
    /**
     * What Dataverse counts per unit of this account (its {@code time-remaining} header against the account when the
     * request started): latency overstates execution time by the network and the server's queue, and a budget left
     * unused is throughput lost. Starts at 1 (the account as it is: never more than Dataverse allows).
     */
    private double serverRatio = 1;

    /** The requests in flight, {started, records}: which of them Dataverse had admitted when it last reported. */
    private final List<long[]> pending = new ArrayList<>();
    /**
     * Dataverse's latest report: the start of the latest-started answered request whose answer said how much of the
     * window it had used, and that share of all Dataverse allows (the request itself included). A request's report is
     * as old as the request: a bulk write answers seconds after Dataverse admitted it, and meanwhile others were
     * admitted; so the report is brought forward with the account's estimate of what started since and what left
     * the window since, a slice of the window instead of all of it.
     */
    private boolean reported;
    private long reportStart;
    private double reportUsed;
    /** Answered requests that left the window after the report's window began, {started, latency}, oldest first. */
    private final ArrayDeque<long[]> leftSinceReport = new ArrayDeque<>();
    private long leftSinceReportSum;

    ProtectionWindow(Budget budget) {
        this.windowNanos = budget.window().toNanos();
        this.executionNanos = budget.executionTime().toNanos();
        this.requests = budget.requests();
        this.share = budget.share();
        this.spacingNanos = budget.spacing().toNanos();
    }

    /**
     * Whether Dataverse has shown that it counts (an answer carried its {@code x-ms-ratelimit-*-remaining} headers).
     * Until then nothing is paced: a server without service protection (the emulator by default) sends none, and
     * pacing to a budget nobody enforces would only slow the run.
     */
    private boolean counted;

    /** Whether requests are paced to an execution-time budget (configured, and Dataverse has shown that it counts). */
    boolean paces() {
        return counted && executionNanos > 0;
    }

    /** Dataverse answered with its remaining-budget headers: from now on the account paces. */
    void counted() {
        counted = true;
    }

    /**
     * Whether one more request of {@code records} records may start now without the window going over the budget, with
     * {@code inFlight} requests of {@code inFlightRecords} records in all out. What the window holds is Dataverse's
     * latest report brought forward ({@link #reportedUse}) while one is fresh, otherwise the account scaled by the
     * server ratio.
     */
    boolean allows(long now, int inFlight, long inFlightRecords, int records) {
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
        double use = reportFresh(now) ? reportedUse() : (latencySum + expected(inFlight, inFlightRecords)) * serverRatio;
        if (use + expected(1, records) * serverRatio > executionNanos) {
            return false;
        }
        // Reached only once an answer has come (counted) and a request was started, so lastStart is set.
        return spacingNanos <= 0 || use < SPACED_ABOVE * executionNanos || now - lastStart >= spacingNanos;
    }

    /**
     * A report is fresh while its request started less than half a window ago: older, most of what it counted has
     * left the window and the estimate of what replaced it is most of the answer.
     */
    private boolean reportFresh(long now) {
        return reported && now - reportStart < windowNanos / 2;
    }

    /**
     * What the window holds now by Dataverse's latest report (in the account's units, nanoseconds of the paced
     * budget's scale): the report, plus the requests started after the reported one (answered: their latency; in
     * flight: the cost model), less the answered requests that left the window since; the two slices in Dataverse's
     * units through the server ratio.
     */
    private double reportedUse() {
        double since = 0;
        for (Iterator<long[]> i = answered.descendingIterator(); i.hasNext();) {
            long[] e = i.next();
            if (e[0] - reportStart <= 0) {
                break;
            }
            since += e[1];
        }
        for (long[] p : pending) {
            if (p[0] - reportStart > 0) {
                since += expected(1, p[1]);
            }
        }
        return reportUsed * executionNanos / share + (since - leftSinceReportSum) * serverRatio;
    }

    /**
     * Dataverse reported {@code used} of all it allows in the window (1 − its {@code time-remaining} header ÷ the
     * most it has reported) for the request started at {@code started}. The latest-started report is kept (of two
     * with one start, the later answer).
     */
    void reported(long started, double used) {
        if (Double.isNaN(used) || (reported && started - reportStart < 0)) {
            return;
        }
        reported = true;
        reportStart = started;
        reportUsed = used;
        while (!leftSinceReport.isEmpty() && leftSinceReport.peekFirst()[0] - (reportStart - windowNanos) <= 0) {
            leftSinceReportSum -= leftSinceReport.removeFirst()[1];
        }
    }

    /** A request of {@code records} records started at {@code started}. */
    void started(long started, int records) {
        pending.add(new long[] {started, records});
        lastStart = started;
    }

    /** The request of {@code records} records started at {@code started} is no longer in flight (any outcome). */
    void ended(long started, int records) {
        for (Iterator<long[]> i = pending.iterator(); i.hasNext();) {
            long[] p = i.next();
            if (p[0] == started && p[1] == records) {
                i.remove();
                return;
            }
        }
    }

    /** The share of the paced budget the window holds by Dataverse's latest report brought forward (NaN: none fresh). */
    double reportedShare(long now) {
        prune(now);
        return executionNanos > 0 && reportFresh(now) ? reportedUse() / executionNanos : Double.NaN;
    }

    /** The share of the execution-time budget the account holds with these requests out (NaN: pacing off). */
    double account(int inFlight, long inFlightRecords) {
        return executionNanos <= 0 ? Double.NaN : (latencySum + expected(inFlight, inFlightRecords)) / executionNanos;
    }

    /** What {@code count} requests of {@code records} records in all are expected to take, in nanoseconds. */
    double expected(int count, long records) {
        return count * perRequest + records * perRecord;
    }

    /**
     * Calibrates the account against Dataverse: a request started when the account held {@code accountAtStart} of the
     * budget (itself included) was admitted with {@code serverUsed} of the window used (its header, itself included).
     * Only a window at least a quarter full says anything; the ratio moves a fifth of the way each time and stays
     * within [0.2, 1.5]: a server that queues requests under load answers several times slower than it counts. The
     * header is a share of all Dataverse allows, the account of the paced budget: compared in the same units, or the
     * calibration would undo the margin (measured: paced to 95 %, the windows ran at 99 % and met 429s).
     */
    void calibrate(double accountAtStart, double serverUsed) {
        if (Double.isNaN(accountAtStart) || Double.isNaN(serverUsed) || accountAtStart < 0.25 || serverUsed <= 0) {
            return;
        }
        double ratio = Math.max(MIN_RATIO, Math.min(1.5, serverUsed / (accountAtStart * share)));
        serverRatio = (1 - SMOOTHING) * serverRatio + SMOOTHING * ratio;
    }

    double serverRatio() {
        return serverRatio;
    }

    /**
     * A request of {@code records} records that started at {@code started} was answered now (a 429 is not counted:
     * Dataverse did not run it).
     */
    void answered(long started, long now, int records) {
        long latency = Math.max(0, now - started);
        learn(Math.max(1, records), latency);
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

    /** Fits the cost model to one more answer. */
    private void learn(int records, long latency) {
        n0 = MODEL_DECAY * n0 + 1;
        sumX = MODEL_DECAY * sumX + records;
        sumY = MODEL_DECAY * sumY + latency;
        sumXX = MODEL_DECAY * sumXX + (double) records * records;
        sumXY = MODEL_DECAY * sumXY + (double) records * latency;
        double meanX = sumX / n0;
        double meanY = sumY / n0;
        double variance = sumXX / n0 - meanX * meanX;
        if (variance > 0.25) {
            perRecord = Math.max(0, (sumXY / n0 - meanX * meanY) / variance);
            perRequest = Math.max(0, meanY - perRecord * meanX);
        } else {
            // one size of request seen: cost in proportion to it, which over- rather than underestimates a larger one
            perRequest = 0;
            perRecord = meanY / meanX;
        }
    }

    /** Nanoseconds until the oldest answered request leaves the window (when it frees budget); 0 when empty. */
    long untilOldestLeaves(long now) {
        return answered.isEmpty() ? 0 : Math.max(0, answered.peekFirst()[0] + windowNanos - now);
    }

    private void prune(long now) {
        while (!answered.isEmpty() && now - answered.peekFirst()[0] >= windowNanos) {
            long[] e = answered.removeFirst();
            latencySum -= e[1];
            if (reported && now - reportStart < windowNanos && e[0] - (reportStart - windowNanos) > 0) {
                leftSinceReport.addLast(e); // it was in the reported window and has left it since
                leftSinceReportSum += e[1];
            }
        }
    }
}
