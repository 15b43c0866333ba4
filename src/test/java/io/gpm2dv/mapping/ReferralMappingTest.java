package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.SourceRow;
import io.gpm2dv.testing.ExportFixture;

/** Conditions, client referrals and the appointment's condition, mapped from the bundled sample's rows. */
class ReferralMappingTest {
    static final MappingSpec SPEC = MappingSpec.defaultMap();
    static ExportIndex index;
    static MappingContext ctx;

    @BeforeAll
    static void openSample() throws Exception {
        index = ExportIndex.build(ExportPackage.open(ExportFixture.BUNDLED));
        ctx = HazardHandlingTest.context(index, Long.MAX_VALUE);
    }

    static Map<String, String> row(GpmFile file, long id) {
        SourceRow r = HazardHandlingTest.rows(index, file).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
        return new HashMap<>(r.values());
    }

    static MappingResult map(String object, GpmFile file, Map<String, String> values) {
        return new RecordMapper(ctx).map(SPEC.get(object), new SourceRow(file, 2, values), "run-1", 1);
    }

    static String bind(TargetRecord r, String navigation) {
        return r.attributes.path(navigation + "@odata.bind").asText(null);
    }

    static String path(String set, String key) {
        return "/" + set + "(" + ctx.ids().idFor(key) + ")";
    }

    @Test
    void aReferralCarriesItsClientReferrerAccountConditionAndTheClientsOwner() {
        MappingResult result = map("referrals", GpmFile.CLIENT_REFERRALS, row(GpmFile.CLIENT_REFERRALS, 3002));
        TargetRecord r = result.records().get(0);
        assertEquals("new_clientreferral", r.table);
        assertEquals(ctx.ids().idFor("referral-3002"), r.id);
        assertEquals("referral-3002", r.attributes.get("new_gensolveid").asText());
        assertEquals("Tāne Kūmara-Ōtaki ← Harbour Orthopaedics", r.attributes.get("new_name").asText());
        assertEquals(path("contacts", "client-1001"), bind(r, "new_clientid"));
        assertEquals(path("contacts", "referrer-702"), bind(r, "new_referrerid"));
        assertEquals(path("accounts", "organisation-505"), bind(r, "new_referringaccountid"));
        assertEquals(path("new_conditions", "condition-4001"), bind(r, "new_conditionid"));
        assertEquals(List.of("client-1001", "referrer-702", "organisation-505", "condition-4001"),
                r.parents.stream().map(TargetRecord.ParentRef::key).toList(), "each lookup waits for its parent");
        assertEquals(100_000_000, r.attributes.get("new_linktype").asInt(), "REFERRAL");
        assertEquals("2024-02-08", r.attributes.get("new_referraldate").asText());
        assertEquals("2024-08-08", r.attributes.get("new_validto").asText());
        assertEquals(6, r.attributes.get("new_approvedvisits").asInt());
        assertEquals("Post-op ACL rehab, \"weight-bearing as tolerated\"", r.attributes.get("new_reason").asText());
        assertEquals("document-7001", r.attributes.get("new_gensolvedocumentid").asText(), "the letter by its key");
        assertEquals(TargetRecord.OwnerRule.PRACTITIONER, r.ownerRule);
        assertEquals(11L, r.ownerPractitionerId, "the client's owner: client 1001's default practitioner");
        assertEquals("2024-02-07T22:00:00Z", r.createOnly.get("overriddencreatedon").asText());
        assertTrue(result.findings().isEmpty());
        assertEquals(1, result.records().size(), "nothing unmapped");
    }

    @Test
    void h15_aReferralToADeletedReferrerIsWrittenWithoutThatLookupAndReported() {
        MappingResult result = map("referrals", GpmFile.CLIENT_REFERRALS, row(GpmFile.CLIENT_REFERRALS, 3003));
        TargetRecord r = result.records().get(0);
        assertFalse(r.attributes.has("new_referrerid@odata.bind"));
        assertEquals(path("contacts", "client-1031"), bind(r, "new_clientid"), "the other lookups stay");
        assertEquals(List.of("client-1031"), r.parents.stream().map(TargetRecord.ParentRef::key).toList(),
                "nothing waits for a parent that will never come");
        assertEquals(List.of(new Finding("referral-3003", "new_referrerid → referrer-799", Finding.ORPHAN_REFERENCE)),
                result.findings());
        assertEquals("Noah Campbell ← Unknown referrer (GPM 799)", r.attributes.get("new_name").asText());
    }

    @Test
    void h01_aReferralOfAMergedAwayClientGoesToTheSurvivorWithTheSurvivorsOwner() {
        TargetRecord r = map("referrals", GpmFile.CLIENT_REFERRALS, row(GpmFile.CLIENT_REFERRALS, 3010)).records().get(0);
        assertEquals(path("contacts", "client-1004"), bind(r, "new_clientid"));
        assertEquals(13L, r.ownerPractitionerId, "client 1004's default practitioner, not 1003's");
        assertEquals("John Smith ← Dr Anna Petersen", r.attributes.get("new_name").asText());
        assertEquals(100_000_001, r.attributes.get("new_linktype").asInt(), "USUAL_GP");
    }

