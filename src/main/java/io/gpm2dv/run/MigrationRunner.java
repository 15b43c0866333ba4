package io.gpm2dv.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import io.gpm2dv.audit.FateSignal;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunHistory;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseConfig;
import io.gpm2dv.dataverse.OrganisationSettings;
import io.gpm2dv.kafka.KafkaProbe;
import io.gpm2dv.mapping.MapInForce;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MigrationContext;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.mapping.RecordMapper;
import io.gpm2dv.owner.TargetDirectory;
import io.gpm2dv.pipeline.DependencyWatch;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.PipelineHeaders;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.reconcile.Reconciler;
import io.gpm2dv.rollback.RollbackService;
import io.gpm2dv.reconcile.RunReconciliation;
import io.gpm2dv.schema.SchemaStep;
import io.gpm2dv.sink.InvoiceClosing;
import io.gpm2dv.source.GpmSource;
import io.gpm2dv.source.ExportRefusedException;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.RowSelection;
import io.gpm2dv.source.RunSelections;

/**
 * Runs a full migration: verifies the export before anything moves, checks the Kafka cluster, the settings and the
 * target (token, fallback owner, the ledger's migration id), then starts each object's extract as soon as the
 * objects it refers to are accounted for ({@link ObjectLoader}); finally lets the dead-letter stage catch up,
 * reconciles and reports. While a stage waits for a dependency the
 * run waits too, up to {@code migration.outage-tolerance}; whatever stops the run, its reconciliation is written.
 */
@ApplicationScoped
public class MigrationRunner {
    private static final Logger LOG = Logger.getLogger(MigrationRunner.class);

    @Inject
    ExportSource exportSource;

    @Inject
    io.gpm2dv.dataverse.ApplicationUsers applicationUsers;

    @Inject
    MappingSpecs specs;

    @Inject
    MigrationContext context;

    @Inject
    MigrationConfig config;

    @Inject
    DataverseConfig dataverseConfig;

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

    @Inject
    DependencyWatch watch;

    @Inject
    OrganisationSettings organisation;

    @Inject
    SchemaStep schema;

    @Inject
    InvoiceClosing invoiceClosing;

    @Inject
    MappingConfirmation confirmation;

    @Inject
    RunProgress progress;

    @Inject
    RunSelections selections;

    @Inject
    RunHistory history;

    @Inject
    RollbackService rollbacks;

    @Inject
    ObjectLoader loader;

    @Inject
    FateSignal signal;

    /** The run this process is executing, if any: one run at a time. */
    private final AtomicReference<String> active = new AtomicReference<>();

    /** Runs a full migration to its end in the calling thread ({@code migration.run-on-start}, tests). */
    public RunOutcome runFull() {
        RunStart start = start("full", config.operator());
        if (start.refused()) {
            return new RunOutcome(start.runId(), RunStatus.REFUSED, start.refusal().message(), null);
        }
        return execute(start);
    }

    /** Whether a run is executing in this process. */
    public Optional<String> activeRun() {
        return Optional.ofNullable(active.get());
    }

