package io.gpm2dv.emulator;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Chunked upload of a new note or attachment (API §12.4): {@code Initialize…BlocksUpload} opens a session for a
 * Target that names its id, {@code UploadBlock} (≤ 4 MB, block ids ≤ 64 bytes and all of one length) stores
 * blocks, {@code Commit…BlocksUpload} creates the record with the blocks joined in {@code BlockList} order.
 */
final class BlockUploads {
    static final int MAX_BLOCK = 4 * 1024 * 1024;

    /** One upload: the table, the id the Target names, the blocks by id. */
    private record Session(String table, UUID id, Map<String, byte[]> blocks) {
    }

    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Integer> committed = new java.util.LinkedHashMap<>();

    synchronized String open(TableDef t, ObjectNode target) {
        UUID id = ValueRules.guid(target.get(t.primaryKey())).orElseThrow(() -> ApiError.payload(
                "The Target of a block upload must include the id of the new record ('" + t.primaryKey() + "')."));
        String token = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
        sessions.put(token, new Session(t.logicalName(), id, new HashMap<>()));
        return token;
    }

    synchronized void upload(ObjectNode body) {
        Session s = session(body);
        byte[] blockId = decode(text(body, "BlockId"), "BlockId");
        if (blockId.length > 64) {
            throw ApiError.payload("The BlockId must be at most 64 bytes before encoding.");
        }
        String id = text(body, "BlockId");
        if (!s.blocks().isEmpty() && s.blocks().keySet().iterator().next().length() != id.length()) {
            throw ApiError.payload("Every BlockId of one upload must have the same length.");
        }
        byte[] data = decode(text(body, "BlockData"), "BlockData");
        if (data.length > MAX_BLOCK) {
            throw ApiError.payload("A block must be at most 4 MB (" + MAX_BLOCK + " bytes).");
        }
        s.blocks().put(id, data);
    }

    /** Ends the session of {@code body}: the blocks of its BlockList joined, for a record of {@code t} and this id. */
    synchronized byte[] commit(TableDef t, UUID targetId, ObjectNode body) {
        Session s = session(body);
        if (!s.table().equals(t.logicalName()) || !s.id().equals(targetId)) {
            throw ApiError.payload("The Target does not match the one the upload was initialized with.");
        }
        JsonNode list = body.get("BlockList");
        if (!(list instanceof ArrayNode blocks) || blocks.isEmpty()) {
            throw ApiError.payload("The parameter 'BlockList' is missing or empty.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode b : blocks) {
            byte[] data = s.blocks().get(b.asText());
            if (data == null) {
                throw ApiError.payload("The block '" + b.asText() + "' of the BlockList was not uploaded.");
            }
            out.writeBytes(data);
        }
        sessions.remove(body.path("FileContinuationToken").asText());
        committed.put(s.table() + "/" + s.id(), blocks.size());
        return out.toByteArray();
    }

    /** Uploads committed since the last reset: "table/id" → number of blocks, so a test can tell how a file arrived. */
    synchronized Map<String, Integer> committed() {
        return new java.util.LinkedHashMap<>(committed);
    }

    /** Uploads opened and never committed (a client that died mid-file). */
    synchronized int open() {
        return sessions.size();
    }

    private Session session(ObjectNode body) {
        Session s = sessions.get(text(body, "FileContinuationToken"));
        if (s == null) {
            throw ApiError.payload("The FileContinuationToken is not valid or the upload was already committed.");
        }
        return s;
    }

    private static String text(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw ApiError.payload("The parameter '" + name + "' is missing.");
        }
        return v.asText();
    }

    private static byte[] decode(String base64, String name) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiError.payload("The parameter '" + name + "' is not valid base64.");
        }
    }

    synchronized void reset() {
        sessions.clear();
        committed.clear();
    }

    static List<String> ACTIONS = List.of("InitializeAnnotationBlocksUpload", "UploadBlock", "CommitAnnotationBlocksUpload",
            "InitializeAttachmentBlocksUpload", "CommitAttachmentBlocksUpload");
}
