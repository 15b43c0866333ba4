package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 6–28 (single-record create, retrieve, upsert, keys, binds, state, migration columns, owners). */
class SingleRecordTest extends EmulatorTestBase {

    private UUID account(String name, String key) {
        return EmulatorHttp.idOf(http.post("accounts", "{\"name\":\"" + name + "\",\"new_gensolveid\":\"" + key + "\"}"));
    }

    @Test
    void line06_createReturns204WithODataEntityId() {
        EmulatorHttp.Reply r = http.post("contacts", "{\"firstname\":\"Ada\",\"lastname\":\"Lovelace\"}");
        assertEquals(204, r.status());
        assertTrue(r.header("OData-EntityId").matches(emulator.baseUrl() + "/api/data/v9.2/contacts\\([0-9a-f-]{36}\\)"));
        assertTrue(r.body().isEmpty());
    }

    @Test
    void line07_createWithRepresentationReturns201ContextEtagAndKey() {
        EmulatorHttp.Reply r = http.post("contacts?$select=fullname", "{\"firstname\":\"Ada\",\"lastname\":\"Lovelace\"}",
                "Prefer", "return=representation");
        assertEquals(201, r.status());
        assertEquals("return=representation", r.header("Preference-Applied"));
        JsonNode b = r.json();
        assertEquals(emulator.baseUrl() + "/api/data/v9.2/$metadata#contacts(fullname)/$entity", b.path("@odata.context").asText());
        assertTrue(b.path("@odata.etag").asText().matches("W/\"\\d+\""));
        assertEquals("Ada Lovelace", b.path("fullname").asText());
        assertTrue(KeyRef.guid(b.path("contactid").asText()).isPresent());
        assertNull(r.header("OData-EntityId"));
    }

    @Test
    void line08_clientSuppliedPrimaryKeyIsUsedAndRepeating412() {
        String id = "6f1c2a3b-0000-4000-8000-000000000001";
        EmulatorHttp.Reply r = http.post("contacts", "{\"contactid\":\"" + id + "\",\"lastname\":\"A\"}");
        assertEquals(id, EmulatorHttp.idOf(r).toString());
        EmulatorHttp.Reply again = http.post("contacts", "{\"contactid\":\"" + id + "\",\"lastname\":\"B\"}");
        assertEquals(412, again.status());
        assertEquals("0x80040237", again.errorCode());
        assertEquals("A", http.get("contacts(" + id + ")?$select=lastname").json().path("lastname").asText());
    }

    @Test
    void line09_unknownPropertyIs400OnPostAndPatch() {
        EmulatorHttp.Reply r = http.post("contacts", "{\"lastname\":\"A\",\"new_nosuch\":\"x\"}");
        assertEquals(400, r.status());
        assertTrue(r.errorMessage().contains(
                "The property 'new_nosuch' does not exist on type 'Microsoft.Dynamics.CRM.contact'"), r.body());
        UUID id = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        assertEquals(400, http.patch("contacts(" + id + ")", "{\"telephone9\":\"1\"}").status());
        // a lookup written by its read name is not a property either
        assertEquals(400, http.post("contacts", "{\"_parentcustomerid_value\":\"" + id + "\"}").status());
    }

    @Test
    void line09_annotationsAcceptNoCustomColumns() {
        EmulatorHttp.Reply r = http.post("annotations", "{\"subject\":\"s\",\"new_gensolveid\":\"note-1\"}");
        assertEquals(400, r.status());
        assertTrue(r.errorMessage().contains("'new_gensolveid' does not exist on type 'Microsoft.Dynamics.CRM.annotation'"));
    }

    @Test
    void line10_stringOverMaxLengthIs400WithExactMessage() {
        EmulatorHttp.Reply r = http.post("contacts", "{\"lastname\":\"" + "x".repeat(51) + "\"}");
        assertEquals(400, r.status());
        assertEquals("0x80044331", r.errorCode());
        assertEquals("A validation error occurred.  The length of the 'lastname' attribute of the 'contact' entity "
                + "exceeded the maximum allowed length of '50'.", r.errorMessage());
        assertEquals(204, http.post("contacts", "{\"lastname\":\"" + "ā".repeat(50) + "\"}").status());
        assertEquals(400, http.post("contacts", "{\"new_nhinumber\":\"ABC12345\"}").status());
    }

