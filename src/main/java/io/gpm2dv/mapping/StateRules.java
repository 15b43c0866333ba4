package io.gpm2dv.mapping;

import java.time.Instant;
import java.util.List;

import io.gpm2dv.mapping.MappingSpec.StateRule;
import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.SourceRow;

/** The record state a row asks for; Dataverse sets state only by a write after create (API §10). */
final class StateRules {
    static final TargetRecord.StateChange ACTIVE = new TargetRecord.StateChange(0, 1);
    static final TargetRecord.StateChange INACTIVE = new TargetRecord.StateChange(1, 2);
    static final TargetRecord.StateChange APPOINTMENT_COMPLETED = new TargetRecord.StateChange(1, 3);
    static final TargetRecord.StateChange APPOINTMENT_CANCELED = new TargetRecord.StateChange(2, 4);
    static final TargetRecord.StateChange APPOINTMENT_SCHEDULED = new TargetRecord.StateChange(3, 5);
    static final TargetRecord.StateChange EMAIL_SENT = new TargetRecord.StateChange(1, 3);
    static final TargetRecord.StateChange EMAIL_RECEIVED = new TargetRecord.StateChange(1, 4);
    static final TargetRecord.StateChange INVOICE_PAID = new TargetRecord.StateChange(2, 100001);
    static final TargetRecord.StateChange INVOICE_CANCELED = new TargetRecord.StateChange(3, 100003);
    /** Rules whose state is set only after the record's children are written (an invoice closes after its lines). */
    static final java.util.Set<String> DEFERRED = java.util.Set.of("invoice-status");

    private StateRules() {
    }

    /** The desired state; a finding is added when the rule leaves a record open on purpose. */
    static TargetRecord.StateChange desiredState(StateRule rule, SourceRow row, Instant dataCutoff, String key,
            List<Finding> findings) {
        if (rule == null) {
            return null;
        }
        return switch (rule.rule()) {
            case "active-flag" -> Boolean.FALSE.equals(row.bool(rule.source())) ? INACTIVE : ACTIVE;
            // inactive unless ACTIVE and not archived (target-mapping §2, Client)
            case "client-status" -> "ACTIVE".equals(row.get("status")) && !Boolean.TRUE.equals(row.bool("is_archived"))
                    ? ACTIVE : INACTIVE;
            case "appointment-status" -> appointment(row, dataCutoff, key, findings);
            // migrated mail is closed as sent or received; setting state never sends anything (API §11)
            case "email-direction" -> "IN".equals(row.get("direction")) ? EMAIL_RECEIVED : EMAIL_SENT;
            // PAID → Paid, VOID → Canceled; every other status stays Active (API §14)
            case "invoice-status" -> switch (String.valueOf(row.get("status"))) {
                case "PAID" -> INVOICE_PAID;
                case "VOID" -> INVOICE_CANCELED;
                default -> null;
            };
            default -> throw new IllegalArgumentException("unknown state rule '" + rule.rule() + "'");
        };
    }

    /**
     * COMPLETED/ARRIVED → Completed, CANCELLED/DNA → Canceled, BOOKED/CONFIRMED → Scheduled when after the export's
     * {@code data_cutoff_at}, else left Open and reported (a booking in the past that nobody closed).
     */
    private static TargetRecord.StateChange appointment(SourceRow row, Instant dataCutoff, String key, List<Finding> findings) {
        String status = row.get("status");
        return switch (status == null ? "" : status) {
            case "COMPLETED", "ARRIVED" -> APPOINTMENT_COMPLETED;
            case "CANCELLED", "DNA" -> APPOINTMENT_CANCELED;
            case "BOOKED", "CONFIRMED" -> {
                Instant start = row.timestamp("start_at").toInstant();
                if (dataCutoff != null && start.isAfter(dataCutoff)) {
                    yield APPOINTMENT_SCHEDULED;
                }
                findings.add(new Finding(key, "statecode", Finding.LEFT_OPEN));
                yield null;
            }
            default -> null;
        };
    }
}
