package io.gpm2dv.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The optional file that keeps the records between process runs. The state is written whole, to a temporary file
 * first and then moved over the old one, so a crash never leaves half a state. Writing it after every commit
 * made a migration of n records cost O(n²), so commits only mark it changed: one background write, at most
 * {@link #COALESCE_MS} later, takes in every commit made meanwhile, and {@link #flush()} (reset, close) writes at
 * once. A failed write is not skipped: until a write succeeds again, every write request and the flush fail.
 */
final class StateFile implements AutoCloseable {
    /** How long a change waits for later ones to share its write. */
    static final long COALESCE_MS = 100;

    private final Path file;
    private final Supplier<JsonNode> snapshot;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emulator-state-file");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile RuntimeException failure;

    /** {@code snapshot} gives the state to write (it must not need a lock the caller of {@link #flush()} holds). */
    StateFile(Path file, Supplier<JsonNode> snapshot) {
        this.file = file;
        this.snapshot = snapshot;
    }

    /** The stored state, without the tables the seeder derives; null when there is no file yet. */
    JsonNode read() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode state = ApiResponse.JSON.readTree(file.toFile());
            JsonNode tables = state.path("tables");
            if (tables instanceof ObjectNode o) {
                Iterator<String> names = o.fieldNames();
                while (names.hasNext()) {
                    if (Seeder.DERIVED.contains(names.next())) {
                        names.remove();
                    }
                }
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator state " + file, e);
        }
    }

    /** The state changed: it is written soon, together with whatever else changes until then. */
    void changed() {
        if (scheduled.compareAndSet(false, true)) {
            writer.schedule(() -> {
                scheduled.set(false); // cleared before the snapshot: a later commit schedules its own write
                try {
                    write(snapshot.get());
                    failure = null;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }, COALESCE_MS, TimeUnit.MILLISECONDS);
        }
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed; // this write is rolled back; the write just scheduled tries the file again
        }
    }

    /** Writes the current state now, after any write under way, and returns once it is on disk. */
    void flush() {
        try {
            writer.submit(() -> {
                write(snapshot.get());
                failure = null;
            }).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing emulator state " + file, e);
        }
    }

    /** A final flush; then the writer stops. */
    @Override
    public void close() {
        if (writer.isShutdown()) {
            return;
        }
        try {
            flush();
        } finally {
            writer.shutdown();
        }
    }

    private void write(JsonNode state) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            ApiResponse.JSON.writeValue(tmp.toFile(), state);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write emulator state " + file, e);
        }
    }
}
