package io.gpm2dv.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.audit.AuditEntry;
import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.audit.BeforeImages;
import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.LedgerDataSource;
import io.gpm2dv.audit.LedgerException;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseConfig;
import io.gpm2dv.dataverse.RequestPriority;
import io.gpm2dv.dataverse.RetryBudget;
import io.gpm2dv.deadletter.DeadLetterStore;
import io.gpm2dv.mapping.MigrationContext;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.pipeline.DeadLetter;
import io.gpm2dv.pipeline.Delivery;
import io.gpm2dv.pipeline.DependencyWatch;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.StageBatch;
import io.gpm2dv.pipeline.StageMessages;
import io.gpm2dv.pipeline.StageMetrics;
import io.gpm2dv.pipeline.WritePriorities;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Dataverse sink stage, called by the {@code dv-sink-<table>} routes with one poll batch. It writes the
 * records the ledger does not already know as finished, then records, in one ledger transaction, every write
 * (audit log), every record's fate and every dead letter, and hands back the dead letters to publish. Only a
 * record Dataverse refuses for the record's own sake is dead-lettered. Records Dataverse cannot take now
 * (outage, throttling beyond the stage's inline budget, token endpoint) and children whose parent is not there
 * yet are left to the stage gate, which commits nothing from them on and pauses the stage until they can go.
 */
@ApplicationScoped
@Named("sinkStage")
public class SinkStage {
    static final String STAGE = "sink";
    private static final Logger LOG = Logger.getLogger(SinkStage.class);

    @Inject
    DataverseClient client;

    @Inject
    DataverseConfig dataverseConfig;

    @Inject
    MigrationConfig migrationConfig;

    @Inject
    AuditLog auditLog;

    @Inject
    BeforeImages beforeImages;

    @Inject
    RecordFates fates;

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    RunRegistry runs;

    @Inject
    LedgerDataSource ledger;

    @Inject
    StageMessages messages;

    @Inject
    DependencyWatch watch;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    @Inject
    MigrationContext context;

    @Inject
    ParallelWrites parallel;

    @Inject
    WritePriorities priorities;

    @Inject
    EmptyTables emptyTables;

    private final SinkMemory memory = new SinkMemory();

    /** Writes the batch and returns the dead letters to publish; what cannot be written now is marked to wait. */
    public List<Message> write(StageBatch batch) {
        List<Message> out = new ArrayList<>();
        Map<String, Map<TargetRecord, Delivery>> byRun = new LinkedHashMap<>();
        for (Delivery d : batch.deliveries()) {
            Optional<TargetRecord> read = messages.readOrDeadLetter(d, TargetRecord.class, x -> x.runId != null
                    && x.key != null && x.object != null && x.table != null && x.entitySet != null, STAGE, runs::runOf, out);
            if (read.isEmpty()) {
                continue;
            }
            TargetRecord r = read.get();
            if (!runs.isRunning(r.runId)) {
                memory.forgetRun(r.runId);
                count(r, "stale-run");
                continue;
            }
            byRun.computeIfAbsent(r.runId, k -> new LinkedHashMap<>()).put(r, d);
        }
        byRun.forEach((runId, work) -> out.addAll(write(runId, work, batch)));
        return out;
    }

    private List<Message> write(String runId, Map<TargetRecord, Delivery> work, StageBatch batch) {
        long began = System.nanoTime();
        // a redelivery of work the ledger already finished (a pause, a failed commit, a replayed duplicate) is not written again
        Map<String, Fate> finished = fates.finalFates(runId, work.keySet().stream().map(r -> r.key).toList());
        List<TargetRecord> records = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (TargetRecord r : work.keySet()) {
            if (finished.containsKey(r.key)) {
                memory.recorded(runId, r.key);
                count(r, "already-done");
            } else if (!keys.add(r.key)) {
                count(r, "already-done"); // a second message of the record in this batch: its first copy is written
            } else {
                records.add(r);
            }
        }
        if (records.isEmpty()) {
            return List.of();
        }
        RecordWriter writer = new RecordWriter(client, dataverseConfig.preReadChunk(), new FileUploads(client,
                path -> context.documents().open(path), migrationConfig.documents().blockThreshold(),
                migrationConfig.documents().blockSize(), migrationConfig.documents().togetherFileLimit(),
                migrationConfig.documents().togetherRequestBytes()), beforeImages::recordFirst, parallel,
                migrationConfig.kafka().inlineWait(), emptyTables::mayExist);
        // one bulk request's worth of records per task, all at once: the application users' limits decide how many go
        List<List<TargetRecord>> requests = chunks(records, dataverseConfig.batchSize());
        // at the priority of the longest chain of objects still to come after the batch's (see WritePriorities)
        long priority = records.stream().mapToLong(r -> priorities.of(r.object)).max().orElse(0);
        long writing = System.nanoTime();
        List<Attempt> attempts = RequestPriority.during(priority, () -> RetryBudget.within(migrationConfig.kafka().inlineWait(),
                () -> parallel.batches(requests, chunk -> Attempt.of(() -> writer.write(chunk,
                        memory.dataWritten(runId, chunk.stream().map(r -> r.key).toList()))))));
        List<WriteOutcome> outcomes = new ArrayList<>();
        RuntimeException failure = null;
        for (Attempt a : attempts) {
            outcomes.addAll(a.outcomes());
            failure = failure == null ? a.failure() : failure;
        }
        // remembered before anything else can fail, so no retry delivers the same data twice
        outcomes.stream().filter(o -> o.operation() != null)
                .forEach(o -> memory.dataWritten(runId, o.record().key, o.operation()));
        if (failure != null) {
            throw failure; // the stage gate holds the batch; what landed is remembered above
        }

        Results results = new Results();
        ParentWait parents = new ParentWait(migrationConfig.sink().parentWait());
        Instant now = Instant.now();
        WriteOutcome deferredExample = null;
        for (WriteOutcome o : outcomes) {
            TargetRecord r = o.record();
            Delivery d = work.get(r);
            switch (o.kind()) {
                case WRITTEN -> results.written(r, o);
                case REFUSED -> results.refused(r, o, d);
                case PARENT_MISSING -> {
                    Optional<String> refusal = parents.refusal(o.missingParentKey(), fates.fate(runId, o.missingParentKey()),
                            memory.waitingSince(runId, r.key, now, watch.oldest().isPresent()), now);
                    if (refusal.isPresent()) {
                        results.refused(r, new WriteOutcome(r, WriteOutcome.Kind.REFUSED, null, refusal.get(), null, null, null, null, null), d);
                    } else {
                        batch.retryLater(d, migrationConfig.sink().parentRetryInterval(), StageBatch.Cause.PARENT);
                    }
                }
                case DEFERRED -> {
                    deferredExample = o;
                    batch.retryLater(d, o.retryAfter() == null ? Duration.ZERO : o.retryAfter(), o.waitingOn());
                }
            }
        }
        if (deferredExample != null) {
            // throttling is the budget doing its work, not Dataverse failing: say which, so nobody looks for an outage
            boolean throttled = deferredExample.waitingOn() == StageBatch.Cause.THROTTLED;
            LOG.warnf("Sink %s: %d records wait (%s); the stage pauses and tries again%s", records.get(0).table,
                    outcomes.stream().filter(o -> o.kind() == WriteOutcome.Kind.DEFERRED).count(), deferredExample.reason(),
                    throttled ? " when the application users' service-protection budget has room (throttled)" : "");
        }
        long recording = System.nanoTime();
        record(runId, results);
        if (LOG.isDebugEnabled()) {
            // where a poll's time goes, for throughput work: the ledger before, the writes, the ledger after
            LOG.debugf("Sink %s: %d records in %d requests at priority %d: ledger %d ms, writes %d ms, audit %d ms",
                    records.get(0).table, records.size(), requests.size(), priority, (writing - began) / 1_000_000,
                    (recording - writing) / 1_000_000, (System.nanoTime() - recording) / 1_000_000);
        }
        return results.deadLetterMessages;
    }

    /** One request's worth of records written, or the failure that stopped it (the others still finish). */
    private record Attempt(List<WriteOutcome> outcomes, RuntimeException failure) {
        static Attempt of(java.util.function.Supplier<List<WriteOutcome>> write) {
            try {
                return new Attempt(write.get(), null);
            } catch (RuntimeException e) {
                return new Attempt(List.of(), e);
            }
        }
    }

    static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            out.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return out;
    }

    /** What one attempt finished: writes to audit, fates to set, dead letters to keep and publish. */
    private final class Results {
        final List<AuditEntry> audit = new ArrayList<>();
        final List<RecordFates.FateEntry> loaded = new ArrayList<>();
        final List<DeadLetter> refused = new ArrayList<>();
        final List<Message> deadLetterMessages = new ArrayList<>();
        final List<TargetRecord> finished = new ArrayList<>();

        void written(TargetRecord r, WriteOutcome o) {
            audit(r, o.operation(), o.writtenBy());
            loaded.add(new RecordFates.FateEntry(r.runId, r.object, r.key, Fate.LOADED, STAGE, null));
            finished.add(r);
        }

        void refused(TargetRecord r, WriteOutcome o, Delivery d) {
            if (o.operation() != null) {
                audit(r, o.operation(), o.writtenBy()); // the data landed before the state change was refused
            }
            DeadLetter dl = DeadLetter.of(r.runId, STAGE, r.object, r.key, r.sourceFile, r.sourceRow, null, o.reason(),
                    o.code(), json.valueToTree(r)).from(d);
            refused.add(dl);
            deadLetterMessages.add(messages.deadLetter(dl));
            finished.add(r);
        }

        private void audit(TargetRecord r, WriteOutcome.Operation op, String applicationUser) {
            audit.add(new AuditEntry(r.runId, STAGE, r.object, sourceId(r), r.key, r.table, r.id.toString(),
                    op == WriteOutcome.Operation.CREATED ? AuditEntry.CREATED : AuditEntry.UPDATED,
                    Instant.now(), migrationConfig.operator(), r.ownerOutcome,
                    r.ownerRule == TargetRecord.OwnerRule.PRACTITIONER ? r.ownerPractitionerId : null, partyCount(r),
                    RecordImages.afterImage(r, op == WriteOutcome.Operation.CREATED).toString(), applicationUser));
        }
    }

    /**
     * Writes, fates and dead letters in one ledger transaction, so a retry never audits a write twice. When the
     * ledger fails, the failure escapes and the stage gate holds the whole batch until the ledger answers; the data
     * writes that landed are remembered, so the retry records them without writing them again.
     */
    private void record(String runId, Results results) {
        if (results.finished.isEmpty()) {
            return;
        }
        try (Connection c = ledger.getConnection()) {
            c.setAutoCommit(false);
            auditLog.append(c, results.audit);
            fates.record(c, results.loaded);
            for (DeadLetter dl : results.refused) {
                deadLetters.record(c, dl);
            }
            c.commit();
        } catch (SQLException e) {
            throw new LedgerException("record " + results.finished.size() + " sink results", e);
        }
        results.finished.stream().map(r -> r.object).distinct().forEach(object -> fates.committed(runId, object));
        Set<String> loaded = new HashSet<>();
        results.loaded.forEach(f -> loaded.add(f.key()));
        for (TargetRecord r : results.finished) {
            memory.recorded(runId, r.key);
            count(r, loaded.contains(r.key) ? "written" : "dead-lettered");
        }
        if (!results.refused.isEmpty()) {
            LOG.warnf("Sink %s: %d records refused by Dataverse and dead-lettered", results.finished.get(0).table,
                    results.refused.size());
        }
    }

    /** Activity parties the record carried (its {@code <activity>_activity_parties} collection), null when none. */
    private static Integer partyCount(TargetRecord r) {
        com.fasterxml.jackson.databind.JsonNode parties = r.attributes.get(r.table + "_activity_parties");
        return parties == null ? null : parties.size();
    }

    private static String sourceId(TargetRecord r) {
        int dash = r.key.lastIndexOf('-');
        return r.key.endsWith("-unmapped") ? r.key : r.key.substring(dash + 1);
    }

    private void count(TargetRecord r, String outcome) {
        StageMetrics.count(metrics, STAGE, r.object, r.table, outcome);
    }
}