    @Test
    void line11_undefinedChoiceValueIs400() {
        EmulatorHttp.Reply r = http.post("contacts", "{\"lastname\":\"A\",\"gendercode\":3}");
        assertEquals(400, r.status());
        assertEquals("0x8004431A", r.errorCode());
        assertEquals(400, http.post("contacts", "{\"new_gender\":100000004}").status());
        assertEquals(204, http.post("contacts", "{\"new_gender\":100000003,\"new_referraltype\":100000006}").status());
    }

    @Test
    void line12_bindToMissingRecordFailsWithObjectDoesNotExist_404Assumed() {
        UUID missing = UUID.randomUUID();
        EmulatorHttp.Reply r = http.post("contacts",
                "{\"lastname\":\"A\",\"parentcustomerid_account@odata.bind\":\"/accounts(" + missing + ")\"}");
        assertEquals(404, r.status()); // status unverified for binds; the spec assumes 404
        assertEquals("0x80040217", r.errorCode());
        assertEquals("account With Id = " + missing + " Does Not Exist", r.errorMessage());
        assertEquals(0, http.get("contacts").json().path("value").size());
    }

    @Test
    void line13_bindAcceptsSlashSetGuidSetGuidAndAlternateKey() {
        UUID acc = account("Contoso", "organisation-1");
        for (String bind : new String[] {"/accounts(" + acc + ")", "accounts(" + acc + ")",
                "/accounts(new_gensolveid='organisation-1')", emulator.baseUrl() + "/api/data/v9.2/accounts(" + acc + ")"}) {
            EmulatorHttp.Reply r = http.post("contacts?$select=_parentcustomerid_value",
                    "{\"lastname\":\"A\",\"parentcustomerid_account@odata.bind\":\"" + bind + "\"}", "Prefer", "return=representation");
            assertEquals(201, r.status(), bind + " " + r.body());
            assertEquals(acc.toString(), r.json().path("_parentcustomerid_value").asText());
        }
        // the navigation property decides the target: parentcustomerid alone, or a contact set for the account nav, fail
        assertEquals(400, http.post("contacts", "{\"parentcustomerid@odata.bind\":\"/accounts(" + acc + ")\"}").status());
        assertEquals(400, http.post("contacts", "{\"parentcustomerid_account@odata.bind\":\"/contacts(" + acc + ")\"}").status());
    }

