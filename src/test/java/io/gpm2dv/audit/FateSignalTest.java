package io.gpm2dv.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class FateSignalTest {

    @Test
    void aCommitWakesTheWaiterAtOnceAndSaysWhoseCountsChanged() throws Exception {
        FateSignal signal = new FateSignal();
        long seen = signal.generation();
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return signal.awaitAfter(seen, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        long before = System.nanoTime();
        signal.changed("run-1", "clients");
        assertTrue(woken.get(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(10), "woken by the signal, not the timeout");
        assertEquals(1, signal.version("run-1", "clients"));
        assertEquals(0, signal.version("run-1", "notes"));
        assertEquals(0, signal.version("run-2", "clients"));
    }

    @Test
    void withoutACommitTheWaitEndsAtItsTimeoutAndAChangeAlreadyMadeDoesNotWait() throws Exception {
        FateSignal signal = new FateSignal();
        long seen = signal.generation();
        assertFalse(signal.awaitAfter(seen, Duration.ofMillis(20)));
        signal.changed("run-1", "clients");
        assertTrue(signal.awaitAfter(seen, Duration.ofMinutes(1)), "a change between the look and the wait is not missed");
        signal.forget("run-1");
        assertEquals(0, signal.version("run-1", "clients"));
    }
}
