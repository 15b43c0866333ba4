package io.gpm2dv.run;

import io.gpm2dv.reconcile.RunReconciliation;

/** How a run ended: refused before anything moved, or run and reconciled (complete or failed). */
public record RunOutcome(String runId, Status status, String message, RunReconciliation reconciliation) {
    /** Exit code convention: 0 complete, 1 failed, 2 refused. */
    public enum Status {
        COMPLETE(0), FAILED(1), REFUSED(2);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() { return exitCode; }
    }

    public int exitCode() {
        return status.exitCode();
    }
}
