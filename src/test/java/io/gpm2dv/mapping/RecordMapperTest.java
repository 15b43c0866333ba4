package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.SourceRow;

/** The default map applied to single rows, without Kafka or Dataverse. */
class RecordMapperTest {
    // the export format's own code lists (§7), as the product reads them
    static final java.util.function.Function<String, List<String>> CODES = io.gpm2dv.source.CodeLists::get;

    final ExportIndex index = ExportIndex.of(
            Map.of(1L, new ExportIndex.Site(1, "Harbourside Central", "NZ", "Pacific/Auckland"),
                    3L, new ExportIndex.Site(3, "Brisbane", "AU", "Australia/Brisbane")),
            Map.of(),
            Map.of(GpmFile.CLIENT_ORGANISATIONS, new long[] {501, 503}));
    final MappingContext ctx = new MappingContext(index, new RecordIds("Harbourside Physiotherapy Ltd"), "NZ", CODES);
    final RecordMapper mapper = new RecordMapper(ctx);
    final MappingSpec spec = MappingSpec.defaultMap();

    static Map<String, String> client(long id) {
        Map<String, String> v = new HashMap<>();
        v.put("client_id", Long.toString(id));
        v.put("first_name", "Tāne");
        v.put("last_name", "Kūmara-Ōtaki");
        v.put("date_of_birth", "1990-04-05");
        v.put("gender", "MALE");
        v.put("status", "ACTIVE");
        v.put("is_archived", "N");
        v.put("has_health_issue", "N");
        v.put("sms_opt_out", "N");
        v.put("email_opt_out", "Y");
        v.put("default_practitioner_id", "11");
        v.put("default_site_id", "1");
        v.put("created_at", "2019-03-01T09:30:00+13:00");
        v.put("updated_at", "2024-01-01T09:30:00+13:00");
        return v;
    }

    MappingResult map(String object, GpmFile file, Map<String, String> values) {
        return mapper.map(spec.get(object), new SourceRow(file, 7, values), "run-1", 3);
    }

    @Test
    void aClientBecomesAContactUnderItsDeterministicId() {
        TargetRecord r = map("clients", GpmFile.CLIENTS, client(1001)).records().get(0);
        assertEquals("contact", r.table);
        assertEquals(ctx.ids().idFor("client-1001"), r.id);
        assertEquals("client-1001", r.attributes.get("new_gensolveid").asText());
        assertEquals("Tāne", r.attributes.get("firstname").asText());
        assertEquals("Kūmara-Ōtaki", r.attributes.get("lastname").asText());
        assertEquals("1990-04-05", r.attributes.get("birthdate").asText(), "a DOB is never shifted");
        assertEquals(1, r.attributes.get("gendercode").asInt());
        assertEquals(100_000_000, r.attributes.get("new_gender").asInt());
        assertEquals(100_000_000, r.attributes.get("new_referraltype").asInt(), "PATIENT");
        assertTrue(r.attributes.get("donotemail").asBoolean());
        assertEquals("Harbourside Central", r.attributes.get("new_location").asText());
        assertEquals("2019-02-28T20:30:00Z", r.createOnly.get("overriddencreatedon").asText(), "the same instant in UTC");
        assertEquals(TargetRecord.OwnerRule.PRACTITIONER, r.ownerRule);
        assertEquals(11L, r.ownerPractitionerId);
        assertEquals(new TargetRecord.StateChange(0, 1), r.state);
        assertEquals(1, map("clients", GpmFile.CLIENTS, client(1001)).records().size(), "nothing unmapped, no note");
    }

    @Test
    void h01_aMergedAwayClientIsSkipped() {
        Map<String, String> v = client(1003);
        v.put("merged_into_client_id", "1004");
        MappingResult result = map("clients", GpmFile.CLIENTS, v);
        assertTrue(result.isSkipped());
        assertEquals("merged into client-1004", result.skipReason());
    }

    @Test
    void theEmployerIsBoundByItsDeterministicIdAndAnOrphanIsDropped() {
        Map<String, String> v = client(1001);
        v.put("employer_organisation_id", "501");
        TargetRecord r = map("clients", GpmFile.CLIENTS, v).records().get(0);
        assertEquals("/accounts(" + ctx.ids().idFor("organisation-501") + ")",
                r.attributes.get("parentcustomerid_account@odata.bind").asText());
        assertEquals("organisation-501", r.parents.get(0).key());

        v.put("employer_organisation_id", "999999");
        MappingResult orphan = map("clients", GpmFile.CLIENTS, v);
        assertFalse(orphan.records().get(0).attributes.has("parentcustomerid_account@odata.bind"));
        assertTrue(orphan.records().get(0).parents.isEmpty());
        assertEquals(Finding.ORPHAN_REFERENCE, orphan.findings().get(0).code());
    }

