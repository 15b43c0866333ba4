package io.gpm2dv.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Anchor appointments (10001–10031) and clinical notes (20001–20016): H06–H08, H11, H13, H17, H18. */
final class AnchorVisits {
    /** Appointment ids that notes and invoice lines reference but the export no longer has (purged, H15). */
    static final long PURGED_FOR_NOTE = 10998;
    static final long PURGED_FOR_LINE = 10999;

    private AnchorVisits() {
    }

    static void write(PackageWriter out) {
        ZoneId nz = SampleTime.SOURCE_ZONE;
        visit(out, 10001, 1001L, 11L, 1, "Initial Physio Assessment", "INITIAL", nz(2024, 2, 12, 10, 0), 45, "COMPLETED")
                .v("condition_id", 4001).v("payer_type", "ACC").v("acc_claim_number", "HB00123").v("is_invoiced", true).write(c(10001), c(10001));
        visit(out, 10002, 1001L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2024, 2, 19, 10, 0), 30, "COMPLETED")
                .v("condition_id", 4001).v("payer_type", "ACC").v("acc_claim_number", "HB00123").v("is_invoiced", true).write(c(10002), c(10002));
        visit(out, 10003, 1040L, null, 1, "Follow-up Physio", "FOLLOW_UP", nz(2023, 5, 3, 14, 0), 30, "COMPLETED").write(c(10003), c(10003));
        visit(out, 10004, 1040L, Staff.DELETED_PRACTITIONER, 1, "Follow-up Physio", "FOLLOW_UP", nz(2023, 5, 10, 14, 0), 30, "COMPLETED")
                .v("is_invoiced", true).write(c(10004), c(10004));
        out.warnings.orphan("appointments.csv", 10004, "practitioner_id", Staff.DELETED_PRACTITIONER, "practitioners.csv");
        visit(out, 10005, null, 12L, 1, "Online booking", "INITIAL", nz(2025, 3, 20, 9, 0), 30, "BOOKED")
                .v("appointment_kind", "QUICK").v("quick_name", "Kate (online booking)").v("quick_phone", "021 555 7788")
                .v("booked_online", true).write(SampleTime.nz(2025, 3, 10, 22, 14), SampleTime.nz(2025, 3, 10, 22, 14));
        visit(out, 10006, null, 12L, 1, "Staff meeting", "OTHER", nz(2024, 8, 7, 12, 0), 60, "COMPLETED")
                .v("appointment_kind", "BLOCK").v("room", "Meeting room").write(c(10006), c(10006));
        // H13 DST start 2024-09-29: 01:30 NZST to 03:30 NZDT is 60 minutes
        Instant start = nz(2024, 9, 29, 1, 30);
        visitSpan(out, 10007, 1019L, 12L, 1, "Follow-up Physio", "FOLLOW_UP", start, nz(2024, 9, 29, 3, 30), "COMPLETED")
                .v("notes", "Early sports-team session before the tournament").write(c(10007), c(10007));
        // wall time 02:30 does not exist that day: resolved forward to 03:30+13:00
        visit(out, 10008, 1020L, 12L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2024, 9, 29, 2, 30), 30, "COMPLETED").write(c(10008), c(10008));
        out.warnings.add("appointments.csv", 10008, "start_at", "NONEXISTENT_LOCAL_TIME",
                "source wall time 2024-09-29 02:30 does not exist in Pacific/Auckland; resolved to 03:30+13:00");
        // H13 DST end 2024-04-07: 02:15 occurs twice; the booking runs from the first to the second
        Instant first = ZonedDateTime.ofLocal(LocalDateTime.of(2024, 4, 7, 2, 15), nz, null).withEarlierOffsetAtOverlap().toInstant();
        Instant second = ZonedDateTime.ofLocal(LocalDateTime.of(2024, 4, 7, 2, 15), nz, null).withLaterOffsetAtOverlap().toInstant();
        visitSpan(out, 10009, 1021L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", first, second, "COMPLETED").write(c(10009), c(10009));
        out.warnings.add("appointments.csv", 10009, "end_at", "NONEXISTENT_LOCAL_TIME",
                "source wall time 2024-04-07 02:15 is ambiguous in Pacific/Auckland; start +13:00, end +12:00");
        visit(out, 10010, 1033L, 18L, 4, "Exercise Physiology", "INITIAL",
                SampleTime.wall(LocalDateTime.of(2024, 2, 14, 10, 0), Staff.CHATHAM.zone()), 30, "COMPLETED").write(c(10010), c(10010));
        visit(out, 10011, 1032L, 19L, 3, "Initial Physio Assessment", "INITIAL",
                SampleTime.wall(LocalDateTime.of(2024, 6, 3, 9, 0), Staff.BRISBANE.zone()), 45, "COMPLETED")
                .v("is_invoiced", true).v("payer_type", "CLIENT").write(c(10011), c(10011));
        // H18 a deceased client (1016, died 2024-11-02) still booked after the cut-off
        visit(out, 10012, 1016L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2025, 4, 22, 10, 0), 30, "BOOKED").write(c(10012), c(10012));
        visit(out, 10013, 1016L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2025, 5, 6, 10, 0), 30, "CONFIRMED").write(c(10013), c(10013));
        visit(out, 10014, 1004L, 12L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2025, 5, 6, 11, 0), 30, "COMPLETED").write(c(10014), c(10014));
        // H18 legacy cancellation: no reason, no time; its audit time is derived from the booking
        visit(out, 10015, 1008L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2021, 8, 16, 9, 0), 30, "CANCELLED")
                .write(nz(2021, 8, 16, 9, 0), nz(2021, 8, 16, 9, 0));
        out.warnings.add("appointments.csv", 10015, "created_at", "AUDIT_DERIVED", "no audit time in source; start_at used");
        visit(out, 10016, 1009L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2024, 3, 4, 9, 0), 0, "COMPLETED").write(c(10016), c(10016));
        visit(out, 10017, 1010L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2024, 3, 5, 9, 0), -30, "COMPLETED").write(c(10017), c(10017));
        // H06 the practitioner who left (17) before and after her end date
        visit(out, 10018, 1034L, Staff.LEFT, 1, "Follow-up Physio", "FOLLOW_UP", nz(2023, 6, 12, 15, 0), 30, "COMPLETED")
                .v("condition_id", 4005).v("payer_type", "ACC").v("acc_claim_number", "HB00456").v("is_invoiced", true).write(c(10018), c(10018));
        visit(out, 10019, 1034L, Staff.LEFT, 1, "Follow-up Physio", "FOLLOW_UP", nz(2025, 4, 1, 15, 0), 30, "BOOKED").write(c(10019), c(10019));
        long[] classClients = {1014, 1021, 1030};
        String[] classStatus = {"COMPLETED", "DNA", "COMPLETED"};
        for (int i = 0; i < 3; i++) {
            visit(out, 10020 + i, classClients[i], 22L, 1, "Pilates Rehab Class", "OTHER", nz(2024, 5, 8, 18, 0), 60, classStatus[i])
                    .v("appointment_kind", "CLASS").v("class_id", 7).v("class_name", "Pilates Rehab Class").v("room", "Studio")
                    .write(c(10020), c(10020));
        }
        visit(out, 10023, 1012L, 12L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2024, 6, 10, 9, 0), 30, "DNA")
                .v("cancelled_at", nz(2024, 6, 10, 9, 20)).v("cancellation_reason", "No Show")
                .v("cancellation_charge", "FULL_CHARGE").v("is_invoiced", true).write(c(10023), c(10023));
        visit(out, 10024, 1013L, 13L, 1, "Hand Therapy", "FOLLOW_UP", nz(2024, 7, 1, 11, 0), 30, "CANCELLED")
                .v("cancelled_at", nz(2024, 7, 1, 8, 10)).v("cancellation_reason", "Illness")
                .v("cancellation_charge", "CANCELLATION_FEE").v("is_invoiced", true).write(c(10024), c(10024));
        visit(out, 10025, 1029L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2024, 7, 2, 11, 0), 30, "COMPLETED")
                .v("notes", Texts.multiline()).write(c(10025), c(10025));
        visit(out, 10026, 1037L, 13L, 1, "Hand Therapy", "INITIAL", nz(2024, 7, 3, 11, 0), 45, "COMPLETED").write(c(10026), c(10026));
        visit(out, 10027, 1038L, 14L, 2, "Podiatry", "INITIAL", nz(2024, 7, 4, 11, 0), 30, "COMPLETED").write(c(10027), c(10027));
        visit(out, 10028, null, 11L, 1, "Online booking", "INITIAL", nz(2024, 11, 20, 16, 0), 30, "BOOKED")
                .v("appointment_kind", "QUICK").v("quick_name", "Tom ring back re ACC").v("booked_online", true).write(c(10028), c(10028));
        visit(out, 10029, 1001L, 11L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2025, 4, 6, 2, 30), 30, "BOOKED").write(c(10029), c(10029));
        out.warnings.add("appointments.csv", 10029, "start_at", "NONEXISTENT_LOCAL_TIME",
                "source wall time 2025-04-06 02:30 is ambiguous in Pacific/Auckland; earlier offset +13:00 used");
        visit(out, 10030, 1002L, 11L, 1, "Initial Physio Assessment", "INITIAL", nz(2025, 3, 14, 19, 30), 45, "ARRIVED")
                .v("booked_online", true).write(SampleTime.nz(2025, 3, 12, 8, 0), SampleTime.nz(2025, 3, 14, 19, 31));
        // H18 a booking before the cut-off that nobody marked arrived, completed or cancelled
        visit(out, 10031, 1006L, 12L, 1, "Follow-up Physio", "FOLLOW_UP", nz(2025, 2, 10, 15, 0), 30, "CONFIRMED").write(c(10031), c(10031));
        AnchorNotes.write(out);
    }

    private static Instant nz(int y, int m, int d, int h, int min) {
        return SampleTime.nz(y, m, d, h, min);
    }

    /** Audit time of an anchor appointment: booked a week before, at a fixed clock time. */
    private static Instant c(long id) {
        return SampleTime.nz(2021, 1, 4, 9, 0).plusSeconds((id - 10000) * 86_400L * 30);
    }

    static CsvFileWriter.Row visit(PackageWriter out, long id, Long client, Long practitioner, long site, String type,
            String category, Instant start, int minutes, String status) {
        return visitSpan(out, id, client, practitioner, site, type, category, start, start.plusSeconds(minutes * 60L), status);
    }

    static CsvFileWriter.Row visitSpan(PackageWriter out, long id, Long client, Long practitioner, long site, String type,
            String category, Instant start, Instant end, String status) {
        return out.appointments.row().v("appointment_id", id).v("appointment_kind", "CLIENT").v("client_id", client)
                .v("practitioner_id", practitioner).v("site_id", site).v("appointment_type", type)
                .v("visit_category", category).v("start_at", start).v("end_at", end)
                .v("duration_minutes", Duration.between(start, end).toMinutes()).v("status", status)
                .v("booked_online", false).v("is_invoiced", false);
    }

    static Map<String, String> sections(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
