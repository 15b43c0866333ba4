package io.gpm2dv.source;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The row selection of each run this process executes; a run without one loads every row. */
@ApplicationScoped
public class RunSelections {
    private final Map<String, RowSelection> byRun = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> newestUpdate = new ConcurrentHashMap<>();

    public void select(String runId, RowSelection selection) {
        byRun.put(runId, selection);
    }

    public RowSelection of(String runId) {
        return byRun.getOrDefault(runId, RowSelection.ALL);
    }

    /** Whether the run loads a selection of the rows (sample, delta, retry) rather than all of them. */
    public boolean isSelective(String runId) {
        return byRun.containsKey(runId);
    }

    /** Notes a loaded row's {@code updated_at}: the newest one is part of the run's high-water mark. */
    public void sawUpdate(String runId, java.time.Instant updatedAt) {
        newestUpdate.merge(runId, updatedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The newest {@code updated_at} among the rows the run extracted, if any. */
    public java.util.Optional<java.time.Instant> newestUpdate(String runId) {
        return java.util.Optional.ofNullable(newestUpdate.get(runId));
    }

    public void forget(String runId) {
        byRun.remove(runId);
        newestUpdate.remove(runId);
    }
}
