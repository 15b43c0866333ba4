package io.gpm2dv.audit;

import java.sql.SQLException;

import io.gpm2dv.pipeline.DependencyFailure;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.pipeline.StageBatch;

/**
 * The ledger database could not record or answer; the caller must not acknowledge the work it was recording. A
 * dependency failure, never a record's fault: the stage holds and tries again. The message names the operation
 * and the SQLState, never the driver's text (which can quote the values it refused).
 */
public class LedgerException extends RuntimeException implements SafeText.Safe, DependencyFailure {
    public LedgerException(String operation, Throwable cause) {
        super("ledger: " + operation + " (" + (cause instanceof SQLException s
                ? "SQLState " + s.getSQLState() + ", vendor code " + s.getErrorCode()
                : cause.getClass().getSimpleName()) + ")", cause);
    }

    @Override
    public StageBatch.Cause dependency() {
        return StageBatch.Cause.LEDGER;
    }
}
