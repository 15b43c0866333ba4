package io.gpm2dv.sink;

import io.gpm2dv.mapping.TargetRecord;

/**
 * What happened to one record in a write: written (created or updated), failed with Dataverse's code and
 * message, or waiting for a parent that is not in Dataverse yet.
 */
public record WriteOutcome(TargetRecord record, Operation operation, String failure, String code, String missingParentKey) {
    /** The kind of write that landed. */
    public enum Operation { CREATED, UPDATED }

    static WriteOutcome written(TargetRecord r, Operation op) {
        return new WriteOutcome(r, op, null, null, null);
    }

    static WriteOutcome failed(TargetRecord r, String reason, String code) {
        return new WriteOutcome(r, null, reason, code, null);
    }

    static WriteOutcome parentMissing(TargetRecord r, String parentKey, String reason) {
        return new WriteOutcome(r, null, reason, null, parentKey);
    }

    /** The data columns landed; a later state change may still have failed ({@link #failure()} says so). */
    public boolean isWritten() {
        return operation != null;
    }

    public boolean isParentMissing() {
        return missingParentKey != null;
    }

    public boolean isFailed() {
        return failure != null && missingParentKey == null;
    }

    WriteOutcome withStateFailure(String reason, String errorCode) {
        return new WriteOutcome(record, operation, reason, errorCode, null);
    }
}
