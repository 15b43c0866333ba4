package io.gpm2dv.run;

import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.reconcile.RunReconciliation;

/** How a run ended (see {@link RunStatus}), why, and its reconciliation when it got that far. */
public record RunOutcome(String runId, RunStatus status, String message, RunReconciliation reconciliation) {

    public int exitCode() {
        return status.exitCode();
    }
}