    @Test
    void line14_lookupsReadBackAsValueWithAnnotationsOnlyWhenAsked() {
        UUID acc = account("Contoso", "organisation-1");
        UUID c = EmulatorHttp.idOf(http.post("contacts",
                "{\"lastname\":\"A\",\"parentcustomerid_account@odata.bind\":\"/accounts(" + acc + ")\"}"));
        JsonNode plain = http.get("contacts(" + c + ")?$select=_parentcustomerid_value").json();
        assertEquals(acc.toString(), plain.path("_parentcustomerid_value").asText());
        assertFalse(plain.has("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"));
        JsonNode annotated = http.get("contacts(" + c + ")?$select=_parentcustomerid_value",
                "Prefer", "odata.include-annotations=\"*\"").json();
        assertEquals("account", annotated.path("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText());
        assertEquals("Contoso", annotated.path("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue").asText());
        assertEquals("parentcustomerid_account",
                annotated.path("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").asText());
    }

    @Test
    void line15_retrieveMissingIs404() {
        UUID id = UUID.randomUUID();
        EmulatorHttp.Reply r = http.get("contacts(" + id + ")");
        assertEquals(404, r.status());
        assertEquals("0x80040217", r.errorCode());
        assertEquals("contact With Id = " + id + " Does Not Exist", r.errorMessage());
        assertEquals(400, http.get("contacts(" + UUID.randomUUID() + ")?$select=nosuch").status());
    }

    @Test
    void line16_patchWithIfMatchStarOnMissingIs404AndCreatesNothing() {
        UUID id = UUID.randomUUID();
        EmulatorHttp.Reply r = http.patch("contacts(" + id + ")", "{\"lastname\":\"A\"}", "If-Match", "*");
        assertEquals(404, r.status());
        assertEquals("0x80040217", r.errorCode());
        assertEquals(404, http.get("contacts(" + id + ")").status());
    }

    @Test
    void line17_patchWithoutIfMatchOnMissingCreates204() {
        UUID id = UUID.randomUUID();
        EmulatorHttp.Reply r = http.patch("contacts(" + id + ")", "{\"lastname\":\"A\"}");
        assertEquals(204, r.status());
        assertEquals(emulator.baseUrl() + "/api/data/v9.2/contacts(" + id + ")", r.header("OData-EntityId"));
        assertEquals("A", http.get("contacts(" + id + ")").json().path("lastname").asText());
        assertEquals(204, http.patch("contacts(" + id + ")", "{\"lastname\":\"B\"}", "If-Match", "*").status());
        assertEquals("B", http.get("contacts(" + id + ")").json().path("lastname").asText());
    }

    @Test
    void line18_patchWithIfNoneMatchStarOnExistingIs412() {
        UUID id = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        EmulatorHttp.Reply r = http.patch("contacts(" + id + ")", "{\"lastname\":\"B\"}", "If-None-Match", "*");
        assertEquals(412, r.status());
        assertEquals("A record with matching key values already exists.", r.errorMessage());
        assertEquals(204, http.patch("contacts(" + UUID.randomUUID() + ")", "{\"lastname\":\"C\"}", "If-None-Match", "*").status());
    }

    @Test
    void line19_upsertWithRepresentationIs201OnCreateAnd200OnUpdate() {
        UUID id = UUID.randomUUID();
        EmulatorHttp.Reply created = http.patch("contacts(" + id + ")", "{\"lastname\":\"A\"}", "Prefer", "return=representation");
        assertEquals(201, created.status());
        assertTrue(created.header("ETag").startsWith("W/\""));
        EmulatorHttp.Reply updated = http.patch("contacts(" + id + ")", "{\"lastname\":\"B\"}", "Prefer", "return=representation");
        assertEquals(200, updated.status());
        assertEquals("B", updated.json().path("lastname").asText());
        assertTrue(!created.header("ETag").equals(updated.header("ETag")));
    }

    @Test
    void line20_patchByAlternateKeyResolvesAndUndefinedKeyIs400() {
        EmulatorHttp.Reply created = http.patch("contacts(new_gensolveid='client-1')", "{\"lastname\":\"A\"}");
        assertEquals(204, created.status());
        assertEquals(emulator.baseUrl() + "/api/data/v9.2/contacts(new_gensolveid='client-1')", created.header("OData-EntityId"));
        JsonNode row = http.get("contacts(new_gensolveid='CLIENT-1')?$select=lastname,new_gensolveid").json();
        assertEquals("client-1", row.path("new_gensolveid").asText()); // URL value copied in; collation case-insensitive
        assertEquals(204, http.patch("contacts(new_gensolveid='client-1')", "{\"lastname\":\"B\",\"new_gensolveid\":\"x\"}").status());
        assertEquals("B", http.get("contacts(new_gensolveid='client-1')").json().path("lastname").asText());
        EmulatorHttp.Reply bad = http.patch("contacts(emailaddress1='a@b.c')", "{\"lastname\":\"A\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.errorMessage().startsWith("The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.contact'"));
        assertEquals(404, http.patch("contacts(new_gensolveid='client-2')", "{\"lastname\":\"A\"}", "If-Match", "*").status());
    }

    @Test
    void line20_keyValuesWithForbiddenCharactersFailInKeyedUrls() {
        for (String bad : new String[] {"a/b", "a:b", "a%b", "a&b", "a*b", "a+b", "a?b", "a<b"}) {
            EmulatorHttp.Reply r = http.patch("contacts(new_gensolveid='" + EmulatorHttp.enc(bad) + "')", "{\"lastname\":\"A\"}");
            assertEquals(400, r.status(), bad);
        }
        assertEquals(0, http.get("contacts").json().path("value").size());
    }

    @Test
    void line21_alternateKeyDuplicateOnCreateIs412() {
        account("A", "organisation-1");
        EmulatorHttp.Reply r = http.post("accounts", "{\"name\":\"B\",\"new_gensolveid\":\"ORGANISATION-1\"}");
        assertEquals(412, r.status());
        assertEquals("0x80060892", r.errorCode());
        assertTrue(r.errorMessage().startsWith("Entity Key new_gensolveid_key violated."));
        UUID other = account("C", "organisation-2");
        assertEquals(412, http.patch("accounts(" + other + ")", "{\"new_gensolveid\":\"organisation-1\"}").status());
        // empty key values are not indexed
        assertEquals(204, http.post("accounts", "{\"name\":\"D\"}").status());
        assertEquals(204, http.post("accounts", "{\"name\":\"E\"}").status());
    }

    @Test
    void line24_deleteReturns204Then404() {
        UUID id = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        assertEquals(204, http.delete("contacts(" + id + ")").status());
        assertEquals(404, http.delete("contacts(" + id + ")").status());
    }

    @Test
    void line25_statecodeIgnoredOnCreateAppliedByPatchInvalidPair400_statusUnverified() {
        UUID id = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\",\"statecode\":1}"));
        JsonNode row = http.get("contacts(" + id + ")?$select=statecode,statuscode").json();
        assertEquals(0, row.path("statecode").asInt());
        assertEquals(1, row.path("statuscode").asInt());
        assertEquals(400, http.patch("contacts(" + id + ")", "{\"statecode\":1,\"statuscode\":1}").status());
        assertEquals(204, http.patch("contacts(" + id + ")", "{\"statecode\":1,\"statuscode\":2}", "If-Match", "*").status());
        row = http.get("contacts(" + id + ")?$select=statecode,statuscode").json();
        assertEquals(1, row.path("statecode").asInt());
        assertEquals(2, row.path("statuscode").asInt());
        assertEquals(400, http.patch("contacts(" + id + ")", "{\"statecode\":7}").status());
    }

    @Test
    void line26_overriddencreatedonBecomesCreatedonAndSystemDatesIgnored() {
        UUID id = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\",\"overriddencreatedon\":\"2019-05-02T10:00:00Z\","
                + "\"modifiedon\":\"2001-01-01T00:00:00Z\",\"createdby@odata.bind\":\"/systemusers(" + userId("jane.physio@harbourside.example") + ")\"}"));
        JsonNode row = http.get("contacts(" + id + ")?$select=createdon,modifiedon,overriddencreatedon,_createdby_value").json();
        assertEquals("2019-05-02T10:00:00Z", row.path("createdon").asText());
        assertFalse(row.path("modifiedon").asText().startsWith("2001"));
        assertFalse(row.path("overriddencreatedon").asText().startsWith("2019"));
        assertEquals(emulator.identity().applicationUserId().toString(), row.path("_createdby_value").asText());
        UUID plain = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"B\",\"createdon\":\"2001-01-01T00:00:00Z\"}"));
        assertFalse(http.get("contacts(" + plain + ")").json().path("createdon").asText().startsWith("2001"));
    }

    @Test
    void line28_ownerBindToDisabledUserFails() {
        EmulatorHttp.Reply r = http.post("contacts", "{\"lastname\":\"A\",\"ownerid@odata.bind\":\"/systemusers("
                + userId("old.locum@harbourside.example") + ")\"}");
        assertEquals(400, r.status()); // 400/403 unverified
        assertEquals("0x8004022b", r.errorCode());
        EmulatorHttp.Reply ok = http.post("contacts?$select=_ownerid_value,_owningbusinessunit_value", "{\"lastname\":\"A\",\"ownerid@odata.bind\":\"/systemusers("
                + userId("jane.physio@harbourside.example") + ")\"}", "Prefer", "return=representation");
        assertEquals(userId("jane.physio@harbourside.example"), ok.json().path("_ownerid_value").asText());
        assertEquals(emulator.identity().rootBusinessUnitId().toString(), ok.json().path("_owningbusinessunit_value").asText());
    }

    @Test
    void dateOnlyColumnsKeepTheCalendarDate() {
        UUID id = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\",\"birthdate\":\"1990-04-05\",\"new_dateofdeath\":\"2020-02-29\"}"));
        JsonNode row = http.get("contacts(" + id + ")?$select=birthdate,new_dateofdeath").json();
        assertEquals("1990-04-05", row.path("birthdate").asText());
        assertEquals("2020-02-29", row.path("new_dateofdeath").asText());
        // Edm.Date takes no time part
        assertEquals(400, http.post("contacts", "{\"birthdate\":\"1990-04-05T00:00:00Z\"}").status());
    }

    @Test
    void line58_systemuserNamedPrimaryKeyFormIsRejected() {
        String id = userId("jane.physio@harbourside.example");
        assertEquals(400, http.get("systemusers(systemuserid=" + id + ")").status());
        assertEquals(200, http.get("systemusers(" + id + ")").status());
        assertEquals(200, http.get("contacts?$top=1").status());
        UUID c = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        assertEquals(200, http.get("contacts(contactid=" + c + ")").status());
    }

    @Test
    void systemusersAreMatchedNeverCreatedButCanBeUpdated() {
        assertEquals(400, http.patch("systemusers(" + UUID.randomUUID() + ")", "{\"new_hpicpn\":\"12345A\"}").status());
        String id = userId("jane.physio@harbourside.example");
        assertEquals(204, http.patch("systemusers(" + id + ")", "{\"new_practitionertype\":100000000,\"new_hpicpn\":\"12345A\"}",
                "If-Match", "*").status());
        assertEquals(100000000, http.get("systemusers(" + id + ")").json().path("new_practitionertype").asInt());
    }
}
