package io.gpm2dv.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
import io.gpm2dv.local.EmbeddedKafkaBroker;
import io.gpm2dv.mapping.MapInForce;
import io.gpm2dv.testing.EmulatorResource;

/**
 * The production artifact run the way an operator runs it: configuration from the environment only, a Kafka
 * cluster and a Dataverse environment given by address, {@code run-on-start=full} and {@code exit-after-run=true}.
 */
class PackagedRunIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedKafkaBroker broker;
    static DataverseEmulator dataverse;

    @TempDir
    static Path work;

    @BeforeAll
    static void cluster() {
        broker = EmbeddedKafkaBroker.start();
        dataverse = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(EmulatorResource.USERS));
    }

    @AfterAll
    static void stop() throws Exception {
        dataverse.close();
        broker.close();
    }

    @Test
    void theProductionArtifactShipsNoKafkaBroker() throws IOException {
        try (Stream<Path> libs = Files.walk(Path.of("target/quarkus-app/lib"))) {
            List<String> broker = libs.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("org.apache.kafka.kafka_") || n.contains("kafka-server")
                            || n.contains("kafka-test-common") || n.contains("kafka-raft"))
                    .toList();
            assertTrue(broker.isEmpty(), "broker jars in the production artifact: " + broker);
        }
    }

    @Test
    void theProductionArtifactShipsNoEmulatorAndNoSampleGenerator() throws IOException {
        List<String> found = new java.util.ArrayList<>();
        try (Stream<Path> jars = Files.walk(Path.of("target/quarkus-app"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                    // folders left empty by an earlier local build are no code
                    zip.stream().filter(e -> !e.isDirectory()).map(java.util.zip.ZipEntry::getName)
                            .filter(n -> n.startsWith("io/gpm2dv/emulator/") || n.startsWith("io/gpm2dv/sample/")
                                    || n.startsWith("io/gpm2dv/local/") || n.startsWith("emulator/"))
                            .forEach(n -> found.add(jar.getFileName() + "!" + n));
                }
            }
        }
        assertTrue(found.isEmpty(), "test doubles in the production artifact: " + found);
    }

    /**
     * One start proves two things: the repeat runs under a map whose surnames Dataverse refuses for one record, so it
     * both creates nothing (every record is there already) and exits 3, listing the refused record.
     */
    @Test
    void aRunFromTheEnvironmentExitsZeroAndARepeatCreatesNothingAndExitsThreeOnARecordDataverseRefuses()
            throws Exception {
        Path reports = work.resolve("reports");
        assertEquals(0, run(reports, "first"), "first run exit code");
        JsonNode first = JSON.readTree(reports.resolve("reconciliation.json").toFile());
        assertEquals("COMPLETE", first.path("status").asText());
        long created = 0;
        for (JsonNode o : first.path("objects")) {
            assertEquals(o.path("exportRows").asLong(), o.path("extracted").asLong() + o.path("rejected").asLong());
            created += o.path("created").asLong();
        }
        assertTrue(created > 0);

        Path map = io.gpm2dv.testing.MappingFiles.wideSurnames();
        assertEquals(3, run(reports, "second", Map.of("MIGRATION_MAPPING_FILE", map.toString(),
                "MIGRATION_CONFIRMED_MAPPING_SHA256", MapInForce.sha256(Files.readAllBytes(map)))), "second run exit code");
        JsonNode second = JSON.readTree(reports.resolve("reconciliation.json").toFile());
        assertEquals(first.path("runNumber").asInt() + 1, second.path("runNumber").asInt(), "the next run of the ledger");
        assertEquals("COMPLETE_WITH_FAILURES", second.path("status").asText());
        for (JsonNode o : second.path("objects")) {
            assertEquals(0, o.path("created").asLong(), o.path("object").asText());
        }
        assertTrue(Files.readString(work.resolve("second.log")).contains("DEAD LETTER: client-1029"),
                "the console lists the dead letter");
    }

    @Test
    void aMissingFallbackOwnerRefusesTheRunWithExitCodeTwo() throws Exception {
        Path reports = work.resolve("refused");
        int code = run(reports, "refused", Map.of("MIGRATION_FALLBACK_OWNER", "nobody@harbourside.example"));
        assertEquals(2, code);
        assertFalse(Files.exists(reports.resolve("reconciliation.json")));
        assertTrue(Files.readString(work.resolve("refused.log")).contains("migration.fallback-owner"),
                "the refusal names the setting to fix");
    }

    @Test
    void anUnreachableKafkaClusterRefusesTheRunWithExitCodeTwo() throws Exception {
        Path reports = work.resolve("no-kafka");
        // port 9 (discard) on loopback: nothing listens there, so the cluster cannot answer
        assertEquals(2, run(reports, "no-kafka", Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9")));
        assertFalse(Files.exists(reports.resolve("reconciliation.json")));
    }

    @Test
    void aHeadlessRunIsRefusedUnlessTheMapInForceIsTheConfirmedOne() throws Exception {
        // a ledger of their own: a confirmation recorded by an earlier run in the shared ledger rightly still counts
        Map<String, String> unconfirmed = new java.util.HashMap<>(ownLedger("unconfirmed"));
        unconfirmed.put("MIGRATION_CONFIRMED_MAPPING_SHA256", null);
        assertEquals(2, run(work.resolve("unconfirmed"), "unconfirmed", unconfirmed));
        String bundledSha = MapInForce.sha256(io.gpm2dv.mapping.MappingSpecs.bundledBytes());
        assertTrue(Files.readString(work.resolve("unconfirmed.log")).contains("migration.confirmed-mapping-sha256="
                + bundledSha), "the refusal names the SHA-256 to confirm and the setting");

        // the bundled map was confirmed, then the map in force became an edited copy: refused, naming the new SHA-256
        Path edited = io.gpm2dv.testing.MappingFiles.wideSurnames();
        Map<String, String> editedMap = new java.util.HashMap<>(ownLedger("edited"));
        editedMap.put("MIGRATION_MAPPING_FILE", edited.toString());
        assertEquals(2, run(work.resolve("edited"), "edited", editedMap));
        String log = Files.readString(work.resolve("edited.log"));
        assertTrue(log.contains(MapInForce.sha256(Files.readAllBytes(edited))), "the refusal names the current SHA-256");
        assertFalse(Files.exists(work.resolve("edited").resolve("reconciliation.json")), "nothing moved");
    }

    private Map<String, String> ownLedger(String name) {
        return Map.of("DB_URL", "jdbc:h2:file:" + work.resolve("ledger-" + name).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    @Test
    void withoutADataverseUrlNothingStarts() throws Exception {
        Path reports = work.resolve("no-url");
        java.util.Map<String, String> noUrl = new java.util.HashMap<>();
        noUrl.put("DATAVERSE_URL", null);
        assertTrue(run(reports, "no-url", noUrl) != 0, "no default target");
        assertTrue(Files.readString(work.resolve("no-url.log")).contains("dataverse.url"), "the log names the missing key");
        assertFalse(Files.exists(reports.resolve("reconciliation.json")));
    }

    private int run(Path reports, String name) throws Exception {
        return run(reports, name, Map.of());
    }

    private int run(Path reports, String name, Map<String, String> extra) throws Exception {
        Map<String, String> env = PackagedApp.environment(Path.of("src/main/sample/export"), dataverse, broker, reports,
                work.resolve("ledger"), "packaged-" + name);
        env.putAll(extra);
        Process p = PackagedApp.start(env, work.resolve(name + ".log"));
        PackagedApp.awaitExit(p, work.resolve(name + ".log"), 5);
        File log = work.resolve(name + ".log").toFile();
        System.out.println("packaged run '" + name + "' exited " + p.exitValue() + " (log " + log + ")");
        return p.exitValue();
    }
}
