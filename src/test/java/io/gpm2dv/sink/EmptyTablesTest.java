package io.gpm2dv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gpm2dv.audit.BeforeImages;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A first load into a fresh organisation writes without reading first, and never at the price of what the reads
 * protect: a record the run may already have written, a table with rows of its own and a matched record are read.
 * Against the emulator over HTTP and the ledger the product runs on.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class EmptyTablesTest {
    @Inject
    EmptyTables emptyTables;

    @Inject
    BeforeImages beforeImages;

    @Inject
    DataverseClient client;

    @Inject
    MigrationConfig config;

    final DataverseTestClient dataverse = EmulatorResource.client();

    String runId;

    @BeforeEach
    void freshOrganisation() {
        EmulatorResource.emulator().reset();
        runId = UUID.randomUUID().toString();
    }

    @Test
    void aFreshTableNeedsNoReadButTheRecordsTheRunMayHaveWrittenAreRead() {
        List<TargetRecord> batch = contacts("fresh", 4);
        assertEquals(Set.of(), emptyTables.mayExist(batch), "nothing of an empty table can exist yet");

        RecordWriter writer = writer();
        List<WriteOutcome> first = writer.write(batch.subList(0, 2), Map.of());
        first.forEach(o -> assertEquals(WriteOutcome.Operation.CREATED, o.operation()));

        // the table has rows now, all the run's: those two are read, the two never written are still known absent
        assertEquals(Set.of(batch.get(0).id, batch.get(1).id), emptyTables.mayExist(batch));
        batch.get(0).attributes.put("lastname", "Second write");
        List<WriteOutcome> again = writer.write(batch, Map.of());
        assertEquals(List.of(WriteOutcome.Operation.UPDATED, WriteOutcome.Operation.UPDATED,
                WriteOutcome.Operation.CREATED, WriteOutcome.Operation.CREATED),
                again.stream().map(WriteOutcome::operation).toList());
        assertEquals("Second write", dataverse.value("contacts", batch.get(0).id, "lastname"));

        // rollback deletes all four: the first image of each says it did not exist before the run
        List<BeforeImages.BeforeImage> images = new ArrayList<>();
        beforeImages.forEachNewestFirst(runId, images::add);
        assertEquals(4, images.size());
        images.forEach(i -> assertFalse(i.existed(), i.recordKey() + " existed before the run"));
    }

    @Test
    void aTableWithRowsOfItsOwnIsReadBeforeEveryWrite() {
        List<TargetRecord> batch = contacts("own", 3);
        // a contact the run did not write, with the id of one of the run's records (a row from an earlier load)
        assertEquals(204, dataverse.write("PATCH", "contacts(" + batch.get(1).id + ")", "{\"lastname\":\"Before the run\"}"));
        assertEquals(Set.of(batch.get(0).id, batch.get(1).id, batch.get(2).id), emptyTables.mayExist(batch));

        List<WriteOutcome> outcomes = writer().write(batch, Map.of());
        assertEquals(WriteOutcome.Operation.UPDATED, outcomes.get(1).operation(), "the existing contact is updated");
        List<BeforeImages.BeforeImage> images = new ArrayList<>();
        beforeImages.forEachNewestFirst(runId, images::add);
        BeforeImages.BeforeImage kept = images.stream().filter(i -> i.targetId().equals(batch.get(1).id.toString()))
                .findFirst().orElseThrow();
        assertTrue(kept.existed());
        assertTrue(kept.image().contains("Before the run"), "rollback can restore what the run replaced");
    }

    @Test
    void eachRunLooksAtTheTableAgain() {
        List<TargetRecord> batch = contacts("later", 2);
        assertEquals(Set.of(), emptyTables.mayExist(batch.subList(0, 1)));
        // another run finds the table as it is now: with a row, so it reads all
        assertEquals(204, dataverse.write("PATCH", "contacts(" + batch.get(1).id + ")", "{\"lastname\":\"Elsewhere\"}"));
        List<TargetRecord> nextRun = contacts("later", 2);
        String next = UUID.randomUUID().toString();
        nextRun.forEach(r -> r.runId = next);
        assertEquals(Set.of(nextRun.get(0).id, nextRun.get(1).id), emptyTables.mayExist(nextRun));
    }

    @Test
    void matchedRecordsAreAlwaysReadSinceTheReadRefusesAMissingOne() {
        List<TargetRecord> batch = contacts("matched", 2);
        batch.forEach(r -> r.updateOnly = true);
        assertEquals(Set.of(batch.get(0).id, batch.get(1).id), emptyTables.mayExist(batch));
        writer().write(batch, Map.of()).forEach(o -> assertEquals(WriteOutcome.Kind.REFUSED, o.kind(),
                "a matched record that does not exist is refused, not created"));
    }

    @Test
    void withTrustEmptyTablesOffEveryRecordOfAnEmptyTableIsRead() {
        EmptyTables distrustful = new EmptyTables();
        distrustful.client = client;
        distrustful.beforeImages = beforeImages;
        distrustful.config = withTrustEmptyTables(false); // migration.sink.trust-empty-tables=false
        List<TargetRecord> batch = contacts("distrust", 3);
        assertEquals(Set.of(batch.get(0).id, batch.get(1).id, batch.get(2).id), distrustful.mayExist(batch),
                "an empty table is read like any other");
        assertEquals(Set.of(), emptyTables.mayExist(batch), "the default trusts it");
    }

    /** The configuration in force, but for {@code migration.sink.trust-empty-tables}. */
    private MigrationConfig withTrustEmptyTables(boolean trust) {
        ClassLoader loader = MigrationConfig.class.getClassLoader();
        MigrationConfig.Sink sink = (MigrationConfig.Sink) Proxy.newProxyInstance(loader, new Class<?>[] {MigrationConfig.Sink.class},
                (proxy, method, args) -> method.getName().equals("trustEmptyTables") ? trust : method.invoke(config.sink(), args));
        return (MigrationConfig) Proxy.newProxyInstance(loader, new Class<?>[] {MigrationConfig.class},
                (proxy, method, args) -> method.getName().equals("sink") ? sink : method.invoke(config, args));
    }

    private RecordWriter writer() {
        return new RecordWriter(client, 50, null, beforeImages::recordFirst, null, Duration.ZERO, emptyTables::mayExist);
    }

    private List<TargetRecord> contacts(String prefix, int n) {
        List<TargetRecord> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "empty-tables-" + prefix + "-" + i;
            TargetRecord r = new TargetRecord();
            r.runId = runId;
            r.runNumber = 1;
            r.object = "clients";
            r.key = key;
            r.table = "contact";
            r.entitySet = "contacts";
            r.primaryKey = "contactid";
            r.id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
            r.attributes.put("new_gensolveid", key);
            r.attributes.put("lastname", "Lastname " + i);
            batch.add(r);
        }
        return batch;
    }
}
