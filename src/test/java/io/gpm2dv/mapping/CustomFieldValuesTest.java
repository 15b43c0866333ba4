package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.CustomFields;
import io.gpm2dv.source.CustomFields.Definition;
import io.gpm2dv.source.CustomFields.Value;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.SourceRow;

/** Custom form field values on their columns (target-mapping §2), and the ones that do not fit kept in the note (H14). */
class CustomFieldValuesTest {
    static final Definition PAIN = def(81, "pain_score", "CLIENT", "NUMBER", false, false, false, List.of(), null, 1);
    static final Definition INJURY = def(82, "injury_date", "CLIENT", "DATE", false, false, false, List.of(), null, null);
    static final Definition CONSENT = def(83, "consent_signed", "CLIENT", "BOOLEAN", false, false, false, List.of(), null, null);
    static final Definition CONTACT = def(84, "preferred_contact", "CLIENT", "PICKLIST", false, false, false,
            List.of("Phone", "Email", "SMS"), null, null);
    static final Definition HEARD = def(86, "heard_about", "CLIENT", "PICKLIST", false, true, false,
            List.of("Google", "Friend", "GP", "Facebook"), null, null);
    static final Definition ARRIVAL = def(88, "arrival_time", "APPOINTMENT", "DATE", false, false, true, List.of(), null, null);
    static final Definition LANGUAGES = def(90, "languages", "PRACTITIONER", "PICKLIST", true, false, false,
            List.of("English", "te reo Māori", "Samoan", "Mandarin"), null, null);
    static final Definition GOALS = def(87, "goals", "CLIENT", "TEXT", false, false, false, List.of(), 10, null);

    static Definition def(long id, String key, String appliesTo, String type, boolean multi, boolean freeText,
            boolean time, List<String> options, Integer maxLength, Integer places) {
        return new Definition(id, key, key.replace('_', ' '), appliesTo, null, type, multi, freeText, time, options,
                maxLength, places, (int) id, true);
    }

    static Value value(long id, Definition d, long entityId, String recordedAt, String raw, String status, String text,
            String number, String date, Boolean bool, List<String> options) {
        return new Value(id, d.id(), d.appliesTo(), entityId, id, recordedAt == null ? null : OffsetDateTime.parse(recordedAt),
                raw, status, text, number == null ? null : new BigDecimal(number), date, bool, options);
    }

    static Value ok(long id, Definition d, long entityId, String raw) {
        return switch (d.dataType()) {
            case "NUMBER" -> value(id, d, entityId, null, raw, "OK", null, raw, null, null, null);
            case "DATE" -> value(id, d, entityId, null, raw, "OK", null, null, raw, null, null);
            case "BOOLEAN" -> value(id, d, entityId, null, raw, "OK", null, null, null, raw.equals("Y"), null);
            case "PICKLIST" -> value(id, d, entityId, null, raw, "OK", null, null, null, null, List.of(raw.split("\\|")));
            default -> value(id, d, entityId, null, raw, "OK", raw, null, null, null, null);
        };
    }

    @Test
    void everyTypeBecomesItsColumnValue() {
        assertEquals(new BigDecimal("6.0"), CustomFieldValues.convert(PAIN, ok(1, PAIN, 1001, "6.000000")).value().decimalValue());
        assertEquals("2024-01-20", CustomFieldValues.convert(INJURY, ok(2, INJURY, 1001, "2024-01-20")).value().asText());
        assertTrue(CustomFieldValues.convert(CONSENT, ok(3, CONSENT, 1001, "Y")).value().asBoolean());
        assertFalse(CustomFieldValues.convert(CONSENT, ok(3, CONSENT, 1001, "N")).value().asBoolean());
        assertEquals(100_000_002, CustomFieldValues.convert(CONTACT, ok(4, CONTACT, 1001, "SMS")).value().asInt(), "SMS is the third option");
        assertEquals("100000000,100000001", CustomFieldValues.convert(LANGUAGES, ok(5, LANGUAGES, 11, "English|te reo Māori"))
                .value().asText(), "Choices: the option values joined by commas");
        assertEquals("2024-02-11T20:55:00Z", CustomFieldValues.convert(ARRIVAL, ok(6, ARRIVAL, 10001, "2024-02-12T09:55:00+13:00"))
                .value().asText(), "a date with time is the same instant in UTC");
        assertEquals("Netball", CustomFieldValues.convert(GOALS, ok(7, GOALS, 1001, "Netball")).value().asText());
    }

