package io.gpm2dv.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
import io.gpm2dv.local.EmbeddedKafkaBroker;
import io.gpm2dv.mapping.RecordIds;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.ExportFixture;
import io.gpm2dv.testing.TargetContent;
import io.gpm2dv.testing.TestBytes;

/**
 * The production artifact is killed ({@code kill -9}) halfway through a full run of the sample — every client in,
 * some of the documents, one of them half uploaded in blocks, the invoices still to come — then started again on the
 * same ledger and the same Kafka cluster. It exits 0, and:
 * <ul>
 * <li>Dataverse never held part of a file (a block upload creates its record only at the commit), and after the
 * second run every document is there exactly once with the source's SHA-256;</li>
 * <li>Dataverse holds exactly what an uninterrupted run of the same export leaves in a fresh environment (every
 * table, {@link TargetContent}).</li>
 * </ul>
 */
class RunCrashIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int DOCUMENTS = 8;
    /** Above {@code migration.documents.block-threshold} (4 MiB): two blocks each. */
    static final int SIZE = 6_000_000;
    static EmbeddedKafkaBroker broker;
    static EmbeddedKafkaBroker referenceBroker;
    static DataverseEmulator crashed;
    static DataverseEmulator reference;
    static ExportFixture export;

    /** Ledgers, reports and the three runs' logs; kept after the test, so that a failure can be read. */
    static final Path work = Path.of("target/RunCrashIT");

    @BeforeAll
    static void cluster() throws Exception {
        if (Files.exists(work)) {
            try (var old = Files.walk(work)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
        broker = EmbeddedKafkaBroker.start();
        // the uninterrupted run has a cluster of its own: its messages must not reach the other run's stages
        referenceBroker = EmbeddedKafkaBroker.start();
        crashed = emulator();
        reference = emulator();
        export = ExportFixture.copyOfSample();
        for (int i = 0; i < DOCUMENTS; i++) {
            export.addDocument(9101 + i, 1001 + i, "scan-" + (9101 + i) + ".pdf", "application/pdf", TestBytes.random(SIZE, i), null);
        }
    }

    private static DataverseEmulator emulator() {
        return DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(EmulatorResource.USERS)
                .withMaxUploadFileSize(20_000_000));
    }

    @AfterAll
    static void stop() throws Exception {
        crashed.close();
        reference.close();
        broker.close();
        referenceBroker.close();
    }

    @Test
    void aRunKilledHalfwayAndStartedAgainLeavesWhatAnUninterruptedRunLeaves() throws Exception {
        long t0 = System.nanoTime();
        Map<String, JsonNode> beforeAnyRun = TargetContent.of(crashed);
        // the uninterrupted run goes alongside (its own cluster, ledger and target): the runs wait on Kafka and the
        // target more than they compute, so together they take little longer than one
        Process uninterrupted = start(reference, referenceBroker, "reference-ledger", "reference");
        Process first = start(crashed, broker, "ledger", "killed");
        boolean caught = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (first.isAlive() && System.nanoTime() < deadline) {
            // some documents are in, and one is half uploaded
            if (crashed.blockUploads().size() >= 2 && crashed.openBlockUploads() > 0) {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no offset commit, no ledger write
                caught = true;
                break;
            }
            Thread.sleep(2);
        }
        first.waitFor(1, TimeUnit.MINUTES);
        assertTrue(caught, "the run ended before a document upload was in flight; see " + work.resolve("killed.log"));
        Map<String, Integer> atKill = perTable(crashed.deliveries());
        System.out.println(seconds(t0) + " s: killed with these records written: " + atKill + " and "
                + crashed.openBlockUploads() + " block upload(s) left open");

        RecordIds ids = new RecordIds("Harbourside Physiotherapy Ltd");
        DataverseTestClient client = new DataverseTestClient(crashed.baseUrl());
        int presentAfterKill = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            JsonNode doc = client.retrieve("annotations", ids.idFor("document-" + (9101 + i)));
            if (doc != null) {
                presentAfterKill++;
                assertEquals(SIZE, doc.path("filesize").asLong(), "a document that is there is whole");
            }
        }
        assertTrue(presentAfterKill >= 2 && presentAfterKill < DOCUMENTS, "the kill came between documents: " + presentAfterKill);
        // invoices are closed (Paid, Canceled) as soon as they and their lines are in, beside the other objects: at the
        // kill (during the documents, the last object) some or all may be closed; the restart must leave them as the
        // uninterrupted run does either way (compared below)
        int closedAtKill = client.query("invoices", "invoiceid", "statecode ne 0").size();

        Process second = start(crashed, broker, "ledger", "restarted");
        finishes(uninterrupted, "reference");
        Map<String, Integer> written = perTable(reference.deliveries());
        System.out.println(seconds(t0) + " s: the uninterrupted run ended, having written " + written);
        Map<String, JsonNode> expected = TargetContent.of(reference);
        int closedInReference = new DataverseTestClient(reference.baseUrl()).query("invoices", "invoiceid", "statecode ne 0").size();
        assertTrue(closedAtKill <= closedInReference, "no more invoices closed at the kill than in the end: " + closedAtKill
                + " closed at the kill, " + closedInReference + " in the uninterrupted run");
        System.out.println(seconds(t0) + " s: " + closedAtKill + " of " + closedInReference + " invoices closed at the kill");

        finishes(second, "restarted");
        System.out.println(seconds(t0) + " s: the restarted run ended");
        assertTrue(Files.readString(work.resolve("restarted.log")).contains("marked INTERRUPTED"),
                "the restart saw the killed run");
        JsonNode report = JSON.readTree(work.resolve("reports-restarted").resolve("reconciliation.json").toFile());
        assertEquals("COMPLETE", report.path("status").asText());

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

        assertEquals(List.of(), TargetContent.diff(expected, TargetContent.of(crashed)),
                "Dataverse holds what an uninterrupted run leaves");

        rollingBackBothRunsKilledHalfwayAndResumedLeavesTheTargetAsBefore(beforeAnyRun, t0);
    }

    /**
     * The CLI rollback of the restarted run is killed halfway and started again: it resumes and finishes (exit 0).
     * Rolling back the killed run after it (newest first) deletes what that run created before its process died, so
     * the target holds exactly what it held before either run.
     */
    private void rollingBackBothRunsKilledHalfwayAndResumedLeavesTheTargetAsBefore(Map<String, JsonNode> beforeAnyRun,
            long t0) throws Exception {
        int writesBefore = crashed.deliveries().values().stream().mapToInt(Integer::intValue).sum();
        int recordsBefore = TargetContent.of(crashed).size();
        // the rollback first reopens the invoices the run closed (one write each), then restores record by record
        int reopens = new DataverseTestClient(crashed.baseUrl()).query("invoices", "invoiceid", "statecode ne 0").size();
        Process rollback = rollback("2", "rollback-killed");
        boolean caught = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (rollback.isAlive() && System.nanoTime() < deadline) {
            int restores = crashed.deliveries().values().stream().mapToInt(Integer::intValue).sum() - writesBefore;
            if (restores >= reopens + 300) {
                rollback.destroyForcibly();
                caught = true;
                break;
            }
            Thread.sleep(2);
        }
        rollback.waitFor(1, TimeUnit.MINUTES);
        assertTrue(caught, "the rollback ended before it was killed; see " + work.resolve("rollback-killed.log"));
        System.out.println(seconds(t0) + " s: rollback killed after restoring some records");

        finishes(rollback("2", "rollback-resumed"), "rollback-resumed");
        assertTrue(Files.readString(work.resolve("rollback-resumed.log")).matches("(?s).*Rolling back run 2 \\([1-9]\\d* records already undone\\).*"),
                "the second process resumed where the first stopped");
        finishes(rollback("1", "rollback-first"), "rollback-first");
        System.out.println(seconds(t0) + " s: both runs rolled back");
        assertTrue(TargetContent.of(crashed).size() < recordsBefore);
        assertEquals(List.of(), TargetContent.diff(beforeAnyRun, TargetContent.of(crashed)),
                "the target holds what it held before either run");
    }

    private static Process rollback(String run, String name) throws Exception {
        Map<String, String> env = PackagedApp.environment(export.dir(), crashed, broker, work.resolve("reports-" + name),
                work.resolve("ledger"), "crash");
        env.put("MIGRATION_RUN_ON_START", "rollback");
        env.put("MIGRATION_ROLLBACK_RUN", run);
        return PackagedApp.start(env, work.resolve(name + ".log"));
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }

    private static void finishes(Process p, String name) throws Exception {
        PackagedApp.awaitExit(p, work.resolve(name + ".log"), 5);
        assertEquals(0, p.exitValue(), name + " run exit code; see " + work.resolve(name + ".log"));
    }

    private static Process start(DataverseEmulator target, EmbeddedKafkaBroker cluster, String ledger, String name)
            throws Exception {
        return PackagedApp.start(PackagedApp.environment(export.dir(), target, cluster, work.resolve("reports-" + name),
                work.resolve(ledger), "crash"), work.resolve(name + ".log"));
    }

    /** table → records written. */
    private static Map<String, Integer> perTable(Map<String, Integer> deliveries) {
        Map<String, Integer> out = new TreeMap<>();
        deliveries.keySet().forEach(k -> out.merge(k.substring(0, k.indexOf('/')), 1, Integer::sum));
        return out;
    }
}
