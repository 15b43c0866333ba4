package io.gpm2dv.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.jboss.logging.Logger;

import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.RunStatus;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code migration.run-on-start=full} runs a migration as soon as the pipeline is up; with
 * {@code migration.exit-after-run=true} the process then exits (0 complete, 1 failed, 2 refused), else it
 * keeps serving (health, metrics, stages for other pods).
 */
@ApplicationScoped
public class RunOnStart {
    private static final Logger LOG = Logger.getLogger(RunOnStart.class);

    @Inject
    MigrationConfig config;

    @Inject
    MigrationRunner runner;

    @Inject
    CamelContext camel;

    void onStart(@Observes StartupEvent event) {
        switch (config.runOnStart()) {
            case "none" -> {
            }
            case "full" -> new Thread(this::runThenMaybeExit, "gpm2dv-run-on-start").start();
            default -> {
                LOG.errorf("migration.run-on-start must be 'none' or 'full', not '%s'", config.runOnStart());
                Quarkus.asyncExit(RunStatus.REFUSED.exitCode());
            }
        }
    }

    private void runThenMaybeExit() {
        int exitCode;
        try {
            awaitRoutes();
            RunOutcome outcome = runner.runFull();
            LOG.infof("Run %s ended %s%s", outcome.runId() == null ? "-" : outcome.runId(), outcome.status(),
                    outcome.message() == null || outcome.message().isEmpty() ? "" : ": " + outcome.message());
            exitCode = outcome.exitCode();
        } catch (RuntimeException e) {
            LOG.error("Run failed unexpectedly", e);
            exitCode = RunStatus.FAILED.exitCode();
        }
        if (config.exitAfterRun()) {
            Quarkus.asyncExit(exitCode);
        }
    }

    private void awaitRoutes() {
        while (camel.getStatus() != ServiceStatus.Started) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted before the pipeline started", e);
            }
        }
    }
}