    @Test
    void h03_anInvalidEmailStaysOutOfTheColumnAndIsKeptInTheUnmappedNote() {
        Map<String, String> v = client(1009);
        v.put("email", "jo@gmail");
        MappingResult result = map("clients", GpmFile.CLIENTS, v);
        assertTrue(result.records().get(0).attributes.get("emailaddress1").isNull());
        TargetRecord note = result.records().get(1);
        assertEquals("client-1009-unmapped", note.key);
        assertEquals("annotation", note.table);
        assertTrue(note.attributes.get("notetext").asText().contains("jo@gmail"));
        assertEquals(result.records().get(0).bindPath(), note.attributes.get("objectid_contact@odata.bind").asText());
        assertEquals(RecordMapper.UNMAPPED_OBJECT, note.object);
        assertEquals(Finding.INVALID_EMAIL, result.findings().get(0).code());
    }

    @Test
    void aNameLongerThanTheColumnIsFittedWithEllipsisAndKeptWholeInTheNote() {
        Map<String, String> v = client(1011);
        String longName = "Te Whatu-Ngārimu-Pōmare-Kāretu-Tūhoe-Waititi-Hēnare-Ōrākei";
        v.put("last_name", longName);
        MappingResult result = map("clients", GpmFile.CLIENTS, v);
        String fitted = result.records().get(0).attributes.get("lastname").asText();
        assertEquals(50, fitted.length());
        assertTrue(fitted.endsWith("…"));
        assertTrue(longName.startsWith(fitted.substring(0, 49)));
        assertTrue(result.records().get(1).attributes.get("notetext").asText().contains(longName));
    }

    @Test
    void h04_phonesAreE164InTheCountryOfTheClientsSite() {
        Map<String, String> v = client(1018);
        v.put("home_phone", "(09) 555-1234");
        v.put("mobile_phone", "(09) 555-1234");
        v.put("work_phone", "ph after 5pm 021");
        MappingResult result = map("clients", GpmFile.CLIENTS, v);
        TargetRecord r = result.records().get(0);
        assertEquals("+6495551234", r.attributes.get("telephone2").asText());
        assertTrue(r.attributes.get("mobilephone").isNull(), "a landline is not a mobile");
        assertTrue(r.attributes.get("telephone1").isNull());
        assertEquals(2, result.findings().size());
    }

    @Test
    void anArchivedOrNonActiveClientIsInactive() {
        Map<String, String> v = client(1014);
        v.put("is_archived", "Y");
        assertEquals(new TargetRecord.StateChange(1, 2), map("clients", GpmFile.CLIENTS, v).records().get(0).state);
    }

    @Test
    void aReferrerWithoutLastNameTakesItsDisplayName() {
        Map<String, String> v = new HashMap<>();
        v.put("referrer_id", "702");
        v.put("referrer_type", "SPECIALIST");
        v.put("display_name", "Harbour Orthopaedics");
        v.put("organisation_id", "505");
        v.put("is_active", "Y");
        v.put("created_at", "2020-01-01T00:00:00+13:00");
        TargetRecord r = map("referrers", GpmFile.REFERRERS, v).records().get(0);
        assertEquals("Harbour Orthopaedics", r.attributes.get("lastname").asText());
        assertEquals(100_000_002, r.attributes.get("new_referraltype").asInt(), "SPECIALIST follows PATIENT and GP");
        assertEquals(TargetRecord.OwnerRule.FALLBACK, r.ownerRule);
        assertFalse(r.attributes.has("parentcustomerid_account@odata.bind"), "505 is not in this index: orphan");
    }

    @Test
    void aPractitionerBecomesAnUpdateOfItsMatchedUser() {
        Map<String, String> v = new HashMap<>();
        v.put("practitioner_id", "11");
        v.put("practitioner_type", "PHYSIOTHERAPIST");
        v.put("acc_provider_numbers", "[\"AB12\",\"CD34\"]");
        v.put("created_at", "2020-01-01T00:00:00+13:00");
        MappingResult result = new RecordMapper(new MappingContext(index, ctx.ids(), "NZ",
                name -> name.equals("PRACTITIONER_TYPE") ? List.of("PHYSIOTHERAPIST") : CODES.apply(name)))
                .map(spec.get("practitioners"), new SourceRow(GpmFile.PRACTITIONERS, 1, v), "run-1", 3);
        TargetRecord r = result.records().get(0);
        assertTrue(r.updateOnly);
        assertNull(r.id, "the matched user's id is set by owner resolution");
        assertEquals(11L, r.matchPractitionerId);
        assertEquals("AB12, CD34", r.attributes.get("new_accprovidernumbers").asText());
    }
}
