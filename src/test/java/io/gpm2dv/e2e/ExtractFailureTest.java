package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.ExportFixture;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The clients file disappears after the package was verified, while organisations load: the clients extract fails,
 * the run ends FAILED (exit 1) instead of hanging in RUNNING, and its reconciliation is written all the same.
 */
@QuarkusTest
@TestProfile(ExtractFailureTest.VanishingFile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(io.gpm2dv.testing.EmulatorResource.class)
class ExtractFailureTest {
    static final Path REPORTS = Path.of("target/test-reports/extract-failure");
    static ExportFixture export;

    public static class VanishingFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            export = ExportFixture.copyOfSample();
            return Map.of("gensolve.export.dir", export.dir().toString(), "migration.report-dir", REPORTS.toString());
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    RunRegistry runs;

    @Inject
    RecordFates fates;

    @Test
    void anExtractThatFailsEndsTheRunFailedWithItsReconciliation() throws Exception {
        Optional<String> before = runs.current();
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(runner::runFull);
        String runId = null;
        while (runId == null) {
            Optional<String> now = runs.current();
            runId = now.isPresent() && !now.equals(before) ? now.get() : null;
            Thread.sleep(10);
        }
        // the organisations' file has been read whole: the clients extract starts once organisations are written
        while (fates.extractCounts(runId, "organisations").isEmpty()) {
            Thread.sleep(10);
        }
        Files.delete(export.dir().resolve("clients.csv"));
        RunOutcome outcome = run.get(5, TimeUnit.MINUTES);

        assertEquals(RunStatus.FAILED, outcome.status(), outcome.message());
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.message().contains("the extract of clients failed"), outcome.message());
        assertEquals(Optional.of("FAILED"), runs.status(runId), "the run is not left RUNNING");
        ReportFile report = ReportFile.of(REPORTS, outcome.reconciliation().runNumber());
        assertEquals("FAILED", report.root().path("status").asText());
        assertEquals(25, report.root().path("objects").get(2).path("loaded").asLong(), "what loaded before is reported");
    }
}
