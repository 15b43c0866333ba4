package io.gpm2dv.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
import io.gpm2dv.mapping.RecordIds;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.local.EmbeddedKafkaBroker;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.ExportFixture;
import io.gpm2dv.testing.TestBytes;

/**
 * The production artifact is killed ({@code kill -9}) while it uploads documents in blocks, then started again on the
 * same ledger: Dataverse never holds part of a file (a block upload creates its record only at the commit), and after
 * the second run every document is there exactly once with the source's SHA-256.
 */
class DocumentCrashIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int DOCUMENTS = 8;
    static final int SIZE = 6_000_000;
    static EmbeddedKafkaBroker broker;
    static DataverseEmulator dataverse;
    static ExportFixture export;

    @TempDir
    static Path work;

    @BeforeAll
    static void cluster() {
        broker = EmbeddedKafkaBroker.start();
        dataverse = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(EmulatorResource.USERS)
                .withMaxUploadFileSize(20_000_000));
        export = ExportFixture.copyOfSample();
        for (int i = 0; i < DOCUMENTS; i++) {
            export.addDocument(9101 + i, 1001 + i, "scan-" + (9101 + i) + ".pdf", "application/pdf", TestBytes.random(SIZE, i), null);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        dataverse.close();
        broker.close();
    }

    @Test
    void aRunKilledWhileWritingDocumentsLeavesNoPartialOrDuplicateAttachment() throws Exception {
        Path reports = work.resolve("reports");
        Process first = start(reports, "killed");
        boolean caught = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (first.isAlive() && System.nanoTime() < deadline) {
            // some documents are in, and one is half uploaded
            if (dataverse.blockUploads().size() >= 2 && dataverse.openBlockUploads() > 0) {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no offset commit, no ledger write
                caught = true;
                break;
            }
            Thread.sleep(2);
        }
        first.waitFor(1, TimeUnit.MINUTES);
        assertTrue(caught, "the run ended before a document upload was in flight; see " + work.resolve("killed.log"));

        RecordIds ids = new RecordIds("Harbourside Physiotherapy Ltd");
        DataverseTestClient client = new DataverseTestClient(dataverse.baseUrl());
        int presentAfterKill = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            JsonNode doc = client.retrieve("annotations", ids.idFor("document-" + (9101 + i)));
            if (doc != null) {
                presentAfterKill++;
                assertEquals(SIZE, doc.path("filesize").asLong(), "a document that is there is whole");
            }
        }
        assertTrue(presentAfterKill >= 2 && presentAfterKill < DOCUMENTS, "the kill came between documents: " + presentAfterKill);
        System.out.println("killed with " + presentAfterKill + " of " + DOCUMENTS + " documents in Dataverse and "
                + dataverse.openBlockUploads() + " block upload(s) left open");

        Process second = start(reports, "restarted");
        assertTrue(second.waitFor(5, TimeUnit.MINUTES), "the second run did not finish; see " + work.resolve("restarted.log"));
        assertEquals(0, second.exitValue(), "second run exit code; see " + work.resolve("restarted.log"));
        JsonNode report = JSON.readTree(reports.resolve("reconciliation.json").toFile());
        assertEquals("COMPLETE", report.path("status").asText());
        assertTrue(Files.readString(work.resolve("restarted.log")).contains("marked INTERRUPTED"));

        for (int i = 0; i < DOCUMENTS; i++) {
            String filename = "scan-" + (9101 + i) + ".pdf";
            List<JsonNode> copies = client.query("annotations", "annotationid,filesize", "filename eq '" + filename + "'");
            assertEquals(1, copies.size(), filename + " exactly once");
            UUID id = ids.idFor("document-" + (9101 + i));
            assertEquals(id.toString(), copies.get(0).path("annotationid").asText());
            byte[] landed = Base64.getDecoder().decode(client.value("annotations", id, "documentbody"));
            assertEquals(TestBytes.sha256(TestBytes.random(SIZE, i)), TestBytes.sha256(landed), filename + " has the source's bytes");
        }
        assertNull(client.retrieve("annotations", ids.idFor("document-7002")), "a missing file is still not written");
    }

    private Process start(Path reports, String name) throws Exception {
        return PackagedApp.start(PackagedApp.environment(export.dir(), dataverse, broker, reports, work.resolve("ledger"),
                "crash"), work.resolve(name + ".log"));
    }


}
