package io.gpm2dv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.mapping.TargetRecord;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The sink's promises, against the emulator over HTTP: only the bad record fails, and no child loses its parent. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class RecordWriterTest {
    @Inject
    DataverseClient client;

    final DataverseTestClient dataverse = EmulatorResource.client();

    @Test
    void aRefusedBulkRequestIsSplitSoOnlyTheBadRecordFails() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<TargetRecord> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(contact("split-" + tag + "-" + i, "Lastname " + i));
        }
        batch.get(4).attributes.put("lastname", "x".repeat(300)); // contact.lastname MaxLength is far below 300
        List<WriteOutcome> outcomes = new RecordWriter(client, 50).write(batch);

        assertEquals(7, outcomes.size());
        for (int i = 0; i < 7; i++) {
            TargetRecord sent = batch.get(i);
            WriteOutcome o = outcomes.stream().filter(w -> w.record() == sent).findFirst().orElseThrow();
            if (i == 4) {
                assertTrue(o.isFailed(), "the over-long record fails");
                assertEquals("0x80044331", o.code());
            } else {
                assertTrue(o.isWritten(), "record " + i + " is written despite its neighbour: " + o.failure());
            }
        }
        assertEquals(6, dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'split-" + tag + "')").size());
    }

    @Test
    void aChildWaitsForItsParentAndIsWrittenWithTheLookupOnceItArrives() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TargetRecord parent = account("parent-" + tag);
        TargetRecord child = childOf(parent, "child-" + tag);
        RecordWriter writer = new RecordWriter(client, 50);

        List<WriteOutcome> first = writer.write(List.of(child));
        assertTrue(first.get(0).isParentMissing(), "Dataverse refused the bind: the parent is not there yet");
        assertTrue(dataverse.query("contacts", "contactid", "new_gensolveid eq 'child-" + tag + "'").isEmpty(),
                "never written without its lookup");

        CompletableFuture<List<WriteOutcome>> parentLater = CompletableFuture.supplyAsync(() -> {
            sleep(800);
            return writer.write(List.of(parent));
        });
        ParentWait wait = new ParentWait(Duration.ofSeconds(20), Duration.ofMillis(200), (run, key) -> Optional.empty());
        List<WriteOutcome> resolved = wait.resolve(first, writer::write);
        assertTrue(parentLater.get().get(0).isWritten());
        assertTrue(resolved.get(0).isWritten(), String.valueOf(resolved.get(0).failure()));
        JsonNode written = dataverse.retrieve("contacts", child.id);
        assertNotNull(written);
        assertEquals(parent.id.toString(), written.path("_parentcustomerid_value").asText());
    }

    @Test
    void aChildWhoseParentNeverComesIsFailedNotWrittenWithoutIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TargetRecord child = childOf(account("never-" + tag), "orphaned-" + tag);
        RecordWriter writer = new RecordWriter(client, 50);
        ParentWait wait = new ParentWait(Duration.ofMillis(600), Duration.ofMillis(200), (run, key) -> Optional.empty());
        WriteOutcome o = wait.resolve(writer.write(List.of(child)), writer::write).get(0);
        assertTrue(o.isFailed());
        assertTrue(o.failure().contains("was not in Dataverse after"), o.failure());
        assertNull(dataverse.retrieve("contacts", child.id));
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
