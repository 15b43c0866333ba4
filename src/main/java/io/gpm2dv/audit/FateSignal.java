package io.gpm2dv.audit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes whoever waits on the ledger once fates or extract counts are committed, so the run sees an object's last fate
 * at once instead of polling. A version per run and object says whose counts are worth reading again. Waiters keep a
 * timeout: a fate committed by another process rings no bell here.
 */
@ApplicationScoped
public class FateSignal {
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Object bell = new Object();
    private long generation;

    /** Fates or the extract counts of {@code object} in {@code runId} were committed. */
    public void changed(String runId, String object) {
        versions.computeIfAbsent(runId + "/" + object, k -> new AtomicLong()).incrementAndGet();
        synchronized (bell) {
            generation++;
            bell.notifyAll();
        }
    }

    /** Grows each time the object's fates or extract counts change. */
    public long version(String runId, String object) {
        AtomicLong v = versions.get(runId + "/" + object);
        return v == null ? 0 : v.get();
    }

    /** Grows with every change; read it before looking at the ledger, then {@link #awaitAfter} it. */
    public long generation() {
        synchronized (bell) {
            return generation;
        }
    }

    /** Returns once something changed after {@code seen}, or after {@code timeout}; false on the timeout. */
    public boolean awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (bell) {
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(bell, left);
            }
            return true;
        }
    }

    /** Forgets a run that ended. */
    public void forget(String runId) {
        versions.keySet().removeIf(k -> k.startsWith(runId + "/"));
    }
}
