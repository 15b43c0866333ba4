package io.gpm2dv.run;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. With {@code migration.run-on-start=full} it runs a migration as soon as the pipeline is up; with
 * {@code migration.exit-after-run=true} it then exits (0 complete, 1 failed, 2 refused), else it keeps serving.
 */
@QuarkusMain
public class Gpm2dvMain implements QuarkusApplication {
    private static final Logger LOG = Logger.getLogger(Gpm2dvMain.class);

    @Inject
    MigrationConfig config;

    @Inject
    MigrationRunner runner;

    public static void main(String... args) {
        // the local run's build carries an in-JVM broker; it must be up before Quarkus reads its configuration
        AutoCloseable localBroker = LocalBroker.startIfBundled();
        try {
            Quarkus.run(Gpm2dvMain.class, args);
        } finally {
            LocalBroker.close(localBroker);
        }
    }

    @Override
    public int run(String... args) {
        if ("full".equals(config.runOnStart())) {
            RunOutcome outcome = runner.runFull();
            LOG.infof("Run %s: %s%s", outcome.runId() == null ? "-" : outcome.runId(), outcome.status(),
                    outcome.message() == null || outcome.message().isEmpty() ? "" : " (" + outcome.message() + ")");
            if (config.exitAfterRun()) {
                return outcome.exitCode();
            }
        } else if (!"none".equals(config.runOnStart())) {
            LOG.errorf("migration.run-on-start must be 'none' or 'full', not '%s'", config.runOnStart());
            return 2;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
