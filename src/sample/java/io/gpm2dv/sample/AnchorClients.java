package io.gpm2dv.sample;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The hand-made anchor clients 1001–1040: each carries one or more named hazards (H01–H18) at a fixed id,
 * listed in docs/export-package.md, and the ids the product's unit tests use (1001, 1003, 1009, 1011, 1014, 1018).
 */
final class AnchorClients {
    static final long FIRST = 1001;
    static final long LAST = 1040;
    static final long DECEASED = 1016;
    /** A client id that rows reference but the export does not contain (a deleted record, H15). */
    static final long DELETED_CLIENT = 1999;
    static final String LONG_NAME = "Te Whatu-Ngārimu-Pōmare-Kāretu-Tūhoe-Waititi-Hēnare-Ōrākei";

    private AnchorClients() {
    }

    static void write(PackageWriter out) {
        CsvFileWriter w = out.clients;
        // H16 macrons, H13 the DOB 1990-04-05; employer 501 is in the export (parent account); a health fund
        w.row().v("client_id", 1001).v("client_number", "C1001").v("first_name", "Tāne").v("last_name", "Kūmara-Ōtaki")
                .v("date_of_birth", LocalDate.of(1990, 4, 5)).v("gender", "MALE").v("nhi_number", "ZZZ0016")
                .v("ethnicity_code", "21111").v("ethnicity_label", "Māori").v("email", "tane.kumara@example.co.nz")
                .v("mobile_phone", "021 555 1001").v("address_line1", "7 Ōrākei Road").v("suburb", "Ōrākei")
                .v("city", "Auckland").v("postcode", "1071").v("country_code", "NZ").v("occupation", "Forklift driver")
                .v("employer_organisation_id", Directory.EMPLOYER).v("health_fund_organisation_id", Directory.HEALTH_FUND)
                .v("health_fund_member_number", "HHF-100123").v("default_practitioner_id", 11).v("default_site_id", 1)
                .v("has_health_issue", false).v("sms_opt_out", false).v("email_opt_out", true)
                .v("has_portal_account", true).v("status", "ACTIVE").v("is_archived", false)
                .write(Instant.parse("2019-02-28T20:30:00Z"), Instant.parse("2023-12-31T20:30:00Z"));
        // H01 online-booking duplicate of 1001: same DOB, name without macrons
        base(w, 1002, "Tane", "Kumara-Otaki", "MALE").v("date_of_birth", LocalDate.of(1990, 4, 5))
                .v("email", "tane.kumara@example.co.nz").v("referral_source", "Online booking")
                .v("has_portal_account", true).write(t(2024, 2, 3), t(2024, 2, 3));
        // H01 merge leftover ("Delete Me") merged into 1004
        base(w, 1003, "John", "Smith Delete Me", "MALE").v("date_of_birth", LocalDate.of(1975, 6, 20))
                .v("status", "INACTIVE").v("is_archived", true).v("merged_into_client_id", 1004)
                .write(t(2020, 5, 11), t(2024, 6, 2));
        // H01 + H12: 1004 and 1005 share one NHI
        base(w, 1004, "John", "Smith", "MALE").v("date_of_birth", LocalDate.of(1975, 6, 20)).v("nhi_number", "ZZZ0024")
                .v("email", "john.smith@example.com").v("mobile_phone", "027 555 1004").write(t(2018, 9, 3), t(2024, 6, 2));
        base(w, 1005, "Jonathan", "Smith", "MALE").v("date_of_birth", LocalDate.of(1981, 1, 14)).v("nhi_number", "ZZZ0024")
                .write(t(2021, 3, 9), t(2021, 3, 9));
        base(w, 1006, "Olivia", "Brown", "FEMALE").v("nhi_number", "ZIO1234").write(t(2021, 4, 1), t(2022, 4, 1));
        base(w, 1007, "Mei", "Chen", "FEMALE").v("nhi_number", "ZZZ0017").write(t(2021, 4, 2), t(2022, 4, 2));
        // H02: nothing to reach the client by
        base(w, 1008, "Sione", "Tupou", "MALE").v("date_of_birth", LocalDate.of(1968, 11, 30)).write(t(2017, 7, 7), t(2017, 7, 7));
        // H03 invalid e-mail forms
        base(w, 1009, "Jo", "Walsh", "FEMALE").v("email", "jo@gmail").write(t(2022, 1, 10), t(2022, 1, 10));
        base(w, 1010, "Peter", "Grant", "MALE").v("email", "none@none.com").write(t(2022, 1, 11), t(2022, 1, 11));
        base(w, 1011, "Hēmi", LONG_NAME, "MALE").v("email", "a@b.co.nz; c@d.nz").write(t(2022, 1, 12), t(2022, 1, 12));
        base(w, 1012, "Mere", "Parata", "FEMALE").v("email", "mere.parata@example.co.nz  ").write(t(2022, 1, 13), t(2022, 1, 13));
        base(w, 1013, "Aroha", "Henare", "FEMALE").v("email", "mailto:aroha.henare@example.nz").write(t(2022, 1, 14), t(2022, 1, 14));
        // CLIENT_STATUS and archive coverage; H18 deceased with future bookings and a DOB placeholder
        base(w, 1014, "Grace", "Hughes", "FEMALE").v("is_archived", true).write(t(2016, 5, 5), t(2023, 2, 1));
        base(w, 1015, "Ian", "McKenzie", "MALE").v("status", "INACTIVE").write(t(2016, 5, 6), t(2023, 2, 2));
        base(w, 1016, "Margaret", "Baxter", "FEMALE").v("date_of_birth", LocalDate.of(1931, 8, 17)).v("status", "DECEASED")
                .v("date_of_death", LocalDate.of(2024, 11, 2)).write(t(2015, 3, 3), t(2024, 11, 20));
        base(w, 1017, "Robert", "Young", "MALE").v("date_of_birth", LocalDate.of(1900, 1, 1)).write(t(2019, 8, 8), t(2019, 8, 8));
        // H04 phone forms (1018 as in RecordMapperTest: a landline in mobile_phone)
        base(w, 1018, "Kiri", "Tipene", "FEMALE").v("home_phone", "(09) 555-1234").v("mobile_phone", "(09) 555-1234")
                .v("work_phone", "ph after 5pm 021").write(t(2020, 2, 2), t(2020, 2, 2));
        base(w, 1019, "Ravi", "Kumar", "MALE").v("mobile_phone", "021 123 4567").v("home_phone", "+64 9 555 0123")
                .write(t(2020, 2, 3), t(2020, 2, 3));
        base(w, 1020, "Leilani", "Fonoti", "FEMALE").v("mobile_phone", "+64 21 1234567").v("work_phone", "0064 9 555 0456")
                .v("home_phone", "0064 21 555 020").write(t(2020, 2, 4), t(2020, 2, 4));
        // H16 unusual names
        base(w, 1021, "Siobhan", "O'Neill", "FEMALE").write(t(2020, 3, 1), t(2020, 3, 1));
        base(w, 1022, "Hēmi", "Te Whatu", "MALE").v("email", "hemi.tewhatu@example.co.nz").write(t(2020, 3, 2), t(2020, 3, 2));
        base(w, 1023, null, "Rangimārie", "FEMALE").write(t(2020, 3, 3), t(2020, 3, 3));
        base(w, 1024, "Taane", "Whaanga", "MALE").write(t(2020, 3, 4), t(2020, 3, 4));
        base(w, 1025, "Wiremu", "KÅ«mara", "MALE").write(t(2012, 3, 5), t(2012, 3, 5));
        base(w, 1026, "Ari", "P?mare", "FEMALE").write(t(2012, 3, 6), t(2012, 3, 6));
        // H17 whitespace-only values, an exactly-at-limit name, the 2000-code-point (truncated) alert, embedded CR/LF
        base(w, 1027, "Ngaire", "Pōtae", "FEMALE").v("preferred_name", "   ").v("occupation", " ")
                .v("referral_source", "\t").write(t(2021, 6, 1), t(2021, 6, 1));
        base(w, 1028, "Losa", "Faleolo", "FEMALE").v("alert_text", Texts.longAlert()).v("has_health_issue", true)
                .write(t(2021, 6, 2), t(2024, 9, 9));
        out.warnings.add("clients.csv", 1028, "alert_text", "TRUNCATED", "original length " + Texts.ALERT_ORIGINAL_LENGTH);
        base(w, 1029, "Leo", Texts.exactly(60, "Ōkahukura-Tautahi-Māhanga-"), "MALE").v("alert_text", "Allergic to latex, \"severe\"; uses crutches")
                .v("has_health_issue", true).v("general_notes", Texts.multiline()).write(t(2021, 6, 3), t(2021, 6, 3));
        base(w, 1030, "Amelia", "Stewart", "FEMALE").v("health_fund_organisation_id", Directory.INSURER)
                .v("health_fund_member_number", "KHI 55 1030").v("email", "amelia.stewart@example.com").write(t(2021, 7, 1), t(2021, 7, 1));
        // H15 employer not in the export
        base(w, 1031, "Noah", "Campbell", "MALE").v("employer_organisation_id", Directory.DELETED_ORGANISATION)
                .write(t(2021, 7, 2), t(2021, 7, 2));
        out.warnings.orphan("clients.csv", 1031, "employer_organisation_id", Directory.DELETED_ORGANISATION, "client_organisations.csv");
        // H13 Brisbane and Chatham clients
        base(w, 1032, "Charlotte", "Murray", "FEMALE").v("default_site_id", 3).v("default_practitioner_id", 19)
                .v("mobile_phone", "0412 555 032").v("address_line1", "3 Brunswick Street").v("suburb", "Fortitude Valley")
                .v("city", "Brisbane").v("region", "QLD").v("postcode", "4006").v("country_code", "AU")
                .v("health_fund_organisation_id", Directory.AU_FUND).v("health_fund_member_number", "QA-771032")
                .write(t(2022, 2, 1), t(2022, 2, 1));
        base(w, 1033, "Manaia", "Tuuta", "MALE").v("default_site_id", 4).v("default_practitioner_id", 18)
                .v("city", "Chatham Islands").v("postcode", "8942").v("country_code", "NZ").write(t(2022, 8, 1), t(2022, 8, 1));
        // H06 owned by the practitioner who left
        base(w, 1034, "Isla", "Anderson", "FEMALE").v("default_practitioner_id", Staff.LEFT).write(t(2019, 1, 20), t(2023, 1, 20));
        base(w, 1035, "Alex", "Rivers", "OTHER").v("title", "Mx").write(t(2022, 9, 9), t(2022, 9, 9));
        base(w, 1036, "Sam", "Ali", "UNKNOWN").write(t(2022, 9, 10), t(2022, 9, 10));
        // H05: owned by one of the two practitioners sharing reception@
        base(w, 1037, "Fatima", "Omar", "FEMALE").v("default_practitioner_id", 13).write(t(2022, 9, 11), t(2022, 9, 11));
        base(w, 1038, "Hugo", "Martin", "MALE").v("default_practitioner_id", 14).v("default_site_id", 2).write(t(2022, 9, 12), t(2022, 9, 12));
        // H18 DOB after the first visit (entered wrongly)
        base(w, 1039, "Ruby", "Clarke", "FEMALE").v("date_of_birth", LocalDate.of(2024, 9, 1)).write(t(2022, 10, 1), t(2024, 10, 1));
        // H07 the client of the appointments whose practitioner is missing
        base(w, 1040, "Oliver", "Thompson", "MALE").v("default_practitioner_id", Staff.DELETED_PRACTITIONER)
                .write(t(2021, 11, 1), t(2021, 11, 1));
        out.warnings.orphan("clients.csv", 1040, "default_practitioner_id", Staff.DELETED_PRACTITIONER, "practitioners.csv");
    }

    static Instant t(int y, int m, int d) {
        return SampleTime.nz(y, m, d, 10, 15);
    }

    private static CsvFileWriter.Row base(CsvFileWriter w, long id, String first, String last, String gender) {
        return w.row().v("client_id", id).v("client_number", "C" + id).v("first_name", first).v("last_name", last)
                .v("gender", gender).v("date_of_birth", LocalDate.of(1950 + (int) (id % 50), 1 + (int) (id % 12), 1 + (int) (id % 28)))
                .v("default_practitioner_id", 11 + id % 3).v("default_site_id", 1).v("has_health_issue", false)
                .v("sms_opt_out", false).v("email_opt_out", false).v("has_portal_account", false).v("status", "ACTIVE")
                .v("is_archived", false);
    }
}
