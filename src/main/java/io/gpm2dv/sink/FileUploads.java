package io.gpm2dv.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.pipeline.TargetRecord;

/**
 * Writes one note or email attachment that carries a file (API §12): a document streamed from the export package, or
 * a note's attached text. Up to the block threshold the content goes in one upsert by id; above it through
 * {@code Initialize…BlocksUpload} / {@code UploadBlock} / {@code Commit…BlocksUpload}, one block in memory at a time.
 * Dataverse creates the record only at the commit, so a process that dies mid-upload leaves nothing behind, and
 * the SHA-256 of the bytes sent is checked against documents.csv before the commit. A record that already exists
 * with the same file size had its file land in an earlier attempt: only its other columns are written again; one
 * whose size differs is deleted and created again under the same id (target-mapping §1 Re-runs). New records whose
 * files are small go several to an {@code UpsertMultiple} ({@link #createTogether}): one request's base cost for many
 * files, and a bulk request lands whole or not at all, so nothing partial is left either.
 */
final class FileUploads {
    /** Opens a document's bytes by its stored path. */
    @FunctionalInterface
    interface DocumentBytes {
        InputStream open(String storedPath) throws IOException;
    }

    private final DataverseClient client;
    private final DocumentBytes documents;
    private final int blockThreshold;
    private final int blockSize;
    private final int togetherFileLimit;
    private final int togetherRequestBytes;

    /** Every file in a request of its own. */
    FileUploads(DataverseClient client, DocumentBytes documents, int blockThreshold, int blockSize) {
        this(client, documents, blockThreshold, blockSize, 0, 0);
    }

    /**
     * New records whose files are at most {@code togetherFileLimit} bytes share bulk requests, each with at most
     * {@code togetherRequestBytes} bytes of files (0: never).
     */
    FileUploads(DataverseClient client, DocumentBytes documents, int blockThreshold, int blockSize,
            int togetherFileLimit, int togetherRequestBytes) {
        this.client = client;
        this.documents = documents;
        this.blockThreshold = blockThreshold;
        this.blockSize = blockSize;
        this.togetherFileLimit = Math.min(togetherFileLimit, Math.min(togetherRequestBytes, blockThreshold));
        this.togetherRequestBytes = togetherRequestBytes;
    }

    /** The column that holds the record's content ({@code documentbody}, {@code body}), or null when it has none. */
    static String contentColumn(TargetRecord r) {
        if (r.file != null) {
            return r.file.column();
        }
        return r.attributes.has("documentbody") ? "documentbody" : null;
    }

    /** Bytes of the record's content. */
    static long contentSize(TargetRecord r) {
        if (r.file != null) {
            return r.file.size();
        }
        String base64 = r.attributes.path("documentbody").asText("");
        return Base64.getDecoder().decode(base64).length;
    }

    /** Writes the record; {@code existing} is its current row (with {@code filesize}) or null. */
    WriteOutcome write(TargetRecord r, JsonNode existing) {
        String column = contentColumn(r);
        long size = contentSize(r);
        try {
            if (existing != null) {
                if (existing.path("filesize").asLong(-1) == size) {
                    ObjectNode metadata = RecordWriter.body(r, true);
                    metadata.remove(column);
                    client.patch(r.entitySet, r.id, metadata, true);
                    return WriteOutcome.written(r, WriteOutcome.Operation.UPDATED);
                }
                client.delete(r.entitySet, r.id); // bytes differ: re-created under the same id
            }
            if (size <= blockThreshold) {
                ObjectNode body = RecordWriter.body(r, false);
                body.put(column, Base64.getEncoder().encodeToString(readSmall(r)));
                client.patch(r.entitySet, r.id, body, false);
            } else {
                uploadInBlocks(r, column);
            }
            return WriteOutcome.written(r, WriteOutcome.Operation.CREATED);
        } catch (DataverseException e) {
            return e.isTransient() ? WriteOutcome.deferred(r, null, e) : RecordWriter.classify(r, e);
        } catch (ContentMismatch e) {
            return WriteOutcome.refused(r, e.getMessage(), null);
        } catch (IOException e) {
            return unreadable(r, e);
        }
    }

    /** Whether the record, when Dataverse does not have it yet, may share a bulk request with other new records. */
    boolean mayGoTogether(TargetRecord r) {
        return togetherFileLimit > 0 && contentSize(r) <= togetherFileLimit;
    }

