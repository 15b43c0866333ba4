package io.gpm2dv.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The fixed sites (1–4) and practitioners (11–22) of the sample practice, and the rows they become. */
final class Staff {
    record Site(long id, String name, String country, ZoneId zone) {
    }

    record Practitioner(long id, String title, String first, String last, String type, String label, String email,
            String mobile, String body, String registration, String cpn, List<String> acc, long site,
            boolean restricted, boolean active, LocalDate endDate, Boolean userDisabled) {
        String display() {
            return first + " " + last;
        }
    }

    static final Site CENTRAL = new Site(1, "Harbourside Central", "NZ", ZoneId.of("Pacific/Auckland"));
    static final Site TAKAPUNA = new Site(2, "Harbourside Takapuna", "NZ", ZoneId.of("Pacific/Auckland"));
    static final Site BRISBANE = new Site(3, "Brisbane", "AU", ZoneId.of("Australia/Brisbane"));
    static final Site CHATHAM = new Site(4, "Chatham Islands Outreach", "NZ", ZoneId.of("Pacific/Chatham"));
    static final List<Site> SITES = List.of(CENTRAL, TAKAPUNA, BRISBANE, CHATHAM);

    /** Practitioner ids that appointments name but the export does not contain (H07). */
    static final long DELETED_PRACTITIONER = 4711;
    static final long LEFT = 17;

    private static final String PB = "Physiotherapy Board of New Zealand";
    // userDisabled: null = no Dataverse user, false = enabled user, true = disabled user
    static final List<Practitioner> PRACTITIONERS = List.of(
            new Practitioner(11, "Ms", "Aroha", "Ngata", "PHYSIOTHERAPIST", "Physiotherapist", "aroha.ngata@harbourside.example",
                    "021 555 0111", PB, "70-12345", "12ABCD", List.of("AB12", "CD34"), 1, false, true, null, false),
            new Practitioner(12, "Mr", "James", "Whitcombe", "PHYSIOTHERAPIST", "Senior Physiotherapist",
                    "james.whitcombe@harbourside.example", "022 555 0112", PB, "70-23456", "34EFGH", List.of("EF56"), 1,
                    true, true, null, false),
            new Practitioner(13, "Ms", "Priya", "Raman", "HAND_THERAPIST", "Hand Therapist", "reception@harbourside.example",
                    null, "Occupational Therapy Board of New Zealand", "OT-3344", "56JKLM", List.of(), 1, false, true, null, false),
            new Practitioner(14, "Mr", "Tom", "Kealey", "PODIATRIST", "Podiatrist", "Reception@Harbourside.example",
                    "027 555 0114", "Podiatrists Board of New Zealand", "POD-0914", "78NPQR", List.of("GH78"), 2, false,
                    true, null, false),
            new Practitioner(15, "Dr", "Mereana", "Walker", "OCCUPATIONAL_THERAPIST", "Occupational Therapist",
                    "mereana.walker@harbourside.example", null, "Occupational Therapy Board of New Zealand", "OT-5521",
                    "1234AB", List.of(), 2, false, true, null, false),
            new Practitioner(16, "Mr", "Liam", "O'Connor", "OSTEOPATH", "Osteopath", "liam.oconnor@harbourside.example",
                    "021 555 0116", "Osteopathic Council of New Zealand", "OST-116", "90STUV", List.of(), 2, false, true,
                    null, null),
            new Practitioner(17, "Ms", "Sarah", "Lindqvist", "PHYSIOTHERAPIST", "Physio (left Nov 2023)",
                    "sarah.lindqvist@harbourside.example", "021 555 0117", PB, "70-34567", "23WXYZ", List.of("JK90"), 1,
                    false, false, LocalDate.of(2023, 11, 30), true),
            new Practitioner(18, "Mr", "Hone", "Te Rangi", "EXERCISE_PHYSIOLOGIST", "Exercise Physiologist",
                    "hone.terangi@harbourside.example", "021 555 0118", null, null, null, List.of(), 4, false, true, null, false),
            new Practitioner(19, "Ms", "Chloe", "Bennett", "PHYSIOTHERAPIST", "Physiotherapist (AU)",
                    "chloe.bennett@harbourside.example", "0412 555 019", "AHPRA", "PHY0001234567", null, null, 3, false,
                    true, null, false),
            new Practitioner(20, "Mr", "Daniel", "Kim", "MASSAGE_THERAPIST", "Massage Therapist", null, "021 555 0120",
                    null, null, null, null, 2, false, true, null, null),
            new Practitioner(21, "Ms", "Emma", "Clarke", "DIETITIAN", "Dietitian", "emma.clarke@harbourside.example",
                    "0423 555 021", "AHPRA", "DIE0009876543", null, null, 3, false, true, null, null),
            new Practitioner(22, "Mr", "Rāwiri", "Hohaia", "OTHER", "Pilates Instructor", "rawiri.hohaia@harbourside.example",
                    "021 555 0122", null, null, "ABC123", List.of(), 1, false, true, null, false));

