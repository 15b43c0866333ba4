package io.gpm2dv.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.audit.AuditEntry;
import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.deadletter.DeadLetterStore;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.DeadLetter;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The reconciliation's counts and status from what the ledger holds, and the report that lists them. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class ReconcilerTest {
    @Inject
    Reconciler reconciler;

    @Inject
    RunRegistry runs;

    @Inject
    RecordFates fates;

    @Inject
    AuditLog audit;

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    MappingSpecs specs;

    @Test
    void theStatusSaysWhetherEveryRowLoadedSomeWereDeadLetteredTheNumbersFailOrTheRunStopped() {
        RunRegistry.Run run = runs.start("test", "reconciler-" + UUID.randomUUID(), "m", "test");
        String id = run.runId();
        fates.recordExtract(id, "sites", 2L, 2, 0);
        fates.record(List.of(new RecordFates.FateEntry(id, "sites", "site-1", Fate.LOADED, "sink", null),
                new RecordFates.FateEntry(id, "sites", "site-2", Fate.LOADED, "sink", null)));
        audit.append(List.of(write(id, "site-1", AuditEntry.CREATED), write(id, "site-2", AuditEntry.CREATED),
                write(id, "site-2", AuditEntry.UPDATED))); // a second write of the same record

        RunReconciliation r = reconcile(id, run, null);
        assertEquals(RunStatus.COMPLETE, r.status(), r.problems().toString());
        ObjectReconciliation sites = r.objects().get(0);
        assertEquals(2, sites.loaded());
        assertEquals(2, sites.created(), "a record's first write decides: created, not created and updated");
        assertEquals(0, sites.updated());

        fates.recordExtract(id, "referrers", 1L, 1, 0);
        deadLetters.record(DeadLetter.of(id, "sink", "referrers", "referrer-7", "referrers.csv", 7L, null,
                "Dataverse HTTP 400 0x80044331 StringLengthTooLong (column lastname)", "0x80044331", null));
        r = reconcile(id, run, null);
        assertEquals(RunStatus.COMPLETE_WITH_FAILURES, r.status(), "a dead letter is a failure, not a success");
        assertEquals(1, r.deadLetters());

        reconciler.write(r, specs.current());
        ReportFile report = ReportFile.of(Path.of("target/test-reports"), run.runNumber());
        List<JsonNode> dead = report.list("deadLettered");
        assertEquals(1, dead.size());
        assertEquals("referrer-7", dead.get(0).path("key").asText());
        assertEquals("7", dead.get(0).path("row").asText());
        assertEquals("COMPLETE_WITH_FAILURES", report.root().path("status").asText());

        fates.recordExtract(id, "organisations", 3L, 3, 0); // three rows extracted, none with a fate
        r = reconcile(id, run, null);
        assertEquals(RunStatus.INCOMPLETE, r.status());
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("organisations: numbers do not add up")), r.problems().toString());

        r = reconcile(id, run, "the extract of clients failed (NoSuchFileException)");
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("the extract of clients failed (NoSuchFileException)", r.problems().get(0));
        runs.finish(id, r.status().name());
    }

    private RunReconciliation reconcile(String id, RunRegistry.Run run, String failure) {
        return reconciler.reconcile(id, run.runNumber(), "m", "e", specs.current(), failure);
    }

    private static AuditEntry write(String runId, String key, String operation) {
        return new AuditEntry(runId, "sink", "sites", key.substring(5), key, "businessunit", UUID.randomUUID().toString(),
                operation, Instant.now(), "test", null, null);
    }
}
