package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A message no stage can read lands on each stage's topic in the middle of a run: each is dead-lettered with its
 * topic, partition and offset (never looped on, never with its text in the reason), every row of the export is
 * still accounted for, and the run ends COMPLETE_WITH_FAILURES with exit code 3.
 */
@QuarkusTest
@TestProfile(UnreadableMessagesTest.OwnReports.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class UnreadableMessagesTest {
    static final Path REPORTS = Path.of("target/test-reports/unreadable");
    /** What a stage meets: not JSON, JSON of the wrong shape, and a name that must never reach a reason. */
    static final Map<String, String> GARBAGE = new LinkedHashMap<>();

    static {
        GARBAGE.put("gpm.clients.extracted", "{\"first_name\": Aroha");
        GARBAGE.put("dv.contact.mapped", "[\"Aroha Ngata\"]");
        GARBAGE.put("dv.contact.ready", "Aroha Ngata, 021 555 0101");
        GARBAGE.put("migration.dead-letter", "{\"lastname\": \"Ngata\"}");
    }

    /** Stage that reads each topic. */
    static final Map<String, String> STAGE_OF = Map.of("gpm.clients.extracted", "map", "dv.contact.mapped", "owner",
            "dv.contact.ready", "sink", "migration.dead-letter", "dead-letter");

    public static class OwnReports implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("migration.report-dir", REPORTS.toString());
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    RunRegistry runs;

    @Test
    void anUnreadableMessageOnEachTopicIsDeadLetteredWithItsPositionAndTheRunExitsThree() throws Exception {
        EmulatorResource.emulator().reset();
        Optional<String> before = runs.current();
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(runner::runFull);
        String runId = null;
        while (runId == null) {
            Optional<String> now = runs.current();
            if (now.isPresent() && !now.equals(before)) {
                runId = now.get();
            }
            Thread.sleep(20);
        }
        Map<String, RecordMetadata> positions = new LinkedHashMap<>();
        for (Map.Entry<String, String> g : GARBAGE.entrySet()) {
            positions.put(g.getKey(), publish(g.getKey(), g.getValue(), runId));
        }
        RunOutcome outcome = run.get(5, TimeUnit.MINUTES);

        assertEquals(RunStatus.COMPLETE_WITH_FAILURES, outcome.status(), outcome.message());
        assertEquals(3, outcome.exitCode());
        for (ObjectReconciliation o : outcome.reconciliation().objects()) {
            assertTrue(o.balanced(), o.object() + ": every row of the export is still accounted for");
        }
        List<JsonNode> dead = ReportFile.of(REPORTS, outcome.reconciliation().runNumber()).list("deadLettered");
        assertEquals(GARBAGE.size(), dead.size(), dead.toString());
        for (Map.Entry<String, RecordMetadata> p : positions.entrySet()) {
            JsonNode d = dead.stream().filter(x -> p.getKey().equals(x.path("topic").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no dead letter for " + p.getKey()));
            assertEquals(String.valueOf(p.getValue().partition()), d.path("partition").asText(), p.getKey());
            assertEquals(String.valueOf(p.getValue().offset()), d.path("offset").asText(), p.getKey());
            assertEquals(STAGE_OF.get(p.getKey()), d.path("stage").asText(), p.getKey());
            assertEquals("unreadable", d.path("object").asText());
            assertTrue(d.path("reason").asText().startsWith("unreadable message"), d.toString());
            assertFalse(d.toString().contains("Aroha") || d.toString().contains("Ngata") || d.toString().contains("021"),
                    "the report never carries the message's text: " + d);
        }
    }

    private static RecordMetadata publish(String topic, String body, String runId) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, "garbage", body);
            record.headers().add("gpmRunId", runId.getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get();
        }
    }
}