    /**
     * Does {@code work} while no run executes, and keeps a run from starting until it is done (a stage replay stops
     * routes a run needs). Empty, with nothing done, when a run is in progress.
     */
    public <T> Optional<T> whileNoRun(String activity, Callable<T> work) throws Exception {
        String marker = "(" + activity + ")";
        if (!active.compareAndSet(null, marker)) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.call());
        } finally {
            active.compareAndSet(marker, null);
        }
    }

    /**
     * Everything a run checks before anything moves, then its registration: the map in force must be confirmed, the
     * export readable, the cluster, settings and target ready, the target's schema complete. A started run must be
     * {@link #execute executed}; a refused one moved nothing.
     */
    public RunStart start(String kind, String operator) {
        return start(RunRequest.of(kind), operator);
    }

    /** As {@link #start(String, String)}, for a sample (its size), a delta, or a retry (the records to load again). */
    public RunStart start(RunRequest request, String operator) {
        String kind = request.kind();
        if (!active.compareAndSet(null, PREPARING)) {
            return RunStart.refused(null, RunRefusal.RUN_IN_PROGRESS, "run " + active.get() + " is in progress in this"
                    + " process; one run at a time");
        }
        RunStart start;
        try {
            start = prepare(request, operator);
        } catch (RuntimeException e) {
            start = RunStart.refused(null, RunRefusal.REFUSED, SafeText.of(e));
        }
        active.set(start.refused() ? null : start.runId());
        if (start.refused()) {
            LOG.errorf("Run refused, nothing moved: %s", start.refusal().message());
        }
        return start;
    }

    private static final String PREPARING = "(starting)";

    private RunStart prepare(RunRequest request, String operator) {
        String kind = request.kind();
        Optional<String> rollingBack = rollbacks.inProgress();
        if (rollingBack.isPresent()) {
            return RunStart.refused(null, RunRefusal.RUN_IN_PROGRESS, "the rollback of run " + rollingBack.get()
                    + " is in progress; start a run once it is done");
        }
        MapInForce map;
        try {
            map = specs.inForce();
        } catch (RuntimeException e) {
            return RunStart.refused(null, RunRefusal.INVALID_MAPPING, SafeText.of(e));
        }
        Optional<String> unconfirmed = confirmation.refusal(map);
        if (unconfirmed.isPresent()) {
            return RunStart.refused(null, RunRefusal.UNCONFIRMED_MAPPING, unconfirmed.get());
        }
        GpmSource pkg;
        try {
            exportSource.refresh();
            pkg = exportSource.open();
        } catch (ExportRefusedException e) {
            return RunStart.refused(null, RunRefusal.REFUSED, e.getMessage());
        } catch (Exception e) {
            return RunStart.refused(null, RunRefusal.REFUSED, "the export cannot be read (" + SafeText.of(e) + ")");
        }
        if (kafka.brokers().isEmpty()) {
            return RunStart.refused(null, RunRefusal.REFUSED, "the Kafka cluster at " + kafka.bootstrapServers()
                    + " did not answer");
        }
        Optional<String> badTimeouts = timeoutsProblem();
        if (badTimeouts.isPresent()) {
            return RunStart.refused(null, RunRefusal.REFUSED, badTimeouts.get());
        }
        String exportId = pkg.manifest().exportId();
        RunRegistry.Run run = runs.start(kind, exportId, context.migrationId(), operator);
        try {
            runs.recordMapping(run.runId(), map.sha256());
            List<Integer> interrupted = runs.interruptOthers(run.runId());
            if (!interrupted.isEmpty()) {
                LOG.warnf("Run(s) %s were left RUNNING by a process that stopped: marked INTERRUPTED; this run writes"
                        + " everything again (every write is an upsert by the same id)", interrupted);
            }
            Optional<String> recorded = runs.fixMigrationId(context.migrationId(), run.runId());
            if (recorded.isPresent()) {
                runs.finish(run.runId(), RunStatus.REFUSED.name());
                return RunStart.refused(run.runId(), RunRefusal.REFUSED, "this ledger belongs to migration '"
                        + recorded.get() + "', not '" + context.migrationId() + "': every record id derives from the"
                        + " migration id, so a run under another id would create every record again. Set migration.id to '"
                        + recorded.get() + "'");
            }
            dataverse.signInEveryUser(); // a user whose secret is wrong is named now, before anything moves
            directory.owners(run.runId());
            organisation.refresh(); // the upload limit documents are checked against, as it stands now
            // everything the map writes must exist in the target before anything moves (schema-plan.md says what)
            Optional<String> schemaProblem = schema.prepareTarget();
            if (schemaProblem.isPresent()) {
                runs.finish(run.runId(), RunStatus.REFUSED.name());
                return RunStart.refused(run.runId(), RunRefusal.SCHEMA_INCOMPLETE, schemaProblem.get());
            }
            Optional<String> noSelection = select(run, request, pkg);
            if (noSelection.isPresent()) {
                runs.finish(run.runId(), RunStatus.REFUSED.name());
                return RunStart.refused(run.runId(), RunRefusal.REFUSED, noSelection.get());
            }
        } catch (RuntimeException e) {
            runs.finish(run.runId(), RunStatus.REFUSED.name());
            return RunStart.refused(run.runId(), RunRefusal.REFUSED, SafeText.of(e));
        }
        return RunStart.started(run, exportId, map, request);
    }

    /**
     * Which rows the run loads (all for a full run) and what it continues from. A delta loads the rows changed after
     * the data cut-off of the last full or delta run that accounted for every row, plus the records that failed since;
     * rows that left the export since are reported, never deleted. Returns why the run cannot start, if it cannot.
     */
    private Optional<String> select(RunRegistry.Run run, RunRequest request, GpmSource pkg) {
        java.time.OffsetDateTime cutoff = pkg.manifest().dataCutoffAt();
        switch (request.kind()) {
            case RunRequest.SAMPLE -> {
                java.util.Set<Long> clients;
                java.util.Set<Long> invoices;
                try {
                    clients = ClientSample.choose(pkg, request.sampleSize());
                    invoices = ClientSample.invoicesOf(pkg, clients);
                } catch (java.io.IOException e) {
                    return Optional.of("the sample cannot be drawn (" + SafeText.of(e) + ")");
                }
                selections.select(run.runId(), RowSelection.clients(clients, invoices));
                history.recordSelection(run.runId(), null, null, request.sampleSize());
                LOG.infof("Sample run %d: %d clients with all their records", run.runNumber(), clients.size());
            }
            case RunRequest.DELTA -> {
                Optional<RunHistory.Base> base = history.deltaBase(run.runId());
                if (base.isEmpty()) {
                    return Optional.of("a delta continues a full run that accounted for every row; the ledger holds none");
                }
                java.util.Set<String> failed = history.failedSinceLoaded();
                selections.select(run.runId(), RowSelection.changedAfter(base.get().dataCutoffAt(), failed));
                // the mark never moves back: an unchanged delta over an export that carries later edits keeps the base's
                java.time.OffsetDateTime mark = cutoff == null || base.get().dataCutoffAt().isAfter(cutoff)
                        ? base.get().dataCutoffAt() : cutoff;
                history.recordSelection(run.runId(), mark, base.get().runId(), null);
                LOG.infof("Delta run %d: rows changed after %s (the cut-off of run %d) and %d records that failed before",
                        run.runNumber(), base.get().dataCutoffAt(), base.get().runNumber(), failed.size());
                try {
                    DeltaGone.report(pkg, specs.current(), history, fates, run.runId());
                } catch (java.io.IOException e) {
                    return Optional.of("the export cannot be compared with what was loaded (" + SafeText.of(e) + ")");
                }
            }
            case RunRequest.RETRY -> {
                selections.select(run.runId(), RowSelection.NONE);
                history.recordSelection(run.runId(), null, request.retryOf(), null);
            }
            default -> history.recordSelection(run.runId(), cutoff, null, null);
        }
        return Optional.empty();
    }

    /** Loads, reconciles and reports a started run; returns when it has ended. */
    public RunOutcome execute(RunStart start) {
        RunRegistry.Run run = start.run();
        try {
            return loadAndReconcile(run, start.exportId(), start.map().spec(), start.request());
        } finally {
            selections.forget(run.runId());
            signal.forget(run.runId());
            active.set(null);
        }
    }

    private RunOutcome loadAndReconcile(RunRegistry.Run run, String exportId, MappingSpec spec, RunRequest request) {
        LOG.infof("Run %d (%s) started: export %s, migration '%s'", run.runNumber(), run.runId(), exportId,
                context.migrationId());
        watch.clear();
        List<io.gpm2dv.dataverse.ApplicationUsers.Figures> usersBefore = applicationUsers.figures();
        progress.begin(run.runId(), spec);
        String failure = RunRequest.RETRY.equals(request.kind()) ? resend(run, request) : load(run, spec);
        applicationUsers.since(usersBefore).forEach(f -> LOG.info(f.line()));
        recordHighWaterMark(run);
        RunReconciliation reconciliation;
        try {
            reconciliation = reconciler.reconcile(run.runId(), run.runNumber(), context.migrationId(), exportId, spec, failure);
            reconciler.write(reconciliation, spec);
        } catch (RuntimeException e) {
            runs.finish(run.runId(), RunStatus.FAILED.name());
            String why = (failure == null ? "" : failure + "; ") + "the reconciliation could not be written ("
                    + SafeText.of(e) + ")";
            LOG.errorf("Run %d FAILED: %s", run.runNumber(), why);
            return new RunOutcome(run.runId(), RunStatus.FAILED, why, null);
        }
        RunStatus status = reconciliation.status();
        runs.finish(run.runId(), status.name());
        LOG.info(System.lineSeparator() + Reconciler.table(reconciliation)
                + reconciler.deadLetterLines(run.runId(), 20));
        return new RunOutcome(run.runId(), status, String.join("; ", reconciliation.problems()), reconciliation);
    }

    /**
     * A full or delta run's high-water mark: the later of the export's data cut-off and the newest {@code updated_at} it
     * extracted (an export can carry rows edited after its cut-off). The next delta loads what changed after it.
     */
    private void recordHighWaterMark(RunRegistry.Run run) {
        Optional<java.time.Instant> newest = selections.newestUpdate(run.runId());
        Optional<java.time.OffsetDateTime> recorded = history.dataCutoff(run.runId());
        if (recorded.isPresent() && newest.isPresent() && newest.get().isAfter(recorded.get().toInstant())) {
            history.recordHighWaterMark(run.runId(), newest.get().atOffset(java.time.ZoneOffset.UTC));
        }
    }

    /**
     * Extracts every object once the objects it refers to are accounted for ({@link ObjectLoader}), closing the invoices
     * as soon as their lines are in, then waits for the notes the map added and for the dead letters; the reason the
     * run stopped early, or null.
     */
    private String load(RunRegistry.Run run, MappingSpec spec) {
        try {
            // invoices are closed (Paid, Canceled) once all their lines are in (API §14), while the rest still loads
            Optional<String> stopped = loader.load(run, spec, om -> invoiceClosing.close(run.runId(), om));
            if (stopped.isPresent()) {
                return stopped.get();
            }
            stopped = loader.awaitAccounted(run.runId(), List.of(RecordMapper.UNMAPPED_OBJECT));
            if (stopped.isPresent()) {
                return stopped.get();
            }
            return loader.awaitDeadLetters().orElse(null);
        } catch (RuntimeException e) {
            return "the run stopped: " + SafeText.of(e);
        }
    }

    /**
     * A retry run: sends each retryable dead letter's message again, under this run, to the stage that refused it, and
     * waits until each has a fate. The run accounts for exactly these records.
     */
    private String resend(RunRegistry.Run run, RunRequest request) {
        try {
            Map<String, Long> perObject = new java.util.TreeMap<>();
            request.resend().forEach(r -> perObject.merge(r.object(), 1L, Long::sum));
            perObject.forEach((object, n) -> fates.recordExtract(run.runId(), object, n, n, 0));
            for (RunRequest.Resend r : request.resend()) {
                r.payload().put("runId", run.runId()).put("runNumber", run.runNumber());
                producer.sendBodyAndHeaders("kafka:" + r.topic(), r.payload().toString(), Map.of(
                        PipelineHeaders.KAFKA_KEY, r.key(), PipelineHeaders.RUN_ID, run.runId()));
            }
            LOG.infof("Retry run %d: %d dead letters of run %s sent again", run.runNumber(), request.resend().size(),
                    request.retryOf());
            Optional<String> stopped = loader.awaitAccounted(run.runId(), perObject.keySet());
            if (stopped.isPresent()) {
                return stopped.get();
            }
            return loader.awaitDeadLetters().orElse(null);
        } catch (RuntimeException e) {
            return "the retry stopped: " + SafeText.of(e);
        }
    }

    /**
     * A stage must never wait on its poll thread as long as Kafka's poll interval: its inline waits take at most a
     * fifth of it to start a batch and another fifth to finish a batch whose read has answered, so one request
     * timeout more must still fit.
     */
    private Optional<String> timeoutsProblem() {
        // the poll's inline wait, then one more for a batch whose read answered (RecordWriter's finish allowance)
        Duration inlineWaits = config.kafka().inlineWait().multipliedBy(2);
        Duration poll = Duration.ofMillis(config.kafka().maxPollIntervalMs());
        if (dataverseConfig.requestTimeout().plus(inlineWaits).compareTo(poll) >= 0) {
            return Optional.of("dataverse.request-timeout (" + dataverseConfig.requestTimeout() + ") plus two fifths of"
                    + " migration.kafka.max-poll-interval-ms (" + inlineWaits + ") must stay below the poll"
                    + " interval (" + poll + "): raise the poll interval or lower the request timeout");
        }
        return Optional.empty();
    }
}