    @Test
    void h14_valuesThatDoNotFitAreNotGuessed() {
        assertEquals(CustomFieldValues.CF_INVALID, CustomFieldValues.convert(CONSENT,
                value(8, CONSENT, 1019, null, "ticked", "INVALID", null, null, null, null, null)).code());
        assertEquals(CustomFieldValues.CF_NOT_AN_OPTION, CustomFieldValues.convert(CONTACT, ok(9, CONTACT, 1020, "Fax")).code(),
                "a picklist label that is not among the options");
        assertEquals(CustomFieldValues.CF_NOT_AN_OPTION, CustomFieldValues.convert(LANGUAGES,
                ok(10, LANGUAGES, 11, "English|Klingon")).code(), "one unknown label keeps the whole answer out");
        assertEquals(CustomFieldValues.CF_NOT_AN_OPTION, CustomFieldValues.convert(CONTACT,
                value(11, CONTACT, 1020, null, "Pigeon", "OK", "Pigeon", null, null, null, null)).code(),
                "a free-text answer on a list without free text");
        assertEquals(CustomFieldValues.CF_FREE_TEXT, CustomFieldValues.convert(HEARD,
                value(12, HEARD, 1002, null, "Instagram", "OK", "Instagram", null, null, null, null)).code(),
                "a Combo Box answer typed in: no option holds it");
        assertEquals(CustomFieldValues.CF_TOO_LONG, CustomFieldValues.convert(GOALS, ok(13, GOALS, 1001, "Return to netball")).code());
        assertEquals(CustomFieldValues.CF_OUT_OF_RANGE, CustomFieldValues.convert(PAIN, ok(14, PAIN, 1001, "6.250000")).code(),
                "more decimals than the column keeps is not rounded away");
    }

    final ExportIndex index = ExportIndex.of(Map.of(1L, new ExportIndex.Site(1, "Harbourside Central", "NZ", "Pacific/Auckland")),
            Map.of(), Map.of());
    final MappingSpec spec = MappingSpec.defaultMap();

    MappingResult mapClient(List<Value> values) {
        index.withCustomFields(new CustomFields(List.of(PAIN, CONTACT, CONSENT, INJURY), values));
        RecordMapper mapper = new RecordMapper(new MappingContext(index, new RecordIds("Harbourside"), "NZ",
                io.gpm2dv.source.CodeLists::get));
        return mapper.map(spec.get("clients"), new SourceRow(GpmFile.CLIENTS, 7, RecordMapperTest.client(1001)), "run-1", 1);
    }

    @Test
    void valuesLandOnTheirRecordAndWhatDoesNotFitGoesToItsNote() {
        MappingResult r = mapClient(List.of(ok(1, CONTACT, 1001, "SMS"), ok(2, INJURY, 1001, "2024-01-20"),
                value(3, CONSENT, 1001, null, "ticked", "INVALID", null, null, null, null, null)));
        TargetRecord contact = r.records().get(0);
        assertEquals(100_000_002, contact.attributes.get("new_cf_preferred_contact").asInt());
        assertEquals("2024-01-20", contact.attributes.get("new_cf_injury_date").asText());
        assertFalse(contact.attributes.has("new_cf_consent_signed") && !contact.attributes.get("new_cf_consent_signed").isNull(),
                "an invalid value leaves the column empty");
        TargetRecord note = r.records().get(1);
        assertEquals("client-1001-unmapped", note.key);
        assertTrue(note.attributes.get("notetext").asText().contains("consent_signed"));
        assertTrue(note.attributes.get("notetext").asText().contains("ticked"), "the raw text is kept");
        assertTrue(r.findings().contains(new Finding("client-1001", "new_cf_consent_signed", CustomFieldValues.CF_INVALID)));
    }

    @Test
    void ofSeveralFormEntriesTheLatestWinsAndTheEarlierIsKeptInTheNote() {
        MappingResult r = mapClient(List.of(
                value(20, PAIN, 1001, "2024-03-01T10:00:00+13:00", "7", "OK", null, "7.000000", null, null, null),
                value(21, PAIN, 1001, "2024-01-01T10:00:00+13:00", "3", "OK", null, "3.000000", null, null, null)));
        assertEquals(new BigDecimal("7.0"), r.records().get(0).attributes.get("new_cf_pain_score").decimalValue());
        String note = r.records().get(1).attributes.get("notetext").asText();
        assertTrue(note.contains("pain_score") && note.contains("earlier form entry") && note.contains(": 3"), note);
    }

    @Test
    void aRecordWithoutValuesGetsNoCustomColumns() {
        MappingResult r = mapClient(List.of(ok(1, CONTACT, 1002, "SMS")));
        assertNull(r.records().get(0).attributes.get("new_cf_preferred_contact"));
        assertEquals(1, r.records().size());
    }
}
