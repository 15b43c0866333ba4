package io.gpm2dv.dataverse;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * How long the calling thread may spend waiting out Dataverse (503 back-off, 429 {@code Retry-After}) before a
 * request gives up with a transient {@link DataverseException} that says how long it still meant to wait. A
 * stage runs its writes within a budget well below the Kafka poll interval, so a long outage or throttle pauses
 * the stage's partitions instead of blocking the consumer until the group evicts it. Outside a budget the client's
 * own limits apply ({@code dataverse.max-attempts}, {@code dataverse.throttle-max-wait}).
 */
public final class RetryBudget {
    private static final ThreadLocal<Instant> DEADLINE = new ThreadLocal<>();

    private RetryBudget() {
    }

    /** Runs {@code work} with waits on this thread limited to {@code budget} in total. */
    public static <T> T within(Duration budget, Supplier<T> work) {
        Instant outer = DEADLINE.get();
        Instant mine = Instant.now().plus(budget);
        return until(outer != null && outer.isBefore(mine) ? outer : mine, work);
    }

    /**
     * Runs {@code work} with the deadline in force moved to at least {@code allowance} from now; without a deadline in
     * force, or with no allowance, as it is. For work already paid for that a retry would pay for again.
     */
    public static <T> T extendedBy(Duration allowance, Supplier<T> work) {
        Instant current = DEADLINE.get();
        if (current == null || allowance.isZero() || allowance.isNegative()) {
            return work.get();
        }
        Instant later = Instant.now().plus(allowance);
        return until(later.isAfter(current) ? later : current, work);
    }

    /** The deadline in force on this thread, or null (none). */
    public static Instant deadline() {
        return DEADLINE.get();
    }

    /** Runs {@code work} under {@code deadline} (e.g. another thread's, handed over), or without one when null. */
    public static <T> T until(Instant deadline, Supplier<T> work) {
        Instant outer = DEADLINE.get();
        if (deadline == null) {
            DEADLINE.remove();
        } else {
            DEADLINE.set(deadline);
        }
        try {
            return work.get();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    /** Whether waiting {@code wait} now would overrun the budget in force (never, without one). */
    static boolean exceededBy(Duration wait) {
        Instant deadline = DEADLINE.get();
        return deadline != null && Instant.now().plus(wait).isAfter(deadline);
    }
}
