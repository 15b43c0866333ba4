package io.gpm2dv.sink;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the sink knows about records it has started but not yet recorded in the ledger, kept in this process across
 * redeliveries: whose data already landed in Dataverse (so a retry after an outage or a ledger failure writes only
 * what is still owed, and delivers nothing twice), and how long a child has waited for its parent. Forgotten as
 * soon as the ledger holds the record's fate; lost with the process, when a redelivery writes again (an upsert by
 * the same id, so nothing is duplicated in Dataverse).
 */
final class SinkMemory {
    private final Map<String, WriteOutcome.Operation> dataWritten = new ConcurrentHashMap<>();
    /** run/key → [waiting since (epoch ms, moved forward over outages), last look (epoch ms)]. */
    private final Map<String, long[]> waiting = new ConcurrentHashMap<>();

    static String id(String runId, String key) {
        return runId + "/" + key;
    }

    void dataWritten(String runId, String key, WriteOutcome.Operation op) {
        dataWritten.put(id(runId, key), op);
    }

    /** The data writes that landed for records of {@code runId}, by key. */
    Map<String, WriteOutcome.Operation> dataWritten(String runId, Iterable<String> keys) {
        Map<String, WriteOutcome.Operation> out = new java.util.HashMap<>();
        for (String key : keys) {
            WriteOutcome.Operation op = dataWritten.get(id(runId, key));
            if (op != null) {
                out.put(key, op);
            }
        }
        return out;
    }

    /**
     * Since when the child has waited for its parent (now, the first time), not counting time spent while a
     * dependency was down ({@code outage}): a parent held up by an outage or throttling is late, not missing.
     */
    Instant waitingSince(String runId, String key, Instant now, boolean outage) {
        long[] w = waiting.computeIfAbsent(id(runId, key), k -> new long[] {now.toEpochMilli(), now.toEpochMilli()});
        synchronized (w) {
            if (outage) {
                w[0] += now.toEpochMilli() - w[1];
            }
            w[1] = now.toEpochMilli();
            return Instant.ofEpochMilli(w[0]);
        }
    }

    /** The ledger holds the record's fate: nothing to remember. */
    void recorded(String runId, String key) {
        dataWritten.remove(id(runId, key));
        waiting.remove(id(runId, key));
    }

    /** Forgets everything about a run that ended. */
    void forgetRun(String runId) {
        String prefix = runId + "/";
        dataWritten.keySet().removeIf(k -> k.startsWith(prefix));
        waiting.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
