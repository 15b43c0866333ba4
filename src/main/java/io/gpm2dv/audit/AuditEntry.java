package io.gpm2dv.audit;

import java.time.Instant;

/** One write to Dataverse: who, when, which source row, which target record, created or updated. */
public record AuditEntry(String runId, String stage, String object, String sourceId, String recordKey,
        String targetTable, String targetId, String operation, Instant writtenAt, String operator,
        String ownerOutcome) {
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
}
