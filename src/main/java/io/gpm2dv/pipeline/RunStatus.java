package io.gpm2dv.pipeline;

/**
 * How a run ended, as the ledger, the report and the process exit code say it. {@code COMPLETE} (0): every row
 * loaded or was skipped by a rule. {@code COMPLETE_WITH_FAILURES} (3): every row is accounted for, but some were
 * dead-lettered (rejected by the export's types, refused by Dataverse, unreadable); the report lists them.
 * {@code INCOMPLETE} (1): the run went to its end but the numbers do not add up, or it loaded nothing.
 * {@code FAILED} (1): the run stopped (a dependency stayed down beyond the outage tolerance, an object stalled,
 * the extract failed); its reconciliation is written all the same. {@code REFUSED} (2): refused before anything
 * moved.
 */
public enum RunStatus {
    COMPLETE(0), COMPLETE_WITH_FAILURES(3), INCOMPLETE(1), FAILED(1), REFUSED(2),
    /** Left RUNNING by a process that stopped (killed, crashed); marked so when the next run starts. */
    INTERRUPTED(1),
    /** Rolled back: every record it created deleted, every record it updated restored, and checked afterwards. */
    ROLLED_BACK(0);

    private final int exitCode;

    RunStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
