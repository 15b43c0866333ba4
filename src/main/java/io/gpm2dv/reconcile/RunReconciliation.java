package io.gpm2dv.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reconciliation by counts of one run, as written to {@code reconciliation.json}: per object the counts, then
 * the records the report must name (skipped, dead-lettered, findings) by key only — never values.
 */
public record RunReconciliation(String runId, int runNumber, String migrationId, String exportId, Instant at,
        boolean complete, List<String> problems, List<ObjectReconciliation> objects, ObjectReconciliation unmappedNotes,
        List<Map<String, String>> skipped, List<Map<String, String>> deadLettered, List<Map<String, String>> findings,
        List<OwnerReport.Line> owners) {
}
