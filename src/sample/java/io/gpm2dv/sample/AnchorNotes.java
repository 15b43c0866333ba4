package io.gpm2dv.sample;

import java.time.Instant;

/** Anchor clinical notes 20001–20016: RTF/HTML/sniffable bodies (H11), long and odd texts (H17), orphans (H15). */
final class AnchorNotes {
    private AnchorNotes() {
    }

    static void write(PackageWriter out) {
        note(out, 20001, 1001, 10001L, 4001L, 11L, "TREATMENT", "SOAPER", "PLAIN", null, nz(2024, 2, 12, 10, 45))
                .v("template_name", "ACC Initial").v("sections", AnchorVisits.sections(
                        "S", "Left knee sore after netball, 5/10.", "O", "Flexion 95°, effusion +", "A", "Post-op ACL, week 3",
                        "P", "Quads programme; review 1 week", "E", "Home exercises explained", "R", "Review 2024-02-19"))
                .v("is_locked", true).v("locked_at", nz(2024, 2, 12, 17, 0)).write(nz(2024, 2, 12, 10, 45), nz(2024, 2, 12, 17, 0));
        note(out, 20002, 1001, 10002L, 4001L, 11L, "TREATMENT", "STANDARD", "RTF", Texts.rtf(), nz(2024, 2, 19, 10, 30))
                .write(nz(2024, 2, 19, 10, 30), nz(2024, 2, 19, 10, 30));
        note(out, 20003, 1019, null, 4004L, 12L, "CLINICAL", "SIMPLE", "HTML", Texts.html(), nz(2024, 9, 30, 9, 0))
                .write(nz(2024, 9, 30, 9, 0), nz(2024, 9, 30, 9, 0));
        note(out, 20004, 1020, null, null, 12L, "PHONE", "NONE", "PLAIN", Texts.plainButRtf(), nz(2024, 10, 1, 12, 0))
                .write(nz(2024, 10, 1, 12, 0), nz(2024, 10, 1, 12, 0));
        note(out, 20005, 1021, null, null, 11L, "DISCHARGE", "NONE", "PLAIN", Texts.plainButHtml(), nz(2024, 10, 2, 12, 0))
                .write(nz(2024, 10, 2, 12, 0), nz(2024, 10, 2, 12, 0));
        note(out, 20006, 1028, null, null, 11L, "CLINICAL", "REHAB", "PLAIN", Texts.longNote(), nz(2024, 9, 9, 16, 0))
                .v("title", "Rehab diary").write(nz(2024, 9, 9, 16, 0), nz(2024, 9, 9, 16, 0));
        note(out, 20007, 1029, 10025L, null, 11L, "TREATMENT", "SOTAP", "PLAIN", Texts.multiline(), nz(2024, 7, 2, 11, 30))
                .write(nz(2024, 7, 2, 11, 30), nz(2024, 7, 2, 11, 30));
        note(out, 20008, 1004, null, 4002L, 12L, "CLINICAL", "STANDARD", "PLAIN",
                "Restricted: discussed family situation, not for general staff.", nz(2024, 5, 5, 14, 0))
                .v("is_restricted", true).v("document_id", 7008).write(nz(2024, 5, 5, 14, 0), nz(2024, 5, 5, 14, 0));
        note(out, 20009, 1034, 10018L, 4005L, Staff.LEFT, "TREATMENT", "STANDARD", "PLAIN",
                "Progressing well; ACC review due.", nz(2023, 6, 12, 15, 30))
                .v("is_locked", true).v("locked_at", nz(2023, 6, 12, 18, 0)).write(nz(2023, 6, 12, 15, 30), nz(2023, 6, 12, 18, 0));
        note(out, 20010, 1022, null, null, 11L, "CLINICAL", "STANDARD", "PLAIN", "See title.", nz(2024, 4, 4, 9, 0))
                .v("title", Texts.exactly(200, "Review of shoulder, neck and upper back after the Rotorua tournament; ")).write(nz(2024, 4, 4, 9, 0), nz(2024, 4, 4, 9, 0));
        out.warnings.add("clinical_notes.csv", 20010, "title", "TRUNCATED", "original length 412");
        note(out, 20011, 1001, null, 4001L, 11L, "LETTER", "NONE", "PLAIN", "Dear Dr Petersen,\r\nTāne is progressing well.\r\nNgā mihi, Aroha",
                nz(2024, 3, 1, 9, 0)).v("title", "Letter to GP").v("document_id", 7004).write(nz(2024, 3, 1, 9, 0), nz(2024, 3, 1, 9, 0));
        note(out, 20012, 1008, null, null, null, "ADMIN", "NONE", "PLAIN", "Client rang, no address on file.", nz(2021, 8, 16, 9, 30))
                .write(nz(2021, 8, 16, 9, 30), nz(2021, 8, 16, 9, 30));
        note(out, 20013, 1040, AnchorVisits.PURGED_FOR_NOTE, null, 11L, "TREATMENT", "SIMPLE", "PLAIN", "Seen for review.",
                nz(2023, 4, 26, 14, 30)).write(nz(2023, 4, 26, 14, 30), nz(2023, 4, 26, 14, 30));
        out.warnings.orphan("clinical_notes.csv", 20013, "appointment_id", AnchorVisits.PURGED_FOR_NOTE, "appointments.csv");
        note(out, 20014, 1040, 10004L, null, Staff.DELETED_PRACTITIONER, "TREATMENT", "SIMPLE", "PLAIN", "Seen for review.",
                nz(2023, 5, 10, 14, 30)).write(nz(2023, 5, 10, 14, 30), nz(2023, 5, 10, 14, 30));
        out.warnings.orphan("clinical_notes.csv", 20014, "author_practitioner_id", Staff.DELETED_PRACTITIONER, "practitioners.csv");
        note(out, 20015, 1032, 10011L, 4006L, 19L, "TREATMENT", "IMAGE", "PLAIN", "Body chart attached.", SampleTime.wall(
                java.time.LocalDateTime.of(2024, 6, 3, 9, 45), Staff.BRISBANE.zone())).v("document_id", 7006)
                .write(nz(2024, 6, 3, 11, 45), nz(2024, 6, 3, 11, 45));
        note(out, 20016, 1037, null, null, 13L, "CLINICAL", "REHAB", "PLAIN", Texts.veryLongNote(), nz(2024, 7, 20, 10, 0))
                .v("title", "Hand therapy log").write(nz(2024, 7, 20, 10, 0), nz(2024, 7, 20, 10, 0));
    }

    private static Instant nz(int y, int m, int d, int h, int min) {
        return SampleTime.nz(y, m, d, h, min);
    }

    static CsvFileWriter.Row note(PackageWriter out, long id, long client, Long appointment, Long condition, Long author,
            String type, String assessment, String format, String body, Instant at) {
        return out.notes.row().v("note_id", id).v("client_id", client).v("appointment_id", appointment)
                .v("condition_id", condition).v("author_practitioner_id", author).v("note_type", type)
                .v("assessment_type", assessment).v("note_at", at).v("body_format", format).v("body", body)
                .v("is_completed", true).v("is_locked", false).v("is_restricted", false);
    }
}
