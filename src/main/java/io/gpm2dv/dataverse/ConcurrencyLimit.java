package io.gpm2dv.dataverse;

import java.time.Duration;

/**
 * How many requests one application user may have in flight: additive increase while answers come back, multiplicative
 * decrease on a 429, never above Dataverse's concurrency limit. A 429 also blocks the user until its
 * {@code Retry-After} has passed (Microsoft: honour it exactly; requests sent while blocked lengthen the block).
 * Within the limit, a request starts only while the user's {@link ProtectionWindow} has budget for it (pacing).
 * Not thread-safe: {@link ApplicationUsers} guards every instance with one lock. Times are {@link System#nanoTime}.
 */
final class ConcurrencyLimit {
    /** Above this fraction of the window left (as Dataverse reports it), the limit grows by one per answer. */
    static final double SLOW_START_ABOVE = 0.5;
    /** Below this fraction of the window left, an unpaced user's limit shrinks before a 429 does it. */
    static final double NEARLY_USED_UP_BELOW = 0.05;
    /** Below this fraction of the window left, an unpaced user's limit no longer grows. */
    static final double HOLD_BELOW = 0.25;
    /**
     * Below this fraction left, a paced user's account underestimated what its requests cost (pacing aims at 5 % left):
     * its limit shrinks, so fewer requests are out on the estimate the next time (measured: without it, bursts of 30
     * requests took windows to 102 % and each 429's block grew with the requests already sent).
     */
    static final double PACED_OVERSHOT_BELOW = 0.02;
    private final int ceiling;
    private final double decrease;
    private double limit;
    private int inFlight;
    /** The records the requests in flight carry (a bulk write its targets, anything else one). */
    private long inFlightRecords;
    /** nanoTime values are compared by their difference only (they may be negative and wrap). */
    private boolean blocked;
    private long blockedUntil;
    private boolean decreased;
    private long lastDecrease;
    private long blockedNanos;
    /** After a 429, one request (the probe) goes alone until it is answered: a burst into a full window lengthens the block. */
    private boolean probing;
    private long lastThrottle;
    /** The probe is in flight: nothing else goes until it is answered. */
    private boolean probeOut;
    /** The pacing account's share of the budget when the last request started (itself included). */
    private double startAccount = Double.NaN;
    /** The most remaining requests / execution time Dataverse has reported: what "nearly used up" is measured against. */
    private double mostRequestsLeft;
    private double mostTimeLeft;
    private long throttles;
    /** What the last answer said is left of the window (1: nothing said), for the account of a 429. */
    private double lastLeft = 1;
    private long requests;

    private final ProtectionWindow window;

    ConcurrencyLimit(int initial, int ceiling, double decrease) {
        this(initial, ceiling, decrease, ProtectionWindow.Budget.OFF);
    }

    ConcurrencyLimit(int initial, int ceiling, double decrease, ProtectionWindow.Budget budget) {
        this.window = new ProtectionWindow(budget);
        this.ceiling = Math.max(1, ceiling);
        this.decrease = decrease;
        this.limit = Math.max(1, Math.min(initial, this.ceiling));
    }

    /** Starts again from {@code start} requests in flight (within the ceiling); blocks and counts stay. */
    void reset(int start) {
        limit = Math.max(1, Math.min(start, ceiling));
        decreased = false;
    }

    /** Whether a request of {@code records} records may start now; when it may, it counts as in flight. */
    boolean tryStart(long now, int records) {
        if (headroom(now, records) < 1) {
            return false;
        }
        probeOut = probing;
        inFlight++;
        inFlightRecords += records;
        window.started(now, records);
        startAccount = window.account(inFlight, inFlightRecords);
        requests++;
        return true;
    }

    /**
     * Free slots now for a request of {@code records} records (0 while blocked, or while the window's budget has no
     * room for it).
     */
    double headroom(long now, int records) {
        if (blockedFor(now) > 0 || probeOut || !window.allows(now, inFlight, inFlightRecords, records)) {
            return 0;
        }
        return probing ? 1 : (int) limit - inFlight;
    }

    /**
     * Nanoseconds a request must wait for this user when nothing else frees a slot: the block, or with nothing in
     * flight (no answer to wait for) the time until the window frees budget; 0 when an answer or nothing is awaited.
     */
    long waitFor(long now) {
        long b = blockedFor(now);
        if (b > 0) {
            return b;
        }
        return inFlight == 0 && !window.allows(now, 0, 0, 1) ? window.untilOldestLeaves(now) : 0;
    }

    /** Nanoseconds until the block ends (0 when not blocked). */
    long blockedFor(long now) {
        return blocked && blockedUntil - now > 0 ? blockedUntil - now : 0;
    }

