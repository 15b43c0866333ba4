package io.gpm2dv.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The map a run would use, as bytes and as parsed: where it came from, the SHA-256 of its bytes (what a person
 * confirms) and since when it is in force (a confirmation counts only from then on).
 */
public record MapInForce(byte[] bytes, String sha256, Origin origin, String location, Instant since, MappingSpec spec) {

    /** Where the map in force comes from, strongest first. */
    public enum Origin {
        /** Uploaded through the operator API ({@code PUT /api/mapping}) and kept in the ledger. */
        UPLOADED,
        /** {@code migration.mapping-file}. */
        FILE,
        /** The default map bundled with the product. */
        BUNDLED
    }

    /** "the bundled default map", "mapping file /x.yaml", "the map uploaded by alice": for messages. */
    public String describe() {
        return switch (origin) {
            case BUNDLED -> "the bundled default map";
            case FILE -> "mapping file " + location;
            case UPLOADED -> "the map uploaded through the API by " + location;
        };
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
