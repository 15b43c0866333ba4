package io.gpm2dv.audit;

/** The ledger database could not record or answer; the caller must not acknowledge the work it was recording. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
