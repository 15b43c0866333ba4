package io.gpm2dv.sample;

import java.time.Instant;
import java.time.LocalDate;

/** Anchor referrals (3001–3010) and conditions (4001–4008): orphan referrer (H15), USUAL_GP history, claims. */
final class AnchorRecords {
    private AnchorRecords() {
    }

    static void write(PackageWriter out) {
        referral(out, 3001, 1001, 701L, null, null, "USUAL_GP", d(2019, 3, 1)).write(t(2019, 3, 1), t(2019, 3, 1));
        referral(out, 3002, 1001, 702L, Directory.ORTHO_PRACTICE, 4001L, "REFERRAL", d(2024, 2, 8)).v("valid_to", d(2024, 8, 8))
                .v("approved_visits", 6).v("reason", "Post-op ACL rehab, \"weight-bearing as tolerated\"").v("document_id", 7001)
                .write(t(2024, 2, 8), t(2024, 2, 8));
        referral(out, 3003, 1031, Directory.DELETED_REFERRER, null, null, "REFERRAL", d(2023, 1, 5)).v("reason", "Neck pain")
                .write(t(2023, 1, 5), t(2023, 1, 5));
        out.warnings.orphan("client_referrals.csv", 3003, "referrer_id", Directory.DELETED_REFERRER, "referrers.csv");
        referral(out, 3004, 1022, null, Directory.GP_PRACTICE, null, "REFERRAL", d(2024, 4, 1)).write(t(2024, 4, 1), t(2024, 4, 1));
        referral(out, 3005, 1015, 704L, null, null, "REFERRAL", d(2018, 6, 1)).write(t(2018, 6, 1), t(2018, 6, 1));
        referral(out, 3006, 1032, 706L, 517L, 4006L, "REFERRAL", d(2024, 5, 30)).v("document_id", 7013).write(t(2024, 5, 30), t(2024, 5, 30));
        referral(out, 3007, 1004, 704L, null, null, "USUAL_GP", d(2018, 9, 3)).v("valid_to", d(2022, 6, 30)).write(t(2018, 9, 3), t(2022, 7, 1));
        referral(out, 3008, 1004, 701L, null, null, "USUAL_GP", d(2022, 7, 1)).write(t(2022, 7, 1), t(2022, 7, 1));
        referral(out, 3009, 1028, 705L, null, null, "OTHER_CONTACT", d(2021, 6, 2)).write(t(2021, 6, 2), t(2021, 6, 2));
        referral(out, 3010, 1003, 701L, null, null, "USUAL_GP", d(2020, 5, 11)).write(t(2020, 5, 11), t(2020, 5, 11));

        condition(out, 4001, 1001, 11L, 1L, "Left knee ACL reconstruction rehab", "ACC", d(2024, 2, 12)).v("acc_claim_number", "HB00123")
                .v("acc45_status", "RECEIPTED").v("injury_date", d(2024, 1, 20)).v("diagnosis_code", "S83.5")
                .v("diagnosis_text", "Sprain of cruciate ligament of knee").v("employer_organisation_id", Directory.EMPLOYER)
                .v("approved_visits", 12).write(t(2024, 2, 12), t(2024, 2, 19));
        condition(out, 4002, 1004, 12L, 1L, "Lower back pain", "PRIVATE", d(2024, 5, 5)).write(t(2024, 5, 5), t(2024, 5, 5));
        condition(out, 4003, 1030, 11L, 1L, "Right shoulder impingement", "INSURED", d(2023, 3, 1))
                .v("insurer_organisation_id", Directory.INSURER).v("insurer_claim_number", "KHI-88123")
                .v("case_manager_name", "Sam Reid").v("status", "DISCHARGED").v("discharged_date", d(2023, 6, 30))
                .write(t(2023, 3, 1), t(2023, 6, 30));
        condition(out, 4004, 1019, 12L, 1L, "Ankle sprain (claim not lodged)", "ACC", d(2024, 9, 29)).v("acc45_status", "INCOMPLETE")
                .v("injury_date", d(2024, 9, 27)).write(t(2024, 9, 29), t(2024, 9, 29));
        condition(out, 4005, 1034, Staff.LEFT, 1L, "Tennis elbow", "ACC", d(2023, 5, 1)).v("acc_claim_number", "HB00456")
                .v("acc45_status", "RECEIPTED").v("status", "DISCHARGED").v("discharged_date", d(2023, 10, 10))
                .write(t(2023, 5, 1), t(2023, 10, 10));
        condition(out, 4006, 1032, 19L, 3L, "Plantar fasciitis", "PRIVATE", d(2024, 6, 3)).write(t(2024, 6, 3), t(2024, 6, 3));
        condition(out, 4007, 1016, 11L, 1L, "Hip replacement rehab", "ACC", d(2024, 8, 1)).v("acc_claim_number", "HB00789A")
                .v("acc45_status", "SUBMITTED").write(t(2024, 8, 1), t(2024, 8, 1));
        condition(out, 4008, 1012, 12L, 1L, "Whiplash", "ACC", d(2024, 6, 1)).v("acc_claim_number", "HB00790")
                .v("acc45_status", "INVALID").write(t(2024, 6, 1), t(2024, 6, 1));
    }

    static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    static Instant t(int y, int m, int day) {
        return SampleTime.nz(y, m, day, 11, 0);
    }

    static CsvFileWriter.Row referral(PackageWriter out, long id, long client, Long referrer, Long org, Long condition,
            String link, LocalDate date) {
        return out.referrals.row().v("referral_id", id).v("client_id", client).v("referrer_id", referrer)
                .v("referring_organisation_id", org).v("condition_id", condition).v("link_type", link).v("referral_date", date);
    }

    static CsvFileWriter.Row condition(PackageWriter out, long id, long client, Long practitioner, Long site, String name,
            String claim, LocalDate opened) {
        return out.conditions.row().v("condition_id", id).v("client_id", client).v("practitioner_id", practitioner)
                .v("site_id", site).v("name", name).v("claim_type", claim).v("status", "OPEN").v("opened_date", opened);
    }
}
