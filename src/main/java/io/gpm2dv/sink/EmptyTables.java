package io.gpm2dv.sink;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.audit.BeforeImages;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.TargetRecord;

/**
 * Which records of a batch may already exist in Dataverse, so that only those are read before the write. A table
 * that held no row at all when this process first wrote to it in a run holds, later in the run, only records the
 * run wrote, and the run keeps a before-image of every record before its first write (the ledger, shared by every
 * pod). So a record of such a table with no before-image in the run cannot exist: it is created without a read.
 * A first full load into a fresh organisation then reads nothing (at scale 40 about 2,700 of 6,700 requests were
 * these reads; README, Benchmark); a delta, a re-run or a table with rows of its own reads as before.
 * Matched tables (system users: update only) are always read, since the read is what refuses a missing one.
 */
@ApplicationScoped
public class EmptyTables {
    @Inject
    DataverseClient client;

    @Inject
    BeforeImages beforeImages;

    @Inject
    MigrationConfig config;

    /** run/table → what this process's first look in the run found; the current run's only. */
    private final Map<String, FirstLook> looks = new ConcurrentHashMap<>();

    /** The ids among {@code records} (one run, one table) that may exist and must be read before the write. */
    public Set<UUID> mayExist(List<TargetRecord> records) {
        Set<UUID> ids = new LinkedHashSet<>(RecordWriter.EVERY_RECORD.ids(records));
        if (ids.isEmpty() || !config.sink().trustEmptyTables() || records.stream().anyMatch(r -> r.updateOnly)
                || !wasEmpty(records.get(0))) {
            return ids;
        }
        TargetRecord first = records.get(0);
        Set<String> held = beforeImages.held(first.runId, first.table, ids.stream().map(UUID::toString).toList());
        ids.removeIf(id -> !held.contains(id.toString()));
        return ids;
    }

    /**
     * Looks once per run and table, before this process's first write to it. A row written after the look is one of
     * the run's (one run writes at a time), and every write of a run keeps its before-image first.
     */
    private boolean wasEmpty(TargetRecord r) {
        // one run writes at a time: an earlier run's looks are of no further use (a pod runs for many runs)
        String run = r.runId + "/";
        looks.keySet().removeIf(k -> !k.startsWith(run));
        return looks.computeIfAbsent(r.runId + "/" + r.table, k -> new FirstLook()).empty(client, r);
    }

    /** One table's first look in a run; the writers that arrive meanwhile wait for it. A look that fails is not kept. */
    private static final class FirstLook {
        private Boolean empty;

        synchronized boolean empty(DataverseClient client, TargetRecord r) {
            if (empty == null) {
                empty = client.isEmpty(r.entitySet, r.primaryKey);
            }
            return empty;
        }
    }
}
