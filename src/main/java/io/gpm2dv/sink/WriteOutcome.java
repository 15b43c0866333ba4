package io.gpm2dv.sink;

import java.time.Duration;

import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.dataverse.DataverseHttp;
import io.gpm2dv.pipeline.StageBatch;
import io.gpm2dv.pipeline.TargetRecord;

/**
 * What happened to one record in a write attempt: written (created or updated, state included), refused by
 * Dataverse for the record's own sake, waiting for a parent that is not in Dataverse yet, or deferred because
 * Dataverse (or its token endpoint) could not take it now. A deferred record whose {@link #operation()} is set
 * had its data written and only its state change is still owed. {@link #writtenBy()} is the client id of the
 * application user whose request wrote the record (null when its data landed in an earlier attempt).
 * {@link #waitingOn()} is what a deferred record waits for (Dataverse, or its service-protection budget), else null.
 */
public record WriteOutcome(TargetRecord record, Kind kind, Operation operation, String reason, String code,
        String missingParentKey, Duration retryAfter, String writtenBy, StageBatch.Cause waitingOn) {

    /** The four ends of one attempt. */
    public enum Kind { WRITTEN, REFUSED, PARENT_MISSING, DEFERRED }

    /** The kind of write that landed. */
    public enum Operation { CREATED, UPDATED }

    /** Written just now, on this thread: the application user of this thread's last answered request wrote it. */
    static WriteOutcome written(TargetRecord r, Operation op) {
        return new WriteOutcome(r, Kind.WRITTEN, op, null, null, null, null, DataverseHttp.lastUser(), null);
    }

    /** Its data landed in an earlier attempt (remembered by the sink), nothing more was owed. */
    static WriteOutcome landedBefore(TargetRecord r, Operation op) {
        return new WriteOutcome(r, Kind.WRITTEN, op, null, null, null, null, null, null);
    }

    static WriteOutcome refused(TargetRecord r, String reason, String code) {
        return new WriteOutcome(r, Kind.REFUSED, null, reason, code, null, null, null, null);
    }

    /** Refused by Dataverse: the reason names the status, code and, when Dataverse names one we sent, the column. */
    static WriteOutcome refused(TargetRecord r, DataverseException e) {
        String column = e.column(r.columnNames());
        return refused(r, e.getMessage() + (column == null ? "" : " (column " + column + ")"), e.code());
    }

    static WriteOutcome parentMissing(TargetRecord r, String parentKey) {
        return new WriteOutcome(r, Kind.PARENT_MISSING, null, "parent " + parentKey + " is not in Dataverse yet", null,
                parentKey, null, null, null);
    }

    /** Not written now; {@code op} is the data write that did land before the failure, or null. */
    static WriteOutcome deferred(TargetRecord r, Operation op, DataverseException e) {
        return new WriteOutcome(r, Kind.DEFERRED, op, e.getMessage(), e.code(), null, e.retryAfter(), null,
                e.dependency() == null ? StageBatch.Cause.DATAVERSE : e.dependency());
    }

    public boolean isWritten() {
        return kind == Kind.WRITTEN;
    }
}
