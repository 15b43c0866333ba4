package io.gpm2dv.audit;

import java.time.Instant;

/**
 * One write to Dataverse: who, when, which source row, which target record, created or updated, and how its owner
 * was decided ({@code ownerPractitionerId}: the practitioner the row named, null when it named none), and how many
 * activity parties it carried; {@code sentValues} is what the write sent (Web API JSON, files by reference);
 * {@code applicationUser} the client id of the application user whose request wrote it.
 */
public record AuditEntry(String runId, String stage, String object, String sourceId, String recordKey,
        String targetTable, String targetId, String operation, Instant writtenAt, String operator,
        String ownerOutcome, Long ownerPractitionerId, Integer partyCount, String sentValues, String applicationUser) {
    public static final String CREATED = "created";

    public AuditEntry(String runId, String stage, String object, String sourceId, String recordKey, String targetTable,
            String targetId, String operation, Instant writtenAt, String operator, String ownerOutcome,
            Long ownerPractitionerId, Integer partyCount, String sentValues) {
        this(runId, stage, object, sourceId, recordKey, targetTable, targetId, operation, writtenAt, operator, ownerOutcome,
                ownerPractitionerId, partyCount, sentValues, null);
    }

    public AuditEntry(String runId, String stage, String object, String sourceId, String recordKey, String targetTable,
            String targetId, String operation, Instant writtenAt, String operator, String ownerOutcome,
            Long ownerPractitionerId, Integer partyCount) {
        this(runId, stage, object, sourceId, recordKey, targetTable, targetId, operation, writtenAt, operator, ownerOutcome,
                ownerPractitionerId, partyCount, null);
    }

    public AuditEntry(String runId, String stage, String object, String sourceId, String recordKey, String targetTable,
            String targetId, String operation, Instant writtenAt, String operator, String ownerOutcome,
            Long ownerPractitionerId) {
        this(runId, stage, object, sourceId, recordKey, targetTable, targetId, operation, writtenAt, operator, ownerOutcome,
                ownerPractitionerId, null);
    }
    public static final String UPDATED = "updated";
}
