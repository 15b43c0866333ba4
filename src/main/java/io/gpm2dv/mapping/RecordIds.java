package io.gpm2dv.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic record ids (target-mapping §1): {@code uuid5(namespace, key)} with
 * {@code namespace = uuid5(NAMESPACE_URL, "urn:gensolve-migration:" + migration.id)}, so every write is an
 * upsert by id and any replay, retry or re-run lands on the same record.
 */
public final class RecordIds {
    /** RFC 4122 name space for URLs. */
    public static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private final UUID namespace;

    public RecordIds(String migrationId) {
        this.namespace = uuid5(NAMESPACE_URL, "urn:gensolve-migration:" + migrationId);
    }

    public UUID namespace() { return namespace; }

    /** The id of the record with migration key {@code key}, e.g. {@code client-1042}. */
    public UUID idFor(String key) {
        return uuid5(namespace, key);
    }

    /** RFC 4122 §4.3 name-based UUID, SHA-1 (version 5). */
    public static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bb.getLong(), bb.getLong());
    }
}
