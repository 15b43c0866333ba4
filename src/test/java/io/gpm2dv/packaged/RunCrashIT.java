package io.gpm2dv.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
import io.gpm2dv.local.EmbeddedKafkaBroker;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.ExportFixture;
import io.gpm2dv.testing.TargetContent;

/**
 * The production artifact is killed ({@code kill -9}) halfway through a full run of the sample, with some clients in
 * Dataverse and not yet every note, then started again on the same ledger and the same Kafka cluster: it exits 0, and
 * Dataverse holds exactly what an uninterrupted run leaves in a fresh environment.
 */
class RunCrashIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Clients written before the kill: past the reference data, well before the run's end. */
    static final int CONTACTS_BEFORE_KILL = 40;
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
        crashed = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(EmulatorResource.USERS));
        reference = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(EmulatorResource.USERS));
        export = ExportFixture.copyOfSample();
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
        // the uninterrupted run goes alongside (its own cluster, ledger and target): the runs wait on Kafka and the
        // target more than they compute, so together they take little longer than one
        Process uninterrupted = start(reference, referenceBroker, "reference-ledger", "reference");
        Process first = start(crashed, broker, "ledger", "killed");
        boolean caught = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (first.isAlive() && System.nanoTime() < deadline) {
            if (count(crashed.deliveries(), "contact/") >= CONTACTS_BEFORE_KILL) {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no offset commit, no ledger write
                caught = true;
                break;
            }
            Thread.sleep(5);
        }
        first.waitFor(1, TimeUnit.MINUTES);
        assertTrue(caught, "the run ended before " + CONTACTS_BEFORE_KILL + " clients were in; see " + work.resolve("killed.log"));
        Map<String, Integer> atKill = perTable(crashed.deliveries());
        System.out.println(seconds(t0) + " s: killed with these records written: " + atKill);

        Process second = start(crashed, broker, "ledger", "restarted");
        finishes(uninterrupted, "reference");
        System.out.println(seconds(t0) + " s: the uninterrupted run ended, having written " + perTable(reference.deliveries()));
        Map<String, JsonNode> expected = TargetContent.of(reference);
        assertTrue(atKill.getOrDefault("annotation", 0) < perTable(reference.deliveries()).getOrDefault("annotation", 0),
                "the kill came before every note was in");

        finishes(second, "restarted");
        System.out.println(seconds(t0) + " s: the restarted run ended");
        assertTrue(Files.readString(work.resolve("restarted.log")).contains("marked INTERRUPTED"),
                "the restart saw the killed run");
        JsonNode report = JSON.readTree(work.resolve("reports-restarted").resolve("reconciliation.json").toFile());
        assertEquals("COMPLETE", report.path("status").asText());

        assertEquals(List.of(), TargetContent.diff(expected, TargetContent.of(crashed)),
                "Dataverse holds what an uninterrupted run leaves");
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }

    private static void finishes(Process p, String name) throws InterruptedException {
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the " + name + " run did not finish; see " + work.resolve(name + ".log"));
        }
        assertEquals(0, p.exitValue(), name + " run exit code; see " + work.resolve(name + ".log"));
    }

    private static Process start(DataverseEmulator target, EmbeddedKafkaBroker cluster, String ledger, String name)
            throws Exception {
        return PackagedApp.start(PackagedApp.environment(export.dir(), target, cluster, work.resolve("reports-" + name),
                work.resolve(ledger), "crash"), work.resolve(name + ".log"));
    }

    private static int count(Map<String, Integer> deliveries, String prefix) {
        int n = 0;
        for (String k : deliveries.keySet()) {
            n += k.startsWith(prefix) ? 1 : 0;
        }
        return n;
    }

    /** table → records written. */
    private static Map<String, Integer> perTable(Map<String, Integer> deliveries) {
        Map<String, Integer> out = new TreeMap<>();
        deliveries.keySet().forEach(k -> out.merge(k.substring(0, k.indexOf('/')), 1, Integer::sum));
        return out;
    }
}
