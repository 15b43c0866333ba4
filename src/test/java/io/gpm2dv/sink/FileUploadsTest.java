package io.gpm2dv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.TestBytes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How the sink writes a note that carries a file, against the emulator over HTTP: small files in one request, larger
 * ones in blocks; bytes that are not documents.csv's never create a record; a record already there with the file's
 * size is not uploaded again, one with another size is replaced under the same id; new records with small files share
 * bulk requests.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class FileUploadsTest {
    /** A small threshold and block, so a 2.5 KB file takes three blocks. */
    static final int THRESHOLD = 1024;
    static final int BLOCK = 1024;

    @Inject
    DataverseClient client;

    @Inject
    io.gpm2dv.dataverse.ApplicationUsers users;

    final DataverseTestClient dataverse = EmulatorResource.client();

    @Test
    void aFileAboveTheThresholdArrivesInBlocksWithItsBytesIntact() throws Exception {
        byte[] bytes = TestBytes.random(2_500, 1);
        TargetRecord r = document(bytes, TestBytes.sha256(bytes));
        WriteOutcome o = uploads(Map.of(r.file.path(), bytes)).write(r, null);
        assertTrue(o.isWritten(), o.reason());
        assertEquals(3, EmulatorResource.emulator().blockUploads().get("annotation/" + r.id));
        byte[] landed = Base64.getDecoder().decode(dataverse.value("annotations", r.id, "documentbody"));
        assertEquals(TestBytes.sha256(bytes), TestBytes.sha256(landed));
    }

    @Test
    void aSmallFileGoesInOneRequest() throws Exception {
        byte[] bytes = TestBytes.random(600, 2);
        TargetRecord r = document(bytes, TestBytes.sha256(bytes));
        assertTrue(uploads(Map.of(r.file.path(), bytes)).write(r, null).isWritten());
        assertNull(EmulatorResource.emulator().blockUploads().get("annotation/" + r.id), "no block upload");
        assertEquals(600, dataverse.retrieve("annotations", r.id).path("filesize").asInt());
    }

    @Test
    void bytesThatAreNotTheSourcesNeverCreateTheRecord() throws Exception {
        byte[] declared = TestBytes.random(2_500, 3);
        byte[] onDisk = declared.clone();
        onDisk[2_000] ^= 1; // changed after the map checked it
        TargetRecord r = document(declared, TestBytes.sha256(declared));
        int openBefore = EmulatorResource.emulator().openBlockUploads();
        WriteOutcome o = uploads(Map.of(r.file.path(), onDisk)).write(r, null);
        assertEquals(WriteOutcome.Kind.REFUSED, o.kind());
        assertTrue(o.reason().contains("changed after it was checked"), o.reason());
        assertNull(dataverse.retrieve("annotations", r.id), "nothing was committed");
        assertEquals(openBefore + 1, EmulatorResource.emulator().openBlockUploads(), "the upload was left uncommitted");
    }

    @Test
    void aRecordAlreadyThereWithTheSameSizeIsNotUploadedAgainAndOneWithAnotherSizeIsReplaced() throws Exception {
        byte[] first = TestBytes.random(2_500, 4);
        TargetRecord r = document(first, TestBytes.sha256(first));
        FileUploads uploads = uploads(Map.of(r.file.path(), first));
        assertTrue(uploads.write(r, null).isWritten());

        r.attributes.put("subject", "Renamed");
        // the file is not readable any more: writing it again would fail, so success means it was not read
        WriteOutcome again = uploads(Map.of()).write(r, existing(r.id));
        assertEquals(WriteOutcome.Operation.UPDATED, again.operation(), again.reason());
        assertEquals("Renamed", dataverse.retrieve("annotations", r.id).path("subject").asText());
        assertEquals(2_500, dataverse.retrieve("annotations", r.id).path("filesize").asInt());

        byte[] second = TestBytes.random(3_100, 5);
        TargetRecord changed = document(second, TestBytes.sha256(second));
        changed.id = r.id;
        WriteOutcome replaced = uploads(Map.of(changed.file.path(), second)).write(changed, existing(r.id));
        assertEquals(WriteOutcome.Operation.CREATED, replaced.operation(), replaced.reason());
        assertEquals(3_100, dataverse.retrieve("annotations", r.id).path("filesize").asInt());
        assertEquals(1, dataverse.query("annotations", "annotationid", "annotationid eq " + r.id).size());
    }

    @Test
    void theDocumentsOfOneBatchUploadAFewAtOnceNeverMoreThanConfigured() throws Exception {
        int atOnce = 3;
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, byte[]> files = new java.util.HashMap<>();
        List<TargetRecord> batch = documents(9, i -> i % 2 == 0 ? 600 : 2_500, 10, files); // inline and in blocks
        FileUploads.DocumentBytes slowPackage = slowPackage(files, open, most);
        RecordWriter writer = new RecordWriter(client, 50, new FileUploads(client, slowPackage, THRESHOLD, BLOCK),
                images -> { }, new ParallelWrites(atOnce), Duration.ZERO, RecordWriter.EVERY_RECORD);
        List<WriteOutcome> outcomes = writer.write(batch, Map.of());

        assertEquals(batch.stream().map(r -> r.key).toList(), outcomes.stream().map(o -> o.record().key).toList(),
                "one outcome per record, in the batch's order");
        outcomes.forEach(o -> assertTrue(o.isWritten(), o.reason()));
        for (TargetRecord r : batch) {
            assertEquals(r.file.size(), dataverse.retrieve("annotations", r.id).path("filesize").asInt());
        }
        assertTrue(most.get() > 1, "uploads overlap: " + most.get());
        assertTrue(most.get() <= atOnce, "never more files open than migration.documents.uploads-at-once: " + most.get());
    }

    @Test
    void newDocumentsWithSmallFilesGoSeveralToABulkRequestAndAFileWithOtherBytesRefusesOnlyItsRecord() throws Exception {
        Map<String, byte[]> files = new java.util.HashMap<>();
        List<TargetRecord> batch = documents(7, i -> 600, 30, files);
        files.get(batch.get(3).file.path())[100] ^= 1; // changed after the map checked it
        TargetRecord there = batch.get(6);
        assertTrue(uploads(files).write(there, null).isWritten(), "one record is in Dataverse already");

        assertTrue(client.supportsBulk("annotation", "UpsertMultiple")); // asked once per table and cached
        // at most 1,300 bytes of files a request: two of these 600-byte files
        RecordWriter writer = new RecordWriter(client, 50, new FileUploads(client, packageOf(files), THRESHOLD, BLOCK,
                1_000, 1_300), images -> { }, new ParallelWrites(2), Duration.ZERO, RecordWriter.EVERY_RECORD);
        List<io.gpm2dv.dataverse.ApplicationUsers.Figures> before = users.figures();
        List<WriteOutcome> outcomes = writer.write(batch, Map.of());
        long requests = users.since(before).stream().mapToLong(io.gpm2dv.dataverse.ApplicationUsers.Figures::requests).sum();

        assertEquals(batch.stream().map(r -> r.key).toList(), outcomes.stream().map(o -> o.record().key).toList(),
                "one outcome per record, in the batch's order");
        // one read of what exists, three bulk requests for the six new records (the one whose bytes differ left
        // out of its request), and one update of the record already there, whose file is not sent again
        assertEquals(5, requests, "requests sent");
        assertEquals(WriteOutcome.Kind.REFUSED, outcomes.get(3).kind());
        assertTrue(outcomes.get(3).reason().contains("changed after it was checked"), outcomes.get(3).reason());
        assertNull(dataverse.retrieve("annotations", batch.get(3).id), "nothing was created for it");
        assertEquals(WriteOutcome.Operation.UPDATED, outcomes.get(6).operation(), outcomes.get(6).reason());
        for (int i : new int[] {0, 1, 2, 4, 5}) {
            TargetRecord r = batch.get(i);
            assertEquals(WriteOutcome.Operation.CREATED, outcomes.get(i).operation(), outcomes.get(i).reason());
            byte[] landed = Base64.getDecoder().decode(dataverse.value("annotations", r.id, "documentbody"));
            assertEquals(r.file.sha256(), TestBytes.sha256(landed), "the bytes that landed are the source's");
            // what the next run compares to decide that the file is there already
            assertEquals(600, dataverse.retrieve("annotations", r.id).path("filesize").asInt());
        }
    }

    @Test
    void batchesWritingAtOnceNeverHoldMoreFilesThanConfiguredAltogether() throws Exception {
        int atOnce = 2;
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
        List<TargetRecord> documents = documents(6, i -> 600, 50, files);
        // one writer as a sink has it; six batches of one new document each, written at once (six poll chunks)
        RecordWriter writer = new RecordWriter(client, 50, new FileUploads(client, slowPackage(files, open, most), THRESHOLD,
                BLOCK, 1_000, 4_000), images -> { }, new ParallelWrites(atOnce), Duration.ZERO, RecordWriter.EVERY_RECORD);
        java.util.concurrent.ExecutorService batches = java.util.concurrent.Executors.newFixedThreadPool(documents.size());
        try {
            List<java.util.concurrent.Future<List<WriteOutcome>>> writes = new java.util.ArrayList<>();
            for (TargetRecord r : documents) {
                writes.add(batches.submit(() -> writer.write(List.of(r), Map.of())));
            }
            for (java.util.concurrent.Future<List<WriteOutcome>> w : writes) {
                WriteOutcome o = w.get().get(0);
                assertTrue(o.isWritten(), o.reason());
            }
        } finally {
            batches.shutdownNow();
        }
        assertTrue(most.get() <= atOnce, "never more files open than migration.documents.uploads-at-once, whichever batch "
                + "they belong to: " + most.get());
    }

    /** The export package's files, each open for 150 ms (a slow disk, so uploads that may overlap do); counts them. */
    private static FileUploads.DocumentBytes slowPackage(Map<String, byte[]> files,
            java.util.concurrent.atomic.AtomicInteger open, java.util.concurrent.atomic.AtomicInteger most) {
        // a file held open counts as one upload's content in memory
        return path -> {
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new java.io.FilterInputStream(new ByteArrayInputStream(files.get(path))) {
                @Override
                public void close() throws IOException {
                    open.decrementAndGet();
                    super.close();
                }
            };
        };
    }

    private JsonNode existing(UUID id) {
        JsonNode row = client.retrieveExisting("annotations", "annotationid", List.of(id), "annotationid,filesize", 50).get(id);
        assertNotNull(row);
        return row;
    }

    private FileUploads uploads(Map<String, byte[]> files) {
        return new FileUploads(client, packageOf(files), THRESHOLD, BLOCK);
    }

    private static FileUploads.DocumentBytes packageOf(Map<String, byte[]> files) {
        return path -> {
            byte[] b = files.get(path);
            if (b == null) {
                throw new IOException("no file " + path);
            }
            return new ByteArrayInputStream(b);
        };
    }

    /** {@code n} documents of random bytes ({@code size} of the i-th; seeds from {@code seed}), their files put in {@code files}. */
    private static List<TargetRecord> documents(int n, java.util.function.IntUnaryOperator size, int seed,
            Map<String, byte[]> files) {
        List<TargetRecord> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = TestBytes.random(size.applyAsInt(i), seed + i);
            TargetRecord r = document(bytes, TestBytes.sha256(bytes));
            files.put(r.file.path(), bytes);
            out.add(r);
        }
        return out;
    }

    private static TargetRecord document(byte[] bytes, String sha) {
        TargetRecord r = new TargetRecord();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        r.runId = "file-uploads-test";
        r.runNumber = 1;
        r.object = "documents";
        r.key = "document-" + tag;
        r.table = "annotation";
        r.entitySet = "annotations";
        r.primaryKey = "annotationid";
        r.id = UUID.randomUUID();
        r.attributes.put("subject", "Scan " + tag);
        r.attributes.put("filename", "scan-" + tag + ".pdf");
        r.attributes.put("mimetype", "application/pdf");
        r.attributes.put("isdocument", true);
        r.file = new TargetRecord.FileRef("documents/000009/" + tag + ".pdf", bytes.length, sha, "documentbody");
        return r;
    }


}
