package io.gpm2dv.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.audit.AuditEntry;
import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseConfig;
import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.dataverse.DataverseHttp;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MigrationContext;
import io.gpm2dv.mapping.RecordMapper;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.RowStream;
import io.gpm2dv.source.SourceRow;

/**
 * The second write of records that are closed only after their children (an invoice is Paid or Canceled after all its
 * lines are written, API §14): run once every object of the run is accounted for, so the lines object may come after
 * the invoices in any order. It recomputes each record's desired state from the source, reads the state Dataverse
 * holds and writes only the difference (statecode and statuscode alone), auditing each change under the object
 * {@code <object>-states}. Crash-safe and idempotent: a run that stops before or during it leaves invoices open,
 * and the next run (which reopens a closed invoice before writing it again) closes them; a re-run writes nothing when
 * every state is already right. A record Dataverse does not hold is left to the reconciliation, which reports it.
 */
@ApplicationScoped
public class InvoiceClosing {
    private static final Logger LOG = Logger.getLogger(InvoiceClosing.class);
    static final String STAGE = "close";
    private static final int CHUNK = 100;
    /**
     * Chunks closed concurrently: enough to fill several application users' limits (the limits decide what goes), few
     * enough that what waits in memory stays small (3,200 records' ids and states).
     */
    private static final int CHUNKS_AT_ONCE = 32;

    @Inject
    DataverseClient client;

    @Inject
    DataverseConfig dataverseConfig;

    @Inject
    MigrationConfig config;

    @Inject
    MigrationContext context;

    @Inject
    ExportSource exportSource;

    @Inject
    AuditLog auditLog;

    @Inject
    ParallelWrites parallel;

    /** What closing did: records whose state was set, and the keys of those Dataverse refused, with the reason. */
    public record Result(long closed, Map<String, String> refused) {
    }

    /** Sets the deferred states of every object of {@code spec} that has them. */
    public Result close(String runId, MappingSpec spec) {
        long closed = 0;
        Map<String, String> refused = new LinkedHashMap<>();
        for (MappingSpec.ObjectMap om : spec.objects()) {
            if (RecordMapper.defersState(om)) {
                Result r = close(runId, om);
                closed += r.closed();
                refused.putAll(r.refused());
            }
        }
        return new Result(closed, refused);
    }

    /** The object a closing's state changes are audited under: {@code invoices-states} for {@code invoices}. */
    public static String auditedAs(MappingSpec.ObjectMap om) {
        return om.object() + "-states";
    }

