package io.gpm2dv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.RetryBudget;
import io.gpm2dv.emulator.Incident;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The writer's promises, against the emulator over HTTP: only the record Dataverse refuses is refused, an outage
 * refuses nothing, no child loses its parent, and data that landed is never sent twice.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class RecordWriterTest {
    @Inject
    DataverseClient client;

    final DataverseTestClient dataverse = EmulatorResource.client();

    @Test
    void aRefusedBulkRequestIsSplitSoOnlyTheBadRecordIsRefused() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<TargetRecord> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(contact("split-" + tag + "-" + i, "Lastname " + i));
        }
        String overlong = "Overlong" + "x".repeat(292);
        batch.get(4).attributes.put("lastname", overlong); // contact.lastname MaxLength is far below 300
        List<WriteOutcome> outcomes = new RecordWriter(client, 50).write(batch, Map.of());

        assertEquals(7, outcomes.size());
        for (int i = 0; i < 7; i++) {
            TargetRecord sent = batch.get(i);
            WriteOutcome o = outcomes.stream().filter(w -> w.record() == sent).findFirst().orElseThrow();
            if (i == 4) {
                assertEquals(WriteOutcome.Kind.REFUSED, o.kind(), "the over-long record is refused");
                assertEquals("0x80044331", o.code());
                assertTrue(o.reason().contains("StringLengthTooLong") && o.reason().contains("column lastname"), o.reason());
                assertFalse(o.reason().contains("Overlong"), "a reason never carries the value");
            } else {
                assertTrue(o.isWritten(), "record " + i + " is written despite its neighbour: " + o.reason());
            }
        }
        assertEquals(6, dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'split-" + tag + "')").size());
    }

    @Test
    void aChildIsNeverWrittenWithoutItsParentAndIsWrittenWithTheLookupOnceItArrives() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TargetRecord parent = account("parent-" + tag);
        TargetRecord child = childOf(parent, "child-" + tag);
        RecordWriter writer = new RecordWriter(client, 50);

        WriteOutcome first = writer.write(List.of(child), Map.of()).get(0);
        assertEquals(WriteOutcome.Kind.PARENT_MISSING, first.kind(), "Dataverse refused the bind: the parent is not there yet");
        assertEquals(parent.key, first.missingParentKey());
        assertTrue(dataverse.query("contacts", "contactid", "new_gensolveid eq 'child-" + tag + "'").isEmpty(),
                "never written without its lookup");

        assertTrue(writer.write(List.of(parent), Map.of()).get(0).isWritten());
        WriteOutcome again = writer.write(List.of(child), Map.of()).get(0);
        assertTrue(again.isWritten(), again.reason());
        JsonNode written = dataverse.retrieve("contacts", child.id);
        assertNotNull(written);
        assertEquals(parent.id.toString(), written.path("_parentcustomerid_value").asText());
    }

    @Test
    void anOutageDefersEveryRecordItTouchedAndRefusesNone() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<TargetRecord> batch = List.of(contact("outage-" + tag + "-1", "One"), contact("outage-" + tag + "-2", "Two"));
        EmulatorResource.emulator().incident(Incident.outage(Duration.ofSeconds(3), 0).concerning("contacts"));
        try {
            List<WriteOutcome> outcomes = RetryBudget.within(Duration.ofMillis(300),
                    () -> new RecordWriter(client, 50).write(batch, Map.of()));
            for (WriteOutcome o : outcomes) {
                assertEquals(WriteOutcome.Kind.DEFERRED, o.kind(), "an outage is not the record's fault");
                assertNull(o.operation(), "nothing landed");
                assertTrue(o.reason().contains("503"), o.reason());
            }
        } finally {
            EmulatorResource.emulator().endIncidents();
        }
        assertTrue(dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'outage-" + tag + "')").isEmpty());
        List<WriteOutcome> after = new RecordWriter(client, 50).write(batch, Map.of());
        assertTrue(after.stream().allMatch(WriteOutcome::isWritten), "written once Dataverse answers again");
    }

    @Test
    void aBatchWhoseReadAnsweredIsWrittenThoughThePollsInlineWaitEndsWhileItsWriteIsThrottled() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<TargetRecord> batch = List.of(contact("finish-" + tag + "-1", "One"), contact("finish-" + tag + "-2", "Two"));
        // the read goes through; the write after it meets a 429 with a Retry-After longer than the poll's inline wait
        EmulatorResource.emulator().incident(Incident.throttle(Duration.ofSeconds(2), 1, "contacts", Duration.ofSeconds(1)));
        List<WriteOutcome> outcomes;
        try {
            outcomes = RetryBudget.within(Duration.ofMillis(300), () -> new RecordWriter(client, 50, null, images -> { },
                    null, Duration.ofSeconds(30), RecordWriter.EVERY_RECORD).write(batch, Map.of()));
        } finally {
            EmulatorResource.emulator().endIncidents();
        }
        outcomes.forEach(o -> assertTrue(o.isWritten(), "written after the throttle, not deferred to read again: "
                + o.kind() + " " + o.reason()));
        assertEquals(2, dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'finish-" + tag + "')").size());
    }

    @Test
    void dataThatLandedInAnEarlierAttemptIsNotDeliveredAgain() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TargetRecord r = contact("landed-" + tag, "Landed");
        RecordWriter writer = new RecordWriter(client, 50);
        assertTrue(writer.write(List.of(r), Map.of()).get(0).isWritten());
        String delivery = "contact/" + r.id;
        int before = EmulatorResource.emulator().deliveries().getOrDefault(delivery, 0);

        WriteOutcome retry = writer.write(List.of(r), Map.of(r.key, WriteOutcome.Operation.CREATED)).get(0);
        assertTrue(retry.isWritten());
        assertEquals(WriteOutcome.Operation.CREATED, retry.operation(), "the first attempt's operation is kept");
        assertEquals(before, EmulatorResource.emulator().deliveries().getOrDefault(delivery, 0),
                "the retry did not send the data again");
    }

    private static TargetRecord contact(String key, String lastname) {
        TargetRecord r = record("contact", "contacts", "contactid", key);
        r.attributes.put("lastname", lastname);
        return r;
    }

    private static TargetRecord account(String key) {
        TargetRecord r = record("account", "accounts", "accountid", key);
        r.attributes.put("name", "Parent " + key);
        return r;
    }

    private static TargetRecord childOf(TargetRecord parent, String key) {
        TargetRecord child = contact(key, "Child");
        child.attributes.put("parentcustomerid_account@odata.bind", parent.bindPath());
        child.parents.add(new TargetRecord.ParentRef("parentcustomerid_account", "accounts", parent.id, parent.key));
        return child;
    }

    private static TargetRecord record(String table, String set, String pk, String key) {
        TargetRecord r = new TargetRecord();
        r.runId = "writer-test";
        r.runNumber = 1;
        r.object = table;
        r.key = key;
        r.table = table;
        r.entitySet = set;
        r.primaryKey = pk;
        r.id = UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        r.attributes.put("new_gensolveid", key);
        return r;
    }
}
