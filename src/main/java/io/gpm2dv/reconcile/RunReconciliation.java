package io.gpm2dv.reconcile;

import java.time.Instant;
import java.util.List;

import io.gpm2dv.owner.OwnerReport;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.verify.VerificationSummary;

/**
 * Reconciliation by counts of one run: per object the counts, the status the counts give, the problems, the
 * owner report and the read-back verification (counts and kinds only). The records the report names (skipped, dead-lettered, findings) are not held here: the report
 * file streams them from the ledger ({@link Reconciler#write}), by key only — never values.
 */
public record RunReconciliation(String runId, int runNumber, String migrationId, String exportId, Instant at,
        RunStatus status, boolean balanced, List<String> problems, List<ObjectReconciliation> objects,
        ObjectReconciliation unmappedNotes, long deadLetters, List<OwnerReport.Line> owners,
        /** Read-back verification of what the run wrote (null when it did not run: the run failed or Dataverse did not answer). */
        VerificationSummary verification) {
}
