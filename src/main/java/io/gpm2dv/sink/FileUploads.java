package io.gpm2dv.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

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
 * whose size differs is deleted and created again under the same id (target-mapping §1 Re-runs).
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

    FileUploads(DataverseClient client, DocumentBytes documents, int blockThreshold, int blockSize) {
        this.client = client;
        this.documents = documents;
        this.blockThreshold = blockThreshold;
        this.blockSize = blockSize;
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
            return WriteOutcome.refused(r, "cannot read " + (r.file == null ? "the note's attachment" : r.file.path())
                    + " from the export package (" + e.getClass().getSimpleName() + ")", null);
        }
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
