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
        if (blockedFor(now) > 0 || inFlight >= (int) limit) {
            return false;
        }
        inFlight++;
        requests++;
        return true;
    }

    /** Free slots now (0 while blocked). */
    double headroom(long now) {
        return blockedFor(now) > 0 ? 0 : (int) limit - inFlight;
    }

    /** Nanoseconds until the block ends (0 when not blocked). */
    long blockedFor(long now) {
        return blocked && blockedUntil - now > 0 ? blockedUntil - now : 0;
    }

    /**
     * A request answered (not 429). While the window is full, the limit grows by one per round of answers
     * (1/limit per answer), as TCP's congestion avoidance does: the load ramps up gradually, as Microsoft advises.
     */
    void answered(boolean windowWasFull) {
        inFlight = Math.max(0, inFlight - 1);
        if (windowWasFull) {
            limit = Math.min(ceiling, limit + 1.0 / limit);
        }
    }

    /**
     * A request answered 429 with {@code retryAfter}: the user is blocked until then, and the limit shrinks once per
     * round (requests started before the last decrease were sent under the old limit and do not shrink it again).
     */
    void throttled(long started, long now, Duration retryAfter) {
        inFlight = Math.max(0, inFlight - 1);
        throttles++;
        if (!decreased || started - lastDecrease > 0) {
            limit = Math.max(1, limit * decrease);
            lastDecrease = now;
            decreased = true;
        }
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
