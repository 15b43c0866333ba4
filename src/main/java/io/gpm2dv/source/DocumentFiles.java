package io.gpm2dv.source;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The document files of an export package, as the map checks them before a document is written. */
@FunctionalInterface
public interface DocumentFiles {
    /** Size and SHA-256 (lowercase hex) of a file. */
    record FileFacts(long size, String sha256) {
        /** Reads the stream to its end (64 KiB at a time, never the whole file in memory) for its size and SHA-256. */
        public static FileFacts of(InputStream in) throws IOException {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
            byte[] buf = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                size += n;
            }
            return new FileFacts(size, HexFormat.of().formatHex(sha.digest()));
        }
    }

    /** Size and SHA-256 of the file at {@code storedPath} (relative to the export root); empty when it is not there. */
    Optional<FileFacts> facts(String storedPath);
}
