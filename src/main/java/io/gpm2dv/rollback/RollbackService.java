package io.gpm2dv.rollback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.gpm2dv.audit.BeforeImages;
import io.gpm2dv.audit.BeforeImages.BeforeImage;
import io.gpm2dv.audit.LedgerSchema;
import io.gpm2dv.audit.RollbackLedger;
import io.gpm2dv.audit.RollbackLedger.RollbackState;
import io.gpm2dv.audit.RollbackLedger.Step;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.pipeline.SafeText;

/**
 * Rolls a run back in one action: every record it created is deleted and every record it updated gets its
 * before-image back, newest write first (children before their parents). Each record's undo is a step in the ledger,
 * so a rollback killed halfway and started again (by the next request, or at start) skips what is done and finishes.
 * Afterwards every record is read back and compared with how it was before the run; the run becomes ROLLED_BACK
 * only when nothing failed and nothing differs. Runs are rolled back newest first: a later run that wrote is rolled
 * back before an earlier one.
 */
@ApplicationScoped
public class RollbackService {
    private static final Logger LOG = Logger.getLogger(RollbackService.class);

    @Inject
    BeforeImages images;

    @Inject
    io.gpm2dv.audit.AuditLog audit;

    @Inject
    RollbackLedger ledger;

    @Inject
    RunRegistry runs;

    @Inject
    DataverseClient client;

    @Inject
    MigrationConfig config;

    @Inject
    LedgerSchema schema;

    private final Map<String, CompletableFuture<RollbackState>> active = new ConcurrentHashMap<>();

    /** Why a rollback cannot start: {@code code} is the API's error code. */
    public record Refusal(int status, String code, String message) {
    }

    /** A request's answer: the rollback's state, or why it cannot start. */
    public record Request(Optional<RollbackState> state, Optional<Refusal> refusal) {
    }

    /**
     * Starts (or resumes) the rollback of a run; idempotent: while it runs, or once it is done, it answers the current
     * state. Refused for an unknown run, while a run is in progress, or when a later run wrote after it.
     */
    public synchronized Request request(String runId, String operator, Optional<String> runInThisProcess) {
        schema.ensureMigrated();
        Optional<RunRegistry.RunRow> run = runs.find(runId);
        if (run.isEmpty()) {
            return refused(404, "not-found", "no run " + runId);
        }
        Optional<RollbackState> state = ledger.state(runId);
        if (state.isPresent() && (RollbackLedger.DONE.equals(state.get().status()) || active.containsKey(runId))) {
            return new Request(state, Optional.empty());
        }
        if (runInThisProcess.isPresent()) {
            return refused(409, "run-in-progress", "a run is in progress; roll back once it has ended");
        }
        if ("RUNNING".equals(run.get().status())) {
            // one process runs a migration at a time: a RUNNING run no process here runs was left by one that stopped
            runs.finish(runId, RunStatus.INTERRUPTED.name());
        }
        for (RunRegistry.RunRow later : runs.list()) {
            if (later.runNumber() > run.get().runNumber() && !RunStatus.ROLLED_BACK.name().equals(later.status())
                    && images.wrote(later.runId())) {
                return refused(409, "later-run", "run " + later.runNumber() + " wrote after run " + run.get().runNumber()
                        + "; roll it back first (newest first)");
            }
        }
        if (!ledger.open(runId, operator)) {
            ledger.reopen(runId);
        }
        start(runId, operator);
        return new Request(ledger.state(runId), Optional.empty());
    }

    private static Request refused(int status, String code, String message) {
        return new Request(Optional.empty(), Optional.of(new Refusal(status, code, message)));
    }

    /** The id of a run named by its number or id. */
    public Optional<String> findRun(String numberOrId) {
        schema.ensureMigrated();
        return runs.list().stream().filter(r -> r.runId().equals(numberOrId)
                || Integer.toString(r.runNumber()).equals(numberOrId)).map(RunRegistry.RunRow::runId).findFirst();
    }

    public Optional<RollbackState> state(String runId) {
        return ledger.state(runId);
    }

    /** The run whose rollback this process is doing, if any: no run may start meanwhile. */
    public Optional<String> inProgress() {
        return active.keySet().stream().findFirst();
    }

    /** Waits for the rollback of a run this process is doing (the CLI form and tests). */
    public RollbackState await(String runId) {
        CompletableFuture<RollbackState> f = active.get(runId);
        return f == null ? ledger.state(runId).orElseThrow() : f.join();
    }

    /** Resumes every rollback a stopped process left unfinished. */
    public void resumeUnfinished() {
        schema.ensureMigrated();
        for (String runId : ledger.unfinished()) {
            LOG.infof("Resuming the rollback of run %s", runId);
            synchronized (this) {
                if (!active.containsKey(runId)) {
                    start(runId, ledger.state(runId).map(RollbackState::requestedBy).orElse(config.operator()));
                }
            }
        }
    }