    @Test
    void aReferralFromAnOrganisationOnlyIsNamedAfterIt() {
        TargetRecord r = map("referrals", GpmFile.CLIENT_REFERRALS, row(GpmFile.CLIENT_REFERRALS, 3004)).records().get(0);
        assertEquals("Hēmi Te Whatu ← Ponsonby Medical Centre", r.attributes.get("new_name").asText());
        assertFalse(r.attributes.has("new_referrerid@odata.bind"));
        assertEquals(path("accounts", "organisation-506"), bind(r, "new_referringaccountid"));
    }

    @Test
    void h15_anOrphanLetterOrConditionIsLeftOutAndReported() {
        Map<String, String> v = row(GpmFile.CLIENT_REFERRALS, 3002);
        v.put("document_id", "99999");
        v.put("condition_id", "98765");
        MappingResult result = map("referrals", GpmFile.CLIENT_REFERRALS, v);
        TargetRecord r = result.records().get(0);
        assertTrue(r.attributes.get("new_gensolvedocumentid").isNull());
        assertFalse(r.attributes.has("new_conditionid@odata.bind"));
        assertEquals(List.of(new Finding("referral-3002", "new_conditionid → condition-98765", Finding.ORPHAN_REFERENCE),
                new Finding("referral-3002", "new_gensolvedocumentid → document-99999", Finding.ORPHAN_REFERENCE)),
                result.findings());
    }

    @Test
    void aConditionCarriesItsClientEmployerCodesDatesSiteAndPractitionerOwner() {
        MappingResult result = map("conditions", GpmFile.CONDITIONS, row(GpmFile.CONDITIONS, 4001));
        TargetRecord r = result.records().get(0);
        assertEquals("new_condition", r.table);
        assertEquals(ctx.ids().idFor("condition-4001"), r.id);
        assertEquals("condition-4001", r.attributes.get("new_gensolveid").asText());
        assertEquals("Left knee ACL reconstruction rehab", r.attributes.get("new_name").asText());
        assertEquals(path("contacts", "client-1001"), bind(r, "new_clientid"));
        assertEquals(path("accounts", "organisation-501"), bind(r, "new_employerid"));
        assertFalse(r.attributes.has("new_insurerid@odata.bind"), "ACC: no insurer");
        assertEquals(100_000_000, r.attributes.get("new_claimtype").asInt(), "ACC");
        assertEquals(100_000_003, r.attributes.get("new_acc45status").asInt(), "RECEIPTED");
        assertEquals(100_000_000, r.attributes.get("new_conditionstatus").asInt(), "OPEN");
        assertEquals("HB00123", r.attributes.get("new_accclaimnumber").asText());
        assertEquals("2024-01-20", r.attributes.get("new_injurydate").asText());
        assertEquals("2024-02-12", r.attributes.get("new_openeddate").asText());
        assertTrue(r.attributes.get("new_dischargeddate").isNull());
        assertEquals("S83.5", r.attributes.get("new_diagnosiscode").asText());
        assertEquals(12, r.attributes.get("new_approvedvisits").asInt());
        assertEquals("Harbourside Central", r.attributes.get("new_location").asText());
        assertEquals(11L, r.ownerPractitionerId);
        assertTrue(result.findings().isEmpty());
    }

    @Test
    void h15_aConditionsInsurerNotInTheExportIsLeftOutAndReported() {
        TargetRecord insured = map("conditions", GpmFile.CONDITIONS, row(GpmFile.CONDITIONS, 4003)).records().get(0);
        assertEquals(path("accounts", "organisation-503"), bind(insured, "new_insurerid"));
        assertEquals(100_000_001, insured.attributes.get("new_conditionstatus").asInt(), "DISCHARGED");
        assertEquals("2023-06-30", insured.attributes.get("new_dischargeddate").asText());

        Map<String, String> v = row(GpmFile.CONDITIONS, 4003);
        v.put("insurer_organisation_id", "598");
        MappingResult orphan = map("conditions", GpmFile.CONDITIONS, v);
        assertFalse(orphan.records().get(0).attributes.has("new_insurerid@odata.bind"));
        assertEquals(List.of(new Finding("condition-4003", "new_insurerid → organisation-598", Finding.ORPHAN_REFERENCE)),
                orphan.findings().stream().filter(f -> f.code().equals(Finding.ORPHAN_REFERENCE)).toList(),
                "the orphan insurer is the only orphan (the row's custom values have findings of their own)");
    }

    @Test
    void anAppointmentCarriesItsCondition() {
        TargetRecord r = map("appointments", GpmFile.APPOINTMENTS, row(GpmFile.APPOINTMENTS, 10001)).records().get(0);
        assertEquals(path("new_conditions", "condition-4001"), bind(r, "new_conditionid"));
        assertTrue(r.parents.stream().anyMatch(p -> p.key().equals("condition-4001")), "it waits for its condition");
    }
}
