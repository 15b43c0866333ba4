package io.gpm2dv.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** File contents for document tests: deterministic random bytes, and the SHA-256 a test compares them by. */
public final class TestBytes {
    private TestBytes() {
    }

    /** {@code size} bytes drawn from {@code seed}: the same seed gives the same file. */
    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Lowercase hex SHA-256, as documents.csv writes it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
