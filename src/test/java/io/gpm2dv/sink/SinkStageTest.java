package io.gpm2dv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.camel.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.LedgerException;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.emulator.Incident;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.pipeline.Delivery;
import io.gpm2dv.pipeline.StageBatch;
import io.gpm2dv.pipeline.StageMessages;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sink stage on a poll batch, against the ledger and the emulator over HTTP: what it writes, records and
 * dead-letters, what it leaves to wait, and that a batch delivered again is recognised and not written twice.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class SinkStageTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SinkStage sink;

    @Inject
    RunRegistry runs;

    @Inject
    RecordFates fates;

    @Inject
    DataSource ledger;

    RunRegistry.Run run;
    String tag;
    long offset;

    @BeforeEach
    void aRunningRun() {
        run = runs.start("test", "sink-" + UUID.randomUUID(), "Harbourside Physiotherapy Ltd", "test");
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void finish() {
        EmulatorResource.emulator().endIncidents();
        runs.finish(run.runId(), "COMPLETE");
    }

    @Test
    void aBatchIsWrittenAuditedOnceAndRecognisedWhenDeliveredAgain() throws Exception {
        List<Delivery> deliveries = List.of(delivery(contact("a")), delivery(contact("b")));
        StageBatch batch = new StageBatch(deliveries);
        assertEquals(List.of(), sink.write(batch));
        assertTrue(deliveries.stream().allMatch(batch::isDone));
        assertEquals(Optional.of(Fate.LOADED), fates.fate(run.runId(), key("a")));
        int delivered = EmulatorResource.emulator().deliveries().size();

        StageBatch again = new StageBatch(deliveries); // e.g. after a failed offset commit
        assertEquals(List.of(), sink.write(again));
        assertTrue(deliveries.stream().allMatch(again::isDone));
        assertEquals(delivered, EmulatorResource.emulator().deliveries().size(), "nothing was sent to Dataverse again");
        assertEquals(1, auditRows(key("a")), "and nothing audited again");
    }

    @Test
    void twoMessagesOfOneRecordInABatchAreWrittenOnce() throws Exception {
        TargetRecord r = contact("twice");
        List<Delivery> deliveries = List.of(delivery(r), delivery(r)); // a stage before the sink published it twice
        StageBatch batch = new StageBatch(deliveries);
        sink.write(batch);
        assertTrue(deliveries.stream().allMatch(batch::isDone));
        assertEquals(1, EmulatorResource.emulator().deliveries().get("contact/" + r.id));
        assertEquals(1, auditRows(key("twice")));
    }

    @Test
    void anOutageLeavesTheBatchWaitingWithNothingDeadLetteredOrRecorded() throws Exception {
        List<Delivery> deliveries = List.of(delivery(contact("c")), delivery(contact("d")));
        EmulatorResource.emulator().incident(Incident.outage(Duration.ofSeconds(30), 0).concerning("contacts"));
        StageBatch batch = new StageBatch(deliveries);
        assertEquals(List.of(), sink.write(batch), "no dead letter");
        for (Delivery d : deliveries) {
            assertFalse(batch.isDone(d), "waits");
        }
        assertEquals(Optional.of(StageBatch.Cause.DATAVERSE), batch.waitingOn());
        assertEquals(Optional.empty(), fates.fate(run.runId(), key("c")));
        assertEquals(0, auditRows(key("c")));

        EmulatorResource.emulator().endIncidents();
        StageBatch retry = new StageBatch(deliveries);
        sink.write(retry);
        assertTrue(deliveries.stream().allMatch(retry::isDone));
        assertEquals(Optional.of(Fate.LOADED), fates.fate(run.runId(), key("c")));
    }

    @Test
    void whenTheLedgerFailsTheWritesThatLandedAreRecordedLaterWithoutBeingSentAgain() throws Exception {
        List<Delivery> deliveries = List.of(delivery(contact("h")));
        try (Connection c = ledger.getConnection(); var s = c.createStatement()) {
            s.execute("ALTER TABLE gpm_audit_log RENAME TO gpm_audit_log_away"); // the ledger refuses the write
        }
        try {
            LedgerException e = assertThrows(LedgerException.class, () -> sink.write(new StageBatch(deliveries)));
            assertEquals(StageBatch.Cause.LEDGER, e.dependency(), "a dependency failure: the stage gate holds the batch");
        } finally {
            try (Connection c = ledger.getConnection(); var s = c.createStatement()) {
                s.execute("ALTER TABLE gpm_audit_log_away RENAME TO gpm_audit_log");
            }
        }
        TargetRecord written = JSON.readValue(deliveries.get(0).body(), TargetRecord.class);
        assertEquals(1, EmulatorResource.emulator().deliveries().get("contact/" + written.id), "Dataverse took it");
        assertEquals(Optional.empty(), fates.fate(run.runId(), key("h")), "but nothing was recorded");

        StageBatch retry = new StageBatch(deliveries);
        sink.write(retry);
        assertTrue(retry.isDone(deliveries.get(0)));
        assertEquals(Optional.of(Fate.LOADED), fates.fate(run.runId(), key("h")));
        assertEquals(1, auditRows(key("h")), "audited once");
        assertEquals(1, EmulatorResource.emulator().deliveries().get("contact/" + written.id), "and never sent twice");
    }

    @Test
    void aRecordDataverseRefusesIsDeadLetteredWithItsReasonAndTheRestIsWritten() throws Exception {
        TargetRecord bad = contact("e");
        bad.attributes.put("lastname", "Overlong-" + "x".repeat(200));
        List<Delivery> deliveries = List.of(delivery(contact("f")), delivery(bad));
        StageBatch batch = new StageBatch(deliveries);
        List<Message> dead = sink.write(batch);
        assertEquals(1, dead.size());
        assertEquals(Boolean.TRUE, dead.get(0).getHeader(StageMessages.DEAD_LETTER));
        JsonNode letter = JSON.readTree(dead.get(0).getBody(String.class));
        assertEquals(key("e"), letter.path("key").asText());
        assertEquals("dv.contact.ready", letter.path("topic").asText(), "it says which message it came from");
        assertTrue(letter.path("reason").asText().contains("column lastname"), letter.path("reason").asText());
        assertFalse(letter.path("reason").asText().contains("Overlong"));
        assertEquals(Optional.of(Fate.DEAD_LETTERED), fates.fate(run.runId(), key("e")), "recorded before the commit");
        assertEquals(Optional.of(Fate.LOADED), fates.fate(run.runId(), key("f")));
        assertTrue(deliveries.stream().allMatch(batch::isDone));
    }

    @Test
    void anUnreadableMessageIsDeadLetteredWithItsPositionAndAnEndedRunsMessageIsDropped() throws Exception {
        Delivery garbage = new Delivery("dv.contact.ready", 2, 77L, "x", run.runId(), "Aroha Ngata");
        RunRegistry.Run ended = runs.start("test", "sink-ended", "Harbourside Physiotherapy Ltd", "test");
        runs.finish(ended.runId(), "FAILED");
        TargetRecord late = contact("g");
        late.runId = ended.runId();
        Delivery stale = delivery(late);
        StageBatch batch = new StageBatch(List.of(garbage, stale));
        List<Message> dead = sink.write(batch);
        assertEquals(1, dead.size());
        JsonNode letter = JSON.readTree(dead.get(0).getBody(String.class));
        assertEquals("unreadable", letter.path("object").asText());
        assertEquals(2, letter.path("partition").asInt());
        assertEquals(77, letter.path("offset").asLong());
        assertFalse(letter.path("reason").asText().contains("Aroha"));
        assertTrue(batch.isDone(garbage) && batch.isDone(stale));
        assertEquals(null, EmulatorResource.client().retrieve("contacts", late.id), "a run that ended writes nothing more");
    }

    /**
     * A poll batch of closed activities, written as several concurrent requests, then the same records again in a later
     * run with new content: each record's writes (create, close; then reopen, update, close) must come in order, or
     * Dataverse refuses the update of a closed activity. Nothing is refused, and every record ends with the later run's
     * content, closed.
     */
    @Test
    void writesToOneRecordNeverOvertakeEachOtherUnderConcurrency() throws Exception {
        int n = 250; // more than two bulk requests' worth (dataverse.batch-size 100): they go at once
        List<Delivery> first = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            first.add(delivery(task("t" + i, "first")));
        }
        StageBatch batch = new StageBatch(first);
        assertEquals(List.of(), sink.write(batch), "nothing refused");
        assertTrue(first.stream().allMatch(batch::isDone));

        RunRegistry.Run earlier = run;
        runs.finish(earlier.runId(), "COMPLETE");
        run = runs.start("test", "sink-" + UUID.randomUUID(), "Harbourside Physiotherapy Ltd", "test");
        List<Delivery> second = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            second.add(delivery(task("t" + i, "second")));
        }
        StageBatch again = new StageBatch(second);
        assertEquals(List.of(), sink.write(again), "no update of a closed task was sent before its reopen");
        assertTrue(second.stream().allMatch(again::isDone));
        for (int i = 0; i < n; i += 37) {
            JsonNode t = EmulatorResource.client().retrieve("tasks", task("t" + i, "second").id);
            assertEquals("Task t" + i + " second", t.path("subject").asText(), "the later write is the one that stands");
            assertEquals(1, t.path("statecode").asInt(), "closed again after the update");
        }
    }

    private TargetRecord task(String suffix, String version) {
        TargetRecord r = new TargetRecord();
        r.runId = run.runId();
        r.runNumber = run.runNumber();
        r.object = "appointments";
        r.key = "sinktest-task-" + tag + "-" + suffix; // the same record in both runs
        r.table = "task";
        r.entitySet = "tasks";
        r.primaryKey = "activityid";
        r.id = UUID.nameUUIDFromBytes(r.key.getBytes(StandardCharsets.UTF_8));
        r.attributes.put("subject", "Task " + suffix + " " + version);
        r.attributes.put("new_gensolveid", r.key);
        r.state = new TargetRecord.StateChange(1, 5);
        return r;
    }

    private String key(String suffix) {
        return "sinktest-" + tag + "-" + suffix;
    }

    private TargetRecord contact(String suffix) {
        TargetRecord r = new TargetRecord();
        r.runId = run.runId();
        r.runNumber = run.runNumber();
        r.object = "clients";
        r.key = key(suffix);
        r.table = "contact";
        r.entitySet = "contacts";
        r.primaryKey = "contactid";
        r.id = UUID.nameUUIDFromBytes(r.key.getBytes(StandardCharsets.UTF_8));
        r.attributes.put("lastname", "Test " + suffix);
        r.attributes.put("new_gensolveid", r.key);
        return r;
    }

    private Delivery delivery(TargetRecord r) throws Exception {
        return new Delivery("dv." + r.table + ".ready", 0, offset++, r.key, r.runId, JSON.writeValueAsString(r));
    }

    private int auditRows(String key) throws Exception {
        try (Connection c = ledger.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gpm_audit_log WHERE run_id = ? AND record_key = ?")) {
            ps.setString(1, run.runId());
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