    /**
     * The new records of one table, grouped into bulk requests of at most {@code togetherRequestBytes} bytes of files,
     * by the sizes documents.csv gives: each group is read, checked and sent by one task of {@link #createTogether},
     * so a group is the most file content a task holds.
     */
    List<List<TargetRecord>> groups(List<TargetRecord> records) {
        List<List<TargetRecord>> groups = new ArrayList<>();
        List<TargetRecord> group = new ArrayList<>();
        long bytes = 0;
        for (TargetRecord r : records) {
            long size = contentSize(r);
            if (!group.isEmpty() && bytes + size > togetherRequestBytes) {
                groups.add(group);
                group = new ArrayList<>();
                bytes = 0;
            }
            group.add(r);
            bytes += size;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /**
     * Creates one group of new records with their files in {@code UpsertMultiple} requests (an upsert, so a record
     * that did land in an attempt whose answer was lost is written again, not duplicated). A file that cannot be read
     * or whose bytes are not documents.csv's refuses its record alone, before anything is sent; a request Dataverse
     * refuses is split until the records it refuses stand alone. Outcomes in the order of {@code group}.
     */
    List<WriteOutcome> createTogether(List<TargetRecord> group) {
        Map<TargetRecord, WriteOutcome> outcomes = new LinkedHashMap<>();
        List<TargetRecord> sent = new ArrayList<>();
        List<ObjectNode> targets = new ArrayList<>();
        for (TargetRecord r : group) {
            outcomes.put(r, null);
            try {
                ObjectNode t = RecordWriter.body(r, false);
                t.put(contentColumn(r), Base64.getEncoder().encodeToString(readSmall(r)));
                t.put("@odata.type", "Microsoft.Dynamics.CRM." + r.table);
                t.put(r.primaryKey, r.id.toString());
                targets.add(t);
                sent.add(r);
            } catch (ContentMismatch e) {
                outcomes.put(r, WriteOutcome.refused(r, e.getMessage(), null));
            } catch (IOException e) {
                outcomes.put(r, unreadable(r, e));
            }
        }
        RecordWriter.upsertSplitting(client, sent, targets, r -> WriteOutcome.Operation.CREATED, outcomes);
        return new ArrayList<>(outcomes.values());
    }

    private static WriteOutcome unreadable(TargetRecord r, IOException e) {
        return WriteOutcome.refused(r, "cannot read " + (r.file == null ? "the note's attachment" : r.file.path())
                + " from the export package (" + e.getClass().getSimpleName() + ")", null);
    }

    private byte[] readSmall(TargetRecord r) throws IOException {
        if (r.file == null) {
            return Base64.getDecoder().decode(r.attributes.path("documentbody").asText(""));
        }
        try (InputStream in = documents.open(r.file.path())) {
            byte[] bytes = in.readAllBytes();
            check(r, bytes.length, sha256(bytes));
            return bytes;
        }
    }

    private void uploadInBlocks(TargetRecord r, String column) throws IOException {
        boolean note = "annotation".equals(r.table);
        ObjectNode target = RecordWriter.body(r, false);
        target.remove(column);
        target.put("@odata.type", "Microsoft.Dynamics.CRM." + r.table);
        target.put(r.primaryKey, r.id.toString());
        JsonNode init = client.action(note ? "InitializeAnnotationBlocksUpload" : "InitializeAttachmentBlocksUpload",
                newObject().set("Target", target));
        if (init == null || !init.hasNonNull("FileContinuationToken")) {
            throw new DataverseException(500, null, "the block upload was not initialised (no FileContinuationToken)");
        }
        String token = init.get("FileContinuationToken").asText();
        MessageDigest sha = io.gpm2dv.source.ExportDocuments.sha256();
        List<String> blockIds = new ArrayList<>();
        long total = 0;
        try (InputStream in = r.file == null
                ? new ByteArrayInputStream(Base64.getDecoder().decode(r.attributes.path(column).asText("")))
                : documents.open(r.file.path())) {
            byte[] block = new byte[blockSize];
            for (int n; (n = in.readNBytes(block, 0, blockSize)) > 0; ) {
                sha.update(block, 0, n);
                total += n;
                // every block id of a file has the same length (API §12.4)
                String blockId = Base64.getEncoder().encodeToString(String.format("block-%08d", blockIds.size())
                        .getBytes(StandardCharsets.US_ASCII));
                ObjectNode upload = newObject();
                upload.put("BlockId", blockId);
                upload.put("BlockData", Base64.getEncoder().encodeToString(n == blockSize ? block : java.util.Arrays.copyOf(block, n)));
                upload.put("FileContinuationToken", token);
                client.action("UploadBlock", upload);
                blockIds.add(blockId);
            }
        }
        if (r.file != null) {
            check(r, total, HexFormat.of().formatHex(sha.digest())); // nothing is created unless the bytes are the source's
        }
        ObjectNode commit = newObject();
        commit.set("Target", target);
        blockIds.forEach(commit.putArray("BlockList")::add);
        commit.put("FileContinuationToken", token);
        client.action(note ? "CommitAnnotationBlocksUpload" : "CommitAttachmentBlocksUpload", commit);
    }

    private static void check(TargetRecord r, long size, String sha256) {
        if (r.file != null && (size != r.file.size() || !sha256.equalsIgnoreCase(r.file.sha256()))) {
            throw new ContentMismatch(r.file.path() + " changed after it was checked: " + size + " bytes with SHA-256 "
                    + sha256 + ", documents.csv says " + r.file.size() + " bytes with " + r.file.sha256());
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(io.gpm2dv.source.ExportDocuments.sha256().digest(bytes));
    }

    private static ObjectNode newObject() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** The bytes read are not the bytes documents.csv describes. */
    private static final class ContentMismatch extends RuntimeException {
        ContentMismatch(String message) {
            super(message);
        }
    }
}
