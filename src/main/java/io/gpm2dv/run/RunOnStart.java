package io.gpm2dv.run;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.jboss.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.gpm2dv.audit.RollbackLedger;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.rollback.RollbackService;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.schema.SchemaStep;
import io.gpm2dv.source.ExportSource;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code migration.run-on-start=full} runs a migration as soon as the pipeline is up ({@code schema}: only the schema
 * step, see {@link #schemaThenMaybeExit}); with
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

    @Inject
    SchemaStep schema;

    @Inject
    ExportSource exportSource;

    @Inject
    RollbackService rollbacks;

    @Inject
    DeadLetterRetry retry;

    @ConfigProperty(name = "gpm2dv.pipeline.enabled", defaultValue = "true")
    boolean pipelineEnabled;

    void onStart(@Observes StartupEvent event) {
        if (pipelineEnabled && !"rollback".equals(config.runOnStart())) {
            // a rollback a killed process left halfway is finished by the next one (the CLI form resumes its own)
            new Thread(this::resumeRollbacks, "gpm2dv-rollback-resume").start();
        }
        switch (config.runOnStart()) {
            case "none" -> {
            }
            case "rollback" -> new Thread(this::rollbackThenMaybeExit, "gpm2dv-rollback-on-start").start();
            case "retry" -> new Thread(this::retryThenMaybeExit, "gpm2dv-retry-on-start").start();
            case "full" -> new Thread(this::runThenMaybeExit, "gpm2dv-run-on-start").start();
            case "schema" -> new Thread(this::schemaThenMaybeExit, "gpm2dv-schema-on-start").start();
            default -> {
                LOG.errorf("migration.run-on-start must be 'none', 'full', 'schema', 'rollback' or 'retry', not '%s'",
                        config.runOnStart());
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

    /**
     * The one-shot schema job ({@code --apply}: {@code migration.run-on-start=schema} with
     * {@code migration.schema.apply=true}): writes schema-plan.md, applies it when asked, checks the target. Exit 0 when
     * the target has everything the map writes, 2 when something is still missing (listed in the log).
     */
    private void schemaThenMaybeExit() {
        int exitCode;
        try {
            exportSource.open();
            Optional<String> problem = schema.prepareTarget();
            if (problem.isPresent()) {
                LOG.errorf("Schema check: %s", problem.get());
                exitCode = RunStatus.REFUSED.exitCode();
            } else {
                LOG.infof("Schema check: the target has everything the map writes (%s)",
                        config.reportDir().resolve(SchemaStep.PLAN_FILE).toAbsolutePath());
                exitCode = 0;
            }
        } catch (Exception e) {
            LOG.errorf("Schema step failed: %s", SafeText.of(e));
            exitCode = RunStatus.REFUSED.exitCode();
        }
        if (config.exitAfterRun()) {
            Quarkus.asyncExit(exitCode);
        }
    }

    private void resumeRollbacks() {
        try {
            rollbacks.resumeUnfinished();
        } catch (RuntimeException e) {
            LOG.errorf("Cannot resume unfinished rollbacks: %s", SafeText.of(e));
        }
    }

    /**
     * The CLI form of rollback ({@code migration.run-on-start=rollback}, {@code migration.rollback-run=<number or id>}):
     * starts or resumes the rollback, waits for it, exits 0 when it is DONE, 1 when it FAILED, 2 when it is refused.
     */
    private void rollbackThenMaybeExit() {
        int exitCode;
        try {
            String wanted = config.rollbackRun().orElseThrow(() -> new IllegalArgumentException(
                    "migration.rollback-run must name the run to roll back (its number or id)"));
            String runId = rollbacks.findRun(wanted).orElseThrow(() -> new IllegalArgumentException("the ledger holds no run " + wanted));
            RollbackService.Request r = rollbacks.request(runId, config.operator(), Optional.empty());
            if (r.refusal().isPresent()) {
                LOG.errorf("Rollback refused: %s", r.refusal().get().message());
                exitCode = RunStatus.REFUSED.exitCode();
            } else {
                RollbackLedger.RollbackState s = rollbacks.await(runId);
                exitCode = RollbackLedger.DONE.equals(s.status()) ? 0 : RunStatus.FAILED.exitCode();
            }
        } catch (RuntimeException e) {
            LOG.errorf("Rollback failed: %s", SafeText.of(e));
            exitCode = RunStatus.REFUSED.exitCode();
        }
        if (config.exitAfterRun()) {
            Quarkus.asyncExit(exitCode);
        }
    }

    /**
     * The CLI form of dead-letter retry ({@code migration.run-on-start=retry}, {@code migration.retry-run=<number or
     * id>}): sends the run's retryable dead letters again in a retry run; exits as that run does (0 when nothing was
     * retryable).
     */
    private void retryThenMaybeExit() {
        int exitCode;
        try {
            awaitRoutes();
            String wanted = config.retryRun().orElseThrow(() -> new IllegalArgumentException(
                    "migration.retry-run must name the run whose dead letters to retry (its number or id)"));
            String runId = rollbacks.findRun(wanted).orElseThrow(() -> new IllegalArgumentException(
                    "the ledger holds no run " + wanted));
            DeadLetterRetry.Retry r = retry.start(runId, config.operator());
            LOG.infof("Dead letters of run %s: %d sent again, %d permanent", wanted, r.retried(), r.permanent());
            if (r.start() == null) {
                exitCode = 0;
            } else if (r.start().refused()) {
                exitCode = RunStatus.REFUSED.exitCode();
            } else {
                exitCode = retry.execute(runId, r.start()).exitCode();
            }
        } catch (RuntimeException e) {
            LOG.errorf("Retry failed: %s", SafeText.of(e));
            exitCode = RunStatus.REFUSED.exitCode();
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