    private void start(String runId, String operator) {
        CompletableFuture<RollbackState> f = new CompletableFuture<>();
        active.put(runId, f);
        Thread t = new Thread(() -> {
            try {
                f.complete(rollBack(runId, operator));
            } catch (RuntimeException e) {
                LOG.errorf("Rollback of run %s stopped: %s", runId, SafeText.of(e));
                ledger.finish(runId, RollbackLedger.FAILED, 0);
                f.complete(ledger.state(runId).orElseThrow());
            } finally {
                active.remove(runId);
            }
        }, "gpm2dv-rollback");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The records the run closed after their children were in (invoices set Paid or Canceled once their lines were
     * written) are reopened first: a closed invoice is read-only, so its lines, which come earlier in newest-first
     * order, could not be restored under it. Each is then restored to its before-image, state included.
     */
    private void reopenWhatTheRunClosed(String runId, Set<String> done) {
        Set<String> closed = new java.util.HashSet<>();
        audit.query(runId, null, line -> {
            if ("close".equals(line.stage())) {
                closed.add(line.table() + "/" + line.targetId());
            }
        });
        if (closed.isEmpty()) {
            return;
        }
        images.forEachNewestFirst(runId, image -> {
            String key = image.table() + "/" + image.targetId();
            Integer open = io.gpm2dv.sink.RecordWriter.openStatus(image.table());
            if (open == null || !closed.contains(key) || done.contains(key)) {
                return;
            }
            try {
                client.patch(image.entitySet(), java.util.UUID.fromString(image.targetId()),
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("statecode", 0)
                                .put("statuscode", open), true);
            } catch (io.gpm2dv.dataverse.DataverseException e) {
                if (!e.isMissingRecord()) {
                    LOG.warnf("Rollback of run %s: %s %s could not be reopened (%s)", runId, image.table(),
                            image.targetId(), io.gpm2dv.pipeline.SafeText.of(e));
                }
            }
        });
    }

    private RollbackState rollBack(String runId, String operator) {
        RecordRestorer restorer = new RecordRestorer(client);
        Set<String> done = ledger.doneSteps(runId);
        int runNumber = runs.find(runId).map(RunRegistry.RunRow::runNumber).orElse(0);
        LOG.infof("Rolling back run %d (%d records already undone)", runNumber, done.size());
        long[] counts = new long[3];
        reopenWhatTheRunClosed(runId, done);
        images.forEachNewestFirst(runId, image -> {
            if (done.contains(image.table() + "/" + image.targetId())) {
                return;
            }
            Step step = undo(restorer, image, operator);
            ledger.record(step);
            counts["FAILED".equals(step.outcome()) ? 2 : RecordRestorer.DELETE.equals(step.action()) ? 0 : 1]++;
        });
        long mismatches = verify(restorer, runId);
        boolean clean = ledger.state(runId).map(s -> s.failed() == 0).orElse(false) && mismatches == 0;
        ledger.finish(runId, clean ? RollbackLedger.DONE : RollbackLedger.FAILED, mismatches);
        if (clean) {
            runs.markRolledBack(runId);
        }
        RollbackState state = ledger.state(runId).orElseThrow();
        LOG.infof("Rollback of run %d %s: %d deleted, %d restored, %d failed, %d not as before afterwards", runNumber,
                state.status(), state.deleted(), state.restored(), state.failed(), state.mismatches());
        return state;
    }

    /** Undoes one record; an outage is waited out (up to the outage tolerance), a refusal is a failed step. */
    private Step undo(RecordRestorer restorer, BeforeImage image, String operator) {
        Instant giveUp = Instant.now().plus(config.outageTolerance());
        Duration wait = config.stage().retryInitial();
        while (true) {
            try {
                RecordRestorer.Outcome outcome = restorer.undo(image);
                return step(image, outcome.name(), outcome == RecordRestorer.Outcome.GONE ? "already absent" : null, operator);
            } catch (DataverseException e) {
                if (e.isRecordFault() || Instant.now().isAfter(giveUp)) {
                    return step(image, "FAILED", SafeText.of(e), operator);
                }
                LOG.warnf("Rollback waits for Dataverse (%s); tries %s again in %s", SafeText.of(e), image.targetId(), wait);
                sleep(e.retryAfter() != null ? e.retryAfter() : wait);
                wait = wait.multipliedBy(2).compareTo(config.stage().retryMax()) > 0 ? config.stage().retryMax() : wait.multipliedBy(2);
            }
        }
    }

    private static Step step(BeforeImage image, String outcome, String reason, String operator) {
        return new Step(image.runId(), image.recordKey(), image.object(), image.table(), image.targetId(),
                RecordRestorer.action(image), outcome, reason, operator);
    }

    /** Reads every record back: how many are not as they were before the run. */
    private long verify(RecordRestorer restorer, String runId) {
        long[] mismatches = {0};
        List<String> examples = new java.util.ArrayList<>();
        images.forEachNewestFirst(runId, image -> {
            if (!restorer.isAsBefore(image)) {
                mismatches[0]++;
                if (examples.size() < 10) {
                    examples.add(image.table() + "/" + image.recordKey());
                }
            }
        });
        if (mismatches[0] > 0) {
            LOG.warnf("After the rollback of run %s, %d records are not as before the run, e.g. %s", runId, mismatches[0],
                    examples);
        }
        return mismatches[0];
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Dataverse", e);
        }
    }
}
