package io.gpm2dv.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.SourceRow;

/**
 * Appointment checks (H18): times and statuses that contradict each other or the client. "In the future" is judged
 * against the export's {@code data_cutoff_at}, never the run's clock, so a rerun reports the same. Report only.
 */
final class AppointmentChecks {
    private AppointmentChecks() {
    }

    /** End not after start; COMPLETED after the cut-off; cancelled or no-show without reason or time. */
    static void times(MappingContext ctx, SourceRow row, String key, List<Finding> findings) {
        Instant start = row.timestamp("start_at").toInstant();
        Instant end = row.timestamp("end_at").toInstant();
        if (!end.isAfter(start)) {
            findings.add(new Finding(key, "scheduledend", Finding.END_NOT_AFTER_START));
        }
        if ("COMPLETED".equals(row.get("status")) && ctx.dataCutoff() != null && start.isAfter(ctx.dataCutoff())) {
            findings.add(new Finding(key, "statecode", Finding.FUTURE_COMPLETED));
        }
        if (("CANCELLED".equals(row.get("status")) || "DNA".equals(row.get("status")))
                && (row.isNull("cancellation_reason") || row.isNull("cancelled_at"))) {
            findings.add(new Finding(key, "new_cancellationreason", Finding.CANCELLED_WITHOUT_REASON));
        }
    }

    /**
     * A BOOKED or CONFIRMED appointment of a deceased client (the client the appointment binds to, after merges) that
     * starts after the cut-off or on a day after the date of death: the booking is migrated, and a person decides.
     */
    static void deceasedClientBooking(MappingContext ctx, SourceRow row, String key, List<Finding> findings) {
        String status = row.get("status");
        if (!"BOOKED".equals(status) && !"CONFIRMED".equals(status)) {
            return;
        }
        ExportIndex index = ctx.index();
        Long client = index.survivingClient(row.longValue("client_id"));
        if (client == null || !index.clientFacts().isDeceased(client)) {
            return;
        }
        OffsetDateTime start = row.timestamp("start_at");
        LocalDate died = index.clientFacts().dateOfDeath(client);
        boolean afterCutoff = ctx.dataCutoff() != null && start.toInstant().isAfter(ctx.dataCutoff());
        // the appointment's own calendar day (its offset is the source zone's), compared with a date never shifted
        boolean afterDeath = died != null && start.toLocalDate().isAfter(died);
        if (afterCutoff || afterDeath) {
            findings.add(new Finding(key, "new_appointmentstatus", Finding.BOOKED_AFTER_DEATH));
        }
    }
}