    /**
     * Sets the deferred states of one object's records; the run calls it once the object and every object that refers
     * to it (an invoice's lines) are accounted for, while the rest of the run goes on.
     */
    public Result close(String runId, MappingSpec.ObjectMap om) {
        long closed = 0;
        Map<String, String> refused = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        RecordMapper mapper = context.recordMapper();
        Map<UUID, Desired> chunk = new LinkedHashMap<>();
        List<Map<UUID, Desired>> pending = new ArrayList<>(); // chunks that go at once (a few, never the whole file)
        try (RowStream rows = exportSource.index().exportPackage().rows(GpmFile.byFileName(om.file()))) {
            while (rows.hasNext()) {
                if (rows.next() instanceof SourceRow row) {
                    TargetRecord.StateChange state = mapper.deferredState(om, row);
                    if (state == null) {
                        continue; // stays open (the sink reopened it if it was closed), skipped, or not an invoice
                    }
                    String key = row.migrationKey();
                    chunk.put(context.recordIds().idFor(key), new Desired(key, row.id(), state));
                    if (chunk.size() >= CHUNK) {
                        pending.add(chunk);
                        chunk = new LinkedHashMap<>();
                        if (pending.size() >= CHUNKS_AT_ONCE) {
                            closed += closeChunks(runId, om, pending, refused);
                            pending.clear();
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing " + om.object() + ": the export cannot be read (" + SafeText.of(e) + ")", e);
        }
        pending.add(chunk);
        closed += closeChunks(runId, om, pending, refused);
        if (closed > 0 || !refused.isEmpty()) {
            LOG.infof("Deferred states of %s: %d records closed, %d refused", om.object(), closed, refused.size());
        }
        return new Result(closed, refused);
    }

    private record Desired(String key, long sourceId, TargetRecord.StateChange state) {
    }

    private long closeChunks(String runId, MappingSpec.ObjectMap om, List<Map<UUID, Desired>> chunks,
            Map<String, String> refused) {
        return parallel.batches(chunks, c -> closeChunk(runId, om, c, refused)).stream().mapToLong(Long::longValue).sum();
    }

    private long closeChunk(String runId, MappingSpec.ObjectMap om, Map<UUID, Desired> chunk, Map<String, String> refused) {
        if (chunk.isEmpty()) {
            return 0;
        }
        Map<UUID, JsonNode> existing = withRetry(() -> client.retrieveExisting(om.entitySet(), om.primaryKey(),
                chunk.keySet(), om.primaryKey() + ",statecode", dataverseConfig.preReadChunk()));
        List<Map.Entry<UUID, Desired>> owed = new ArrayList<>();
        for (Map.Entry<UUID, Desired> e : chunk.entrySet()) {
            JsonNode current = existing.get(e.getKey());
            if (current != null && current.path("statecode").asInt(0) != e.getValue().state().statecode()) {
                owed.add(e); // else not there (reported by the reconciliation), or already right
            }
        }
        if (owed.isEmpty()) {
            return 0;
        }
        List<Object> done;
        if (withRetry(() -> client.supportsBulk(om.table(), "UpdateMultiple"))) {
            // one UpdateMultiple for the chunk (one request instead of a hundred: the request budget is per user)
            done = new ArrayList<>(java.util.Collections.nCopies(owed.size(), null));
            closeBulk(runId, om, owed, 0, owed.size(), done);
        } else {
            // one PATCH per invoice (API §14), all of the chunk at once: the application users' limits decide how many go
            done = parallel.singles(owed, e -> closeOne(runId, om, e));
        }
        List<AuditEntry> audit = new ArrayList<>();
        for (int i = 0; i < owed.size(); i++) {
            if (done.get(i) instanceof AuditEntry a) {
                audit.add(a);
            } else {
                refused.put(owed.get(i).getValue().key(), (String) done.get(i));
            }
        }
        if (!audit.isEmpty()) {
            auditLog.append(audit);
        }
        return audit.size();
    }

    private Object closeOne(String runId, MappingSpec.ObjectMap om, Map.Entry<UUID, Desired> e) {
        Desired d = e.getValue();
        ObjectNode change = stateChange(d);
        try {
            withRetry(() -> {
                client.patch(om.entitySet(), e.getKey(), change, true);
                return null;
            });
            return closed(runId, om, e, change);
        } catch (DataverseException refusal) {
            return refusal(d, refusal);
        }
    }

    /** UpdateMultiple is all or nothing: a refused request is split until the invoices Dataverse refuses stand alone. */
    private void closeBulk(String runId, MappingSpec.ObjectMap om, List<Map.Entry<UUID, Desired>> owed, int from, int to,
            List<Object> done) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> targets = new ArrayList<>();
        for (Map.Entry<UUID, Desired> e : owed.subList(from, to)) {
            ObjectNode t = stateChange(e.getValue());
            t.put("@odata.type", "Microsoft.Dynamics.CRM." + om.table());
            t.put(om.primaryKey(), e.getKey().toString());
            targets.add(t);
        }
        try {
            withRetry(() -> {
                client.updateMultiple(om.entitySet(), targets);
                return null;
            });
            for (int i = from; i < to; i++) {
                done.set(i, closed(runId, om, owed.get(i), stateChange(owed.get(i).getValue())));
            }
        } catch (DataverseException refusal) {
            if (to - from == 1) {
                done.set(from, refusal(owed.get(from).getValue(), refusal));
            } else {
                int mid = (from + to) / 2;
                closeBulk(runId, om, owed, from, mid, done);
                closeBulk(runId, om, owed, mid, to, done);
            }
        }
    }

    private static ObjectNode stateChange(Desired d) {
        return JsonNodeFactory.instance.objectNode().put("statecode", d.state().statecode())
                .put("statuscode", d.state().statuscode());
    }

    private AuditEntry closed(String runId, MappingSpec.ObjectMap om, Map.Entry<UUID, Desired> e, ObjectNode change) {
        Desired d = e.getValue();
        return new AuditEntry(runId, STAGE, auditedAs(om), Long.toString(d.sourceId()), d.key(), om.table(),
                e.getKey().toString(), AuditEntry.UPDATED, Instant.now(), config.operator(), null, null, null,
                change.toString(), DataverseHttp.lastUser());
    }

    private static String refusal(Desired d, DataverseException refusal) {
        return "state " + d.state().statecode() + "/" + d.state().statuscode() + " refused: " + SafeText.of(refusal);
    }

    /** Dataverse not answering now is waited for, up to {@code migration.outage-tolerance}; a refusal is not. */
    private <T> T withRetry(java.util.function.Supplier<T> call) {
        Instant giveUp = Instant.now().plus(config.outageTolerance());
        while (true) {
            try {
                return call.get();
            } catch (DataverseException e) {
                if (!e.isTransient() || Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                Duration pause = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
                try {
                    Thread.sleep(Math.max(100, pause.toMillis()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
