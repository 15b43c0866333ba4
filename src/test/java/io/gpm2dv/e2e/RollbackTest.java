package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.audit.AuditEntry;
import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.audit.RollbackLedger;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.mapping.RecordIds;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.rollback.RollbackService;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.TargetContent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * One action rolls a run back: every record it created is deleted and every record it updated — a contact that was
 * in Dataverse before the run, the practitioners' users — gets its earlier values back, so the target holds exactly
 * what it held before the run. A second request changes nothing and answers the same state.
 */
@QuarkusTest
@TestProfile(RollbackTest.OwnTarget.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class RollbackTest {
    static DataverseEmulator target;

    /** A target and a ledger of its own: the content before the run is known exactly. */
    public static class OwnTarget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (target == null) {
                target = EmulatorResource.startOwn(o -> o);
            }
            return EmulatorResource.pointingAt(target, Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:ledger-rollback;DB_CLOSE_DELAY=-1",
                    "migration.kafka.group-prefix", "rollback-test",
                    "migration.report-dir", "target/test-reports/rollback"));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    RollbackService rollbacks;

    @Inject
    DataverseClient dataverse;

    @Inject
    AuditLog audit;

    @Inject
    RunRegistry runs;

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
            target = null;
        }
    }

    @Test
    void aRollbackLeavesTheTargetAsItWasBeforeTheRun() {
        // a contact already in Dataverse under the id client 1001 migrates to, with other values than the export's
        UUID existing = new RecordIds("Harbourside Physiotherapy Ltd").idFor("client-1001");
        ObjectNode earlier = JsonNodeFactory.instance.objectNode().put("firstname", "Earlier").put("lastname", "Value")
                .put("jobtitle", "kept from before");
        dataverse.patch("contacts", existing, earlier, false);
        Map<String, com.fasterxml.jackson.databind.JsonNode> before = TargetContent.of(target);

        RunOutcome run = runner.runFull();
        assertEquals(RunStatus.COMPLETE, run.status(), run.message());
        List<AuditEntry> writes = audit.entries(run.runId());
        assertTrue(writes.stream().anyMatch(e -> e.targetId().equals(existing.toString())
                && AuditEntry.UPDATED.equals(e.operation())), "the run updated the contact that was there before");
        Map<String, com.fasterxml.jackson.databind.JsonNode> loaded = TargetContent.of(target);
        assertTrue(!TargetContent.diff(before, loaded).isEmpty(), "the run changed the target");
        // the price lists and the currency the invoices need are created by owner resolution, not the sink
        long createdBeside = loaded.keySet().stream().filter(k -> !before.containsKey(k)
                && (k.startsWith("pricelevel/") || k.startsWith("transactioncurrency/"))).count();

        RollbackService.Request request = rollbacks.request(run.runId(), "test-operator", Optional.empty());
        assertTrue(request.refusal().isEmpty(), () -> request.refusal().get().message());
        RollbackLedger.RollbackState done = rollbacks.await(run.runId());

        assertEquals(RollbackLedger.DONE, done.status());
        assertEquals(0, done.failed());
        assertEquals(0, done.mismatches());
        // a record's first write in the run says whether the run created it or updated what was there
        Map<String, String> firstWrite = new java.util.HashMap<>();
        writes.forEach(e -> firstWrite.putIfAbsent(e.targetId(), e.operation()));
        long updated = firstWrite.values().stream().filter(AuditEntry.UPDATED::equals).count();
        long created = firstWrite.values().stream().filter(AuditEntry.CREATED::equals).count();
        assertEquals(updated, done.restored(), "every record the run updated is restored");
        assertEquals(created + createdBeside, done.deleted(), "every record the run created is deleted");
        assertEquals(List.of(), TargetContent.diff(before, TargetContent.of(target)), "the target is as before the run");
        assertEquals("ROLLED_BACK", runs.find(run.runId()).orElseThrow().status());

        // idempotent: asked again, it does nothing more and answers the same state
        RollbackService.Request again = rollbacks.request(run.runId(), "test-operator", Optional.empty());
        assertEquals(RollbackLedger.DONE, again.state().orElseThrow().status());
        assertEquals(done.deleted(), again.state().get().deleted());
        assertEquals(List.of(), TargetContent.diff(before, TargetContent.of(target)));
    }
}
