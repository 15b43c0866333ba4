package io.gpm2dv.dataverse;

import java.util.function.Supplier;

/**
 * The priority of the Dataverse requests the current thread sends: when the application users' budget is what holds
 * the load back, a waiting request of higher priority gets the next slot ({@link ApplicationUsers#take(int)}). The sink
 * sets it to the work left on the longest chain of objects that waits for the batch's object, so the objects others
 * wait for (clients, then appointments before their documents) go first and the run does not end with one object
 * alone using a fraction of the budget. Without a priority (0) requests are served as they come.
 */
public final class RequestPriority {
    private static final ThreadLocal<Long> CURRENT = ThreadLocal.withInitial(() -> 0L);

    private RequestPriority() {
    }

    /** Runs {@code work} with its requests at {@code priority}. */
    public static <T> T during(long priority, Supplier<T> work) {
        Long before = CURRENT.get();
        CURRENT.set(priority);
        try {
            return work.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /** The current thread's priority (0 unless set). */
    public static long current() {
        return CURRENT.get();
    }
}
