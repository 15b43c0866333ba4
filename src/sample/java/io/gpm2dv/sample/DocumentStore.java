package io.gpm2dv.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;

/** Writes document files under {@code documents/<shard>/<document_id>.<ext>} (§8.15) and totals them. */
final class DocumentStore {
    /** Size and SHA-256 of a written file. */
    record Stored(String path, long size, String sha256) {
    }

    private final Path root;
    private long count;
    private long bytes;
    private long missing;

    DocumentStore(Path root) {
        this.root = root;
    }

    /** §8.15 path rule: shard = id / 1000 zero-padded to 6; extension lower-cased if {@code [a-z0-9]{1,8}}. */
    static String storedPath(long id, String originalFilename) {
        int dot = originalFilename.lastIndexOf('.');
        String ext = dot < 0 ? "" : originalFilename.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!ext.matches("[a-z0-9]{1,8}")) {
            ext = "bin";
        }
        return String.format(Locale.ROOT, "documents/%06d/%d.%s", id / 1000, id, ext);
    }

    Stored write(long id, String originalFilename, byte[] content) throws IOException {
        String path = storedPath(id, originalFilename);
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        count++;
        bytes += content.length;
        return new Stored(path, content.length, sha256(content));
    }

    /** A large file of deterministic pseudo-random bytes, streamed so it never sits in memory. */
    Stored writeLarge(long id, String originalFilename, long size, long seed) throws IOException {
        String path = storedPath(id, originalFilename);
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        MessageDigest md = digest();
        Random random = new Random(seed);
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                md.update(buf, 0, n);
            }
        }
        count++;
        bytes += size;
        return new Stored(path, size, HexFormat.of().formatHex(md.digest()));
    }

    void missing() {
        count++;
        missing++;
    }

    long count() { return count; }

    long bytes() { return bytes; }

    long missingCount() { return missing; }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
