package io.gpm2dv.sample;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Custom field definitions 81–90 and the anchor values 60001–60020, including every H14 form that does not parse. */
final class CustomFields {
    static final long PAIN_SCORE = 81;
    static final long PREFERRED_CONTACT = 84;

    private CustomFields() {
    }

    static void write(PackageWriter out) {
        Instant t = SampleTime.nz(2017, 4, 3, 9, 0);
        Instant u = SampleTime.nz(2023, 9, 1, 9, 0);
        def(out, 81, "pain_score", "Pain score (0-10)", "CLIENT", "Initial Assessment", "Numeric Entry", "NUMBER").v("decimal_places", 1).v("display_order", 1).write(t, u);
        def(out, 82, "injury_date", "Date of injury", "CLIENT", "Initial Assessment", "Date Time Picker", "DATE").v("display_order", 2).write(t, u);
        def(out, 83, "consent_signed", "Consent form signed", "CLIENT", "Initial Assessment", "Check Box", "BOOLEAN").v("is_required", true).v("display_order", 3).write(t, u);
        def(out, 84, "preferred_contact", "Preferred contact", "CLIENT", null, "List of Values", "PICKLIST")
                .json("picklist_options", List.of("Phone", "Email", "SMS")).v("display_order", 4).write(t, u);
        def(out, 85, "symptoms", "Symptoms", "CONDITION", "Condition Intake", "Check Box Group", "PICKLIST").v("is_multi_select", true)
                .json("picklist_options", List.of("Pain", "Swelling", "Stiffness", "Numbness")).v("display_order", 5).write(t, u);
        def(out, 86, "heard_about", "How did you hear about us?", "CLIENT", "Registration", "Combo Box", "PICKLIST").v("allow_free_text", true)
                .json("picklist_options", List.of("Google", "Friend", "GP", "Facebook")).v("display_order", 6).write(t, u);
        def(out, 87, "goals", "Treatment goals", "CONDITION", "Condition Intake", "Text Entry", "TEXT").v("max_length", 500).v("display_order", 7).write(t, u);
        def(out, 88, "arrival_time", "Arrival time", "APPOINTMENT", null, "Date Time Picker", "DATE").v("includes_time", true).v("display_order", 8).write(t, u);
        def(out, 89, "gym_member", "Gym member (old form)", "CLIENT", "Registration 2015", "Check Box", "BOOLEAN").v("is_active", false).v("display_order", 9).write(t, u);
        def(out, 90, "languages", "Languages spoken", "PRACTITIONER", "Staff Profile", "Check Box Group", "PICKLIST").v("is_multi_select", true)
                .json("picklist_options", List.of("English", "te reo Māori", "Samoan", "Mandarin")).v("display_order", 10).write(t, u);

        ok(out, 60001, 81, "CLIENT", 1001, "6").v("value_number", new BigDecimal("6")).write(t(1), t(1));
        invalid(out, 60002, 81, "CLIENT", 1008, "N/A");
        invalid(out, 60003, 81, "CLIENT", 1009, "1,5");
        ok(out, 60004, 82, "CLIENT", 1001, "20/01/2024").v("value_date", "2024-01-20").write(t(4), t(4));
        invalid(out, 60005, 82, "CLIENT", 1010, "12/05/2021");
        invalid(out, 60006, 82, "CLIENT", 1012, "May 2021");
        ok(out, 60007, 83, "CLIENT", 1001, "Y").v("value_boolean", true).write(t(7), t(7));
        invalid(out, 60008, 83, "CLIENT", 1013, "yes");
        invalid(out, 60009, 83, "CLIENT", 1019, "ticked");
        ok(out, 60010, 84, "CLIENT", 1001, "SMS").json("value_options", List.of("SMS")).write(t(10), t(10));
        invalid(out, 60011, 84, "CLIENT", 1020, "Fax");
        ok(out, 60012, 85, "CONDITION", 4001, "Pain|Swelling").json("value_options", List.of("Pain", "Swelling")).write(t(12), t(12));
        invalid(out, 60013, 85, "CONDITION", 4003, "Pain|Pins and needles");
        ok(out, 60014, 86, "CLIENT", 1002, "Instagram").v("value_text", "Instagram").write(t(14), t(14));
        ok(out, 60015, 87, "CONDITION", 4001, "Return to netball, \"pain-free\"").v("value_text", "Return to netball, \"pain-free\"").write(t(15), t(15));
        ok(out, 60016, 88, "APPOINTMENT", 10001, "12/02/2024 09:55").v("value_date", "2024-02-12T09:55:00+13:00").write(t(16), t(16));
        out.fieldValues.row().v("value_id", 60017).v("custom_field_id", 81).v("entity_type", "CLIENT").v("entity_id", 1027)
                .v("form_entry_id", 60017).v("recorded_at", t(17)).v("value_raw", "  ").v("parse_status", "EMPTY").write(t(17), t(17));
        ok(out, 60018, 81, "CLIENT", AnchorClients.DELETED_CLIENT, "4").v("value_number", new BigDecimal("4")).write(t(18), t(18));
        out.warnings.orphan("custom_field_values.csv", 60018, "entity_id", AnchorClients.DELETED_CLIENT, "clients.csv");
        ok(out, 60019, 90, "PRACTITIONER", 11, "English|te reo Māori").json("value_options", List.of("English", "te reo Māori")).write(t(19), t(19));
        ok(out, 60020, 89, "CLIENT", 1014, "Y").v("value_boolean", true).write(t(20), t(20));
    }

    private static Instant t(int n) {
        return SampleTime.nz(2024, 2, 12, 9, 0).plusSeconds(n * 3600L);
    }

    private static CsvFileWriter.Row def(PackageWriter out, long id, String key, String label, String appliesTo, String form,
            String sourceType, String dataType) {
        return out.fieldDefinitions.row().v("custom_field_id", id).v("field_key", key).v("label", label)
                .v("applies_to", appliesTo).v("form_name", form).v("source_field_type", sourceType).v("data_type", dataType)
                .v("is_multi_select", false).v("allow_free_text", false).v("includes_time", false)
                .v("is_required", false).v("is_active", true);
    }

    static CsvFileWriter.Row ok(PackageWriter out, long id, long field, String entity, long entityId, String raw) {
        return out.fieldValues.row().v("value_id", id).v("custom_field_id", field).v("entity_type", entity)
                .v("entity_id", entityId).v("form_entry_id", id).v("recorded_at", t((int) (id % 100)))
                .v("value_raw", raw).v("parse_status", "OK");
    }

    private static void invalid(PackageWriter out, long id, long field, String entity, long entityId, String raw) {
        out.fieldValues.row().v("value_id", id).v("custom_field_id", field).v("entity_type", entity)
                .v("entity_id", entityId).v("form_entry_id", id).v("recorded_at", t((int) (id % 100)))
                .v("value_raw", raw).v("parse_status", "INVALID").write(t((int) (id % 100)), t((int) (id % 100)));
    }
}
