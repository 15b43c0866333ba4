package io.gpm2dv.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.kafka.KafkaProbe;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.mapping.RecordMapper;
import io.gpm2dv.owner.TargetDirectory;
import io.gpm2dv.reconcile.Reconciler;
import io.gpm2dv.reconcile.RunReconciliation;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.ExportRefusedException;
import io.gpm2dv.source.ExportSource;

/**
 * Runs a full migration: verifies the export before anything moves, checks the Kafka cluster and the target
 * (token, fallback owner), then starts each object's extract in write order (parents first) and waits until every record of
 * that object is accounted for before the next one starts; finally reconciles and reports.
 */
@ApplicationScoped
public class MigrationRunner {
    private static final Logger LOG = Logger.getLogger(MigrationRunner.class);
    private static final Duration POLL = Duration.ofMillis(250);

    @Inject
    ExportSource exportSource;

    @Inject
    MappingSpecs specs;

    @Inject
    MigrationContext context;

    @Inject
    MigrationConfig config;

    @Inject
    RunRegistry runs;

    @Inject
    RecordFates fates;

    @Inject
    TargetDirectory directory;

    @Inject
    DataverseClient dataverse;

    @Inject
    Reconciler reconciler;

    @Inject
    ProducerTemplate producer;

    @Inject
    KafkaProbe kafka;

    public synchronized RunOutcome runFull() {
        ExportPackage pkg;
        try {
            pkg = exportSource.open();
        } catch (ExportRefusedException e) {
            LOG.errorf("Run refused, nothing moved: %s", e.getMessage());
            return new RunOutcome(null, RunOutcome.Status.REFUSED, e.getMessage(), null);
        } catch (Exception e) {
            LOG.errorf("Run refused, the export cannot be read: %s", e.toString());
            return new RunOutcome(null, RunOutcome.Status.REFUSED, e.toString(), null);
        }
        if (kafka.brokers().isEmpty()) {
            String why = "the Kafka cluster at " + kafka.bootstrapServers() + " did not answer";
            LOG.errorf("Run refused, nothing moved: %s", why);
            return new RunOutcome(null, RunOutcome.Status.REFUSED, why, null);
        }
        String exportId = pkg.manifest().exportId();
        RunRegistry.Run run = runs.start("full", exportId, context.migrationId(), config.operator());
        try {
            dataverse.whoAmI();
            directory.owners(run.runId());
        } catch (RuntimeException e) {
            runs.finish(run.runId(), "REFUSED");
            LOG.errorf("Run %d refused, nothing moved: %s", run.runNumber(), e.getMessage());
            return new RunOutcome(run.runId(), RunOutcome.Status.REFUSED, e.getMessage(), null);
        }
        LOG.infof("Run %d (%s) started: export %s, migration '%s'", run.runNumber(), run.runId(), exportId,
                context.migrationId());
        MappingSpec spec = specs.current();
        String failure = null;
        for (MappingSpec.ObjectMap om : spec.objects()) {
            producer.sendBodyAndHeaders("direct:gpm-extract-" + om.object(), null, Map.of(PipelineHeaders.RUN_ID,
                    run.runId(), "gpmRunNumber", run.runNumber(), PipelineHeaders.OBJECT, om.object()));
            if (!awaitAccounted(run.runId(), om.object())) {
                failure = om.object() + " not accounted for within " + config.phaseTimeout();
                break;
            }
            LOG.infof("Run %d: %s accounted for", run.runNumber(), om.object());
        }
        if (failure == null && !awaitAccounted(run.runId(), RecordMapper.UNMAPPED_OBJECT)) {
            failure = "unmapped notes not written within " + config.phaseTimeout();
        }
        RunReconciliation reconciliation = reconciler.reconcile(run.runId(), run.runNumber(), context.migrationId(),
                exportId, spec);
        reconciler.write(reconciliation);
        boolean complete = failure == null && reconciliation.complete();
        runs.finish(run.runId(), complete ? "COMPLETE" : "FAILED");
        LOG.info(System.lineSeparator() + Reconciler.table(reconciliation));
        return new RunOutcome(run.runId(), complete ? RunOutcome.Status.COMPLETE : RunOutcome.Status.FAILED,
                failure == null ? String.join("; ", reconciliation.problems()) : failure, reconciliation);
    }

    /** Waits until every extracted row of the object has a final fate (and nothing the map added is pending). */
    private boolean awaitAccounted(String runId, String object) {
        Instant deadline = Instant.now().plus(config.phaseTimeout());
        while (Instant.now().isBefore(deadline)) {
            Map<Fate, Long> counts = fates.counts(runId, object, null);
            long finals = counts.get(Fate.LOADED) + counts.get(Fate.SKIPPED) + counts.get(Fate.DEAD_LETTERED);
            long expected = fates.extractCounts(runId, object)
                    .map(c -> c.extracted() + c.rejected())
                    .orElse(finals + counts.get(Fate.PENDING));
            if (counts.get(Fate.PENDING) == 0 && finals >= expected) {
                return true;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