    private Staff() {
    }

    static Site site(long id) {
        return SITES.get((int) id - 1);
    }

    static Practitioner practitioner(long id) {
        return PRACTITIONERS.get((int) id - 11);
    }

    static void write(PackageWriter out) {
        Instant opened = SampleTime.nz(2015, 2, 2, 9, 0);
        Instant edited = SampleTime.nz(2024, 8, 19, 16, 45);
        out.sites.row().v("site_id", 1).v("site_name", CENTRAL.name()).v("vendor_code", "HPL")
                .v("vendor_name", ManifestWriter.PRACTICE).v("address_line1", "120 Quay Street")
                .v("suburb", "Auckland Central").v("city", "Auckland").v("region", "Auckland").v("postcode", "1010")
                .v("country_code", "NZ").v("phone", "09 555 0100").v("email", "central@harbourside.example")
                .v("timezone", "Pacific/Auckland").v("gst_number", "123-456-789").v("acc_vendor_number", "HB1234")
                .v("hpi_facility_id", "FZZ123-A").v("cancellation_fee", new java.math.BigDecimal("40"))
                .v("no_show_fee", new java.math.BigDecimal("60")).v("is_active", true).write(opened, edited);
        out.sites.row().v("site_id", 2).v("site_name", TAKAPUNA.name()).v("vendor_code", "HPL")
                .v("vendor_name", ManifestWriter.PRACTICE).v("address_line1", "Level 1, 88 Hurstmere Road")
                .v("suburb", "Takapuna").v("city", "Auckland").v("region", "Auckland").v("postcode", "0622")
                .v("country_code", "NZ").v("phone", "09 555 0200").v("timezone", "Pacific/Auckland")
                .v("gst_number", "123-456-789").v("hpi_facility_id", "FZZ124-B")
                .v("cancellation_fee", new java.math.BigDecimal("35")).v("is_active", true).write(opened, edited);
        out.sites.row().v("site_id", 3).v("site_name", BRISBANE.name()).v("vendor_code", "HPA")
                .v("vendor_name", "Harbourside Physiotherapy Australia Pty Ltd").v("address_line1", "45 Ann Street")
                .v("suburb", "Fortitude Valley").v("city", "Brisbane").v("region", "QLD").v("postcode", "4006")
                .v("country_code", "AU").v("phone", "07 5550 1234").v("email", "brisbane@harbourside.example")
                .v("timezone", "Australia/Brisbane").v("cancellation_fee", new java.math.BigDecimal("50"))
                .v("no_show_fee", new java.math.BigDecimal("50")).v("is_active", true)
                .write(SampleTime.nz(2021, 5, 3, 11, 0), edited);
        // no audit time in the source for the outreach site: derived from its first clinic day
        out.sites.row().v("site_id", 4).v("site_name", CHATHAM.name()).v("vendor_code", "HPL")
                .v("vendor_name", ManifestWriter.PRACTICE).v("address_line1", "Tuku Road").v("suburb", "Waitangi")
                .v("city", "Chatham Islands").v("postcode", "8942").v("country_code", "NZ")
                .v("timezone", "Pacific/Chatham").v("is_active", true)
                .write(SampleTime.nz(2022, 8, 1, 8, 0), SampleTime.nz(2022, 8, 1, 8, 0));
        out.warnings.add("sites.csv", 4, "created_at", "AUDIT_DERIVED", "no audit time in source; first clinic day used");
        for (Practitioner p : PRACTITIONERS) {
            out.practitioners.row().v("practitioner_id", p.id()).v("title", p.title()).v("first_name", p.first())
                    .v("last_name", p.last()).v("display_name", p.display()).v("practitioner_type", p.type())
                    .v("practitioner_type_label", p.label()).v("email", p.email()).v("mobile_phone", p.mobile())
                    .v("registration_body", p.body()).v("registration_number", p.registration()).v("hpi_cpn", p.cpn())
                    .json("acc_provider_numbers", p.acc()).v("default_site_id", p.site())
                    .v("restricted_notes", p.restricted()).v("is_active", p.active()).v("end_date", p.endDate())
                    .write(SampleTime.nz(2016, 1, 11, 8, 30).plusSeconds(p.id() * 86_400L * 97), edited);
        }
    }
}