    /**
     * A request answered (not 429). While the window is full the limit grows by one per round of answers (1/limit per
     * answer), as TCP's congestion avoidance does, so the load ramps up gradually, as Microsoft advises. The answer says what is
     * left of the user's window (Dataverse's
     * {@code x-ms-ratelimit-burst-remaining-xrm-requests} and {@code -time-remaining-}; NaN when absent), measured
     * against the most it has been (units differ between services; only the fraction is used). At the ceiling a sliding
     * window is always nearly full, so the limit is steered to keep it so without overflowing: it shrinks once per round
     * when under 5 % is left (the requests in flight would meet a 429 and its long block), holds while under 25 % is
     * left, and grows otherwise. A user that paces to its budget ({@link ProtectionWindow#paces}) is not steered by the
     * window: its pacing already keeps the window just under the budget, where "under 5 % left" is the normal state, and
     * a limit cut there drained the window each time (measured: a sawtooth between 96 % and 70 % of the budget, the
     * limit cut at the top and grown again only below 75 %); it is cut only when the window passes its aim by more
     * than the estimates' noise ({@link #PACED_OVERSHOT_BELOW}) or on a 429, and grows whenever it is full. While
     * Dataverse says more than half of the window is unused (the run's start, after a
     * lull between objects) the limit grows by one per answer, doubling per round as TCP's slow start does: a sliding
     * window left idle is budget that is lost unless it is used at once. The request carried {@code records} records.
     */
    void answered(boolean windowWasFull, double requestsLeft, double timeLeft, long started, int records, long now,
            double accountAtStart) {
        release(started, records);
        window.answered(started, now, records);
        if (probing && started - lastThrottle >= 0) {
            probing = false; // the probe's answer; one admitted before the 429 says nothing about the window now
            probeOut = false;
        }
        mostRequestsLeft = Double.isNaN(requestsLeft) ? mostRequestsLeft : Math.max(mostRequestsLeft, requestsLeft);
        mostTimeLeft = Double.isNaN(timeLeft) ? mostTimeLeft : Math.max(mostTimeLeft, timeLeft);
        double left = Math.min(fraction(requestsLeft, mostRequestsLeft), fraction(timeLeft, mostTimeLeft));
        lastLeft = left;
        if (!Double.isNaN(timeLeft) && mostTimeLeft > 0) {
            window.calibrate(accountAtStart, 1 - timeLeft / mostTimeLeft);
            window.reported(started, 1 - timeLeft / mostTimeLeft);
        }
        boolean said = !Double.isNaN(requestsLeft) || !Double.isNaN(timeLeft);
        if (said) {
            window.counted();
        }
        boolean paced = window.paces();
        if (left < (paced ? PACED_OVERSHOT_BELOW : NEARLY_USED_UP_BELOW)) {
            shrink(started, now);
        } else if (said && left >= SLOW_START_ABOVE && windowWasFull) {
            limit = Math.min(ceiling, limit + 1); // most of the window is unused (start, after a lull): double per round
        } else if ((left >= HOLD_BELOW || paced) && windowWasFull) {
            limit = Math.min(ceiling, limit + 1.0 / limit);
        }
    }

    private static double fraction(double left, double most) {
        return Double.isNaN(left) || most <= 0 ? 1 : left / most;
    }

    /** Multiplies the limit by the decrease factor, once per round. */
    private void shrink(long started, long now) {
        if (!decreased || started - lastDecrease > 0) {
            limit = Math.max(1, limit * decrease);
            lastDecrease = now;
            decreased = true;
        }
    }

    /**
     * A request of {@code records} records answered 429 with {@code retryAfter}: the user is blocked until then, and
     * the limit shrinks once per round (requests started before the last decrease were sent under the old limit and do
     * not shrink it again).
     */
    void throttled(long started, int records, long now, Duration retryAfter) {
        release(started, records);
        throttles++;
        probing = true;
        probeOut = false;
        lastThrottle = now;
        shrink(started, now);
        long until = now + retryAfter.toNanos();
        long left = blockedFor(now);
        if (until - (now + left) > 0) {
            blockedNanos += until - (now + left);
            blockedUntil = until;
            blocked = true;
        }
    }

    /**
     * A request of {@code records} records that ended otherwise (network failure, 401, 502–504): the slot is free
     * again, the limit unchanged.
     */
    void ended(long started, int records) {
        release(started, records);
        if (probing && started - lastThrottle >= 0) {
            probeOut = false; // a probe that got no answer about the window: the next request probes again
        }
    }

    /**
     * A request of {@code records} records that Dataverse ran but answered with an error (a refused record): its time
     * is in the window as an answer's is; the limit is unchanged (the answer says nothing about the window).
     */
    void ran(long started, int records, long now) {
        ended(started, records);
        window.answered(started, now, records);
    }

    private void release(long started, int records) {
        window.ended(started, records);
        inFlight = Math.max(0, inFlight - 1);
        inFlightRecords = inFlight == 0 ? 0 : Math.max(0, inFlightRecords - records);
    }

    /** The state a 429 met, for the debug log: counts and shares only. */
    String describe(long now) {
        return String.format(java.util.Locale.ROOT, "%d in flight (%d records), limit %.1f, account %.3f of the paced"
                + " budget, server ratio %.3f, Dataverse's report brought forward %.3f, last answer left %.3f", inFlight,
                inFlightRecords, limit, window.account(inFlight, inFlightRecords), window.serverRatio(),
                window.reportedShare(now), lastLeft);
    }

    /** Whether every slot is taken (growth is earned only when the limit is what holds the load back). */
    boolean full() {
        return inFlight >= (int) limit;
    }

    /** The pacing account's share of the budget when the last request started (NaN: pacing off). */
    double startAccount() {
        return startAccount;
    }

    int inFlight() {
        return inFlight;
    }

    double limit() {
        return limit;
    }

    long throttles() {
        return throttles;
    }

    long requests() {
        return requests;
    }

    /** Wall time this user spent blocked by 429 answers (overlapping blocks counted once). */
    Duration blocked() {
        return Duration.ofNanos(blockedNanos);
    }
}
