package io.gpm2dv.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Room for the export index's per-row structures outside the Java heap (issue 12: nothing per record stays in the
 * heap for the whole run): a file in {@code migration.index-dir} (default {@code java.io.tmpdir}), memory-mapped and
 * deleted at once, so the operating system pages it in as rows are looked up, may drop those pages under pressure,
 * and frees the disk space when the index is dropped (the mapping goes with the garbage collection of its buffer) or
 * the process ends, crash included. The bytes include custom field values, clinical data: the directory belongs on
 * the volume that holds the export. When no file can be mapped there the bytes stay on the heap, with one warning: a
 * run is never refused for it.
 */
final class OffHeap {
    private static final Logger LOG = Logger.getLogger(OffHeap.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private OffHeap() {
    }

    /** A zeroed buffer of {@code bytes} bytes (at most 2 GiB), mapped from a deleted file when possible. */
    static ByteBuffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an export index structure of " + bytes + " bytes exceeds 2 GiB");
        }
        Path dir = dir();
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "gpm2dv-index-", ".bin");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // the mapping outlives the channel and the file's name (POSIX): nothing is left behind on disk
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, Math.max(bytes, 1));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.warnf("export index kept in the heap: cannot map a file in %s (migration.index-dir): %s", dir, e.toString());
            }
            return ByteBuffer.allocate((int) bytes);
        }
    }

    /** Read at each allocation, so a test or a restarted run sees the current setting. */
    static Path dir() {
        return ConfigProvider.getConfig().getOptionalValue("migration.index-dir", String.class)
                .map(Path::of).orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    }
}
