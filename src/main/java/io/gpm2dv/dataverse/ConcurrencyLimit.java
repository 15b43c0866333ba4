package io.gpm2dv.dataverse;

import java.time.Duration;

/**
 * How many requests one application user may have in flight: additive increase while answers come back, multiplicative
 * decrease on a 429, never above Dataverse's concurrency limit. A 429 also blocks the user until its
 * {@code Retry-After} has passed (Microsoft: honour it exactly; requests sent while blocked lengthen the block).
 * Not thread-safe: {@link ApplicationUsers} guards every instance with one lock. Times are {@link System#nanoTime}.
 */
final class ConcurrencyLimit {
    private final int ceiling;
    private final double decrease;
    private double limit;
    private int inFlight;
    /** nanoTime values are compared by their difference only (they may be negative and wrap). */
    private boolean blocked;
    private long blockedUntil;
    private boolean decreased;
    private long lastDecrease;
    private long blockedNanos;
    /** After a 429, one request goes alone until one is answered: a burst into a full window lengthens the block. */
    private boolean probing;
    /** The most remaining requests / execution time Dataverse has reported: what "nearly used up" is measured against. */
    private double mostRequestsLeft;
    private double mostTimeLeft;
    private long throttles;
    private long requests;

    ConcurrencyLimit(int initial, int ceiling, double decrease) {
        this.ceiling = Math.max(1, ceiling);
        this.decrease = decrease;
        this.limit = Math.max(1, Math.min(initial, this.ceiling));
    }

    /** Starts again from {@code start} requests in flight (within the ceiling); blocks and counts stay. */
    void reset(int start) {
        limit = Math.max(1, Math.min(start, ceiling));
        decreased = false;
    }

    /** Whether a request may start now; when it may, it counts as in flight. */
    boolean tryStart(long now) {
        if (blockedFor(now) > 0 || inFlight >= (int) limit || (probing && inFlight > 0)) {
            return false;
        }
        inFlight++;
        requests++;
        return true;
    }

    /** Free slots now (0 while blocked). */
    double headroom(long now) {
        return blockedFor(now) > 0 || (probing && inFlight > 0) ? 0 : (probing ? 1 : (int) limit - inFlight);
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
     * left, and grows otherwise.
     */
    void answered(boolean windowWasFull, double requestsLeft, double timeLeft, long started, long now) {
        inFlight = Math.max(0, inFlight - 1);
        probing = false;
        mostRequestsLeft = Double.isNaN(requestsLeft) ? mostRequestsLeft : Math.max(mostRequestsLeft, requestsLeft);
        mostTimeLeft = Double.isNaN(timeLeft) ? mostTimeLeft : Math.max(mostTimeLeft, timeLeft);
        double left = Math.min(fraction(requestsLeft, mostRequestsLeft), fraction(timeLeft, mostTimeLeft));
        if (left < 0.05) {
            shrink(started, now);
        } else if (left >= 0.25 && windowWasFull) {
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
     * A request answered 429 with {@code retryAfter}: the user is blocked until then, and the limit shrinks once per
     * round (requests started before the last decrease were sent under the old limit and do not shrink it again).
     */
    void throttled(long started, long now, Duration retryAfter) {
        inFlight = Math.max(0, inFlight - 1);
        throttles++;
        probing = true;
        shrink(started, now);
        long until = now + retryAfter.toNanos();
        long left = blockedFor(now);
        if (until - (now + left) > 0) {
            blockedNanos += until - (now + left);
            blockedUntil = until;
            blocked = true;
        }
    }

    /** A request that ended otherwise (network failure, 5xx, error answer): the slot is free again, the limit unchanged. */
    void ended() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** Whether every slot is taken (growth is earned only when the limit is what holds the load back). */
    boolean full() {
        return inFlight >= (int) limit;
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
