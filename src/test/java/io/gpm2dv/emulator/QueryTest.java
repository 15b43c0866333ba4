package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 29–32 and 56: $select, $filter, $orderby, $top, paging, counting; the product's own queries. */
class QueryTest extends EmulatorTestBase {

    private void contacts(int n) {
        for (int i = 0; i < n; i++) {
            http.post("contacts", "{\"firstname\":\"F" + (i % 3) + "\",\"lastname\":\"L" + String.format("%02d", i)
                    + "\",\"new_gensolveid\":\"client-" + i + "\",\"birthdate\":\"19" + (50 + i) + "-01-0" + (1 + i % 9) + "\"}");
        }
    }

    private JsonNode values(String query) {
        EmulatorHttp.Reply r = http.get(query);
        assertEquals(200, r.status(), query + " → " + r.body());
        return r.json().path("value");
    }

    private static String f(String filter) {
        return EmulatorHttp.enc(filter);
    }

    @Test
    void line29_selectFilterOrderbyTopReturnContextAndValue() {
        contacts(6);
        EmulatorHttp.Reply r = http.get("contacts?$select=lastname,firstname&$filter=" + f("firstname eq 'f1' and lastname ne 'L04'")
                + "&$orderby=" + f("lastname desc") + "&$top=5");
        JsonNode b = r.json();
        assertEquals(emulator.baseUrl() + "/api/data/v9.2/$metadata#contacts(lastname,firstname)", b.path("@odata.context").asText());
        JsonNode v = b.path("value");
        assertEquals(1, v.size());
        assertEquals("L01", v.get(0).path("lastname").asText());
        assertEquals(List.of("@odata.etag", "lastname", "firstname", "contactid"), List.copyOf(fieldNames(v.get(0))));
        assertEquals(2, values("contacts?$top=2&$orderby=lastname").size());
        assertEquals("L05", values("contacts?$orderby=" + f("lastname desc")).get(0).path("lastname").asText());
    }

    @Test
    void line29_filterOperatorsFunctionsNullAndGuids() {
        contacts(6);
        UUID acc = EmulatorHttp.idOf(http.post("accounts", "{\"name\":\"Contoso\"}"));
        http.post("contacts", "{\"lastname\":\"Child\",\"parentcustomerid_account@odata.bind\":\"/accounts(" + acc + ")\"}");
        assertEquals(4, values("contacts?$filter=" + f("lastname lt 'L03'")).size()); // 'Child' sorts before 'L03'
        assertEquals(5, values("contacts?$filter=" + f("lastname le 'L03'")).size());
        assertEquals(2, values("contacts?$filter=" + f("lastname gt 'L03' and lastname ge 'L04' and lastname ne 'Child'")).size());
        assertEquals(1, values("contacts?$filter=" + f("(firstname eq 'F0' or firstname eq 'F2') and not (lastname eq 'L00' or lastname eq 'L02' or lastname eq 'L05')")).size());
        assertEquals(6, values("contacts?$filter=" + f("startswith(new_gensolveid,'client-')")).size());
        assertEquals(1, values("contacts?$filter=" + f("endswith(new_gensolveid,'-3')")).size());
        assertEquals(6, values("contacts?$filter=" + f("contains(lastname,'l0')")).size());
        assertEquals(1, values("contacts?$filter=" + f("_parentcustomerid_value eq " + acc)).size());
        assertEquals(6, values("contacts?$filter=" + f("_parentcustomerid_value eq null and birthdate ne null")).size());
        assertEquals(2, values("contacts?$filter=" + f("birthdate ge 1954-01-01")).size());
        assertEquals(400, http.get("contacts?$filter=" + f("nosuch eq 1")).status());
        assertEquals(400, http.get("contacts?$filter=" + f("lastname eq")).status());
        assertEquals(400, http.get("contacts?$skip=1").status());
    }

    @Test
    void line29_retrieveExistingQueryOfTheSinkMatchesByPrimaryKeyOr() {
        contacts(3);
        JsonNode all = values("contacts?$select=contactid");
        String filter = "contactid eq " + all.get(0).path("contactid").asText() + " or contactid eq " + UUID.randomUUID()
                + " or contactid eq " + all.get(2).path("contactid").asText();
        assertEquals(2, values("contacts?$select=contactid,statecode&$filter=" + f(filter)).size());
    }

    @Test
    void line30_maxpagesizeLimitsRowsEchoesPreferenceAndAddsNextLink() {
        contacts(7);
        EmulatorHttp.Reply r = http.get("contacts?$select=lastname", "Prefer", "odata.maxpagesize=3");
        assertEquals("odata.maxpagesize=3", r.header("Preference-Applied"));
        assertEquals(3, r.json().path("value").size());
        String next = r.json().path("@odata.nextLink").asText();
        assertTrue(next.startsWith(emulator.baseUrl() + "/api/data/v9.2/contacts?") && next.contains("$skiptoken="), next);
    }

    @Test
    void line31_followingNextLinksReturnsEveryRowOnceInStableOrder() {
        contacts(10);
        String query = "contacts?$select=lastname&$orderby=firstname";
        List<String> unpaged = new ArrayList<>();
        values(query).forEach(row -> unpaged.add(row.path("contactid").asText()));
        Set<String> seen = new HashSet<>();
        List<String> paged = new ArrayList<>();
        String last = "";
        String late = null;
        String next = query;
        int pages = 0;
        while (next != null) {
            JsonNode page = http.get(next, "Prefer", "odata.maxpagesize=3").json();
            for (JsonNode row : page.path("value")) {
                assertTrue(seen.add(row.path("contactid").asText()), "row twice: " + row);
                assertTrue(row.path("firstname").isMissingNode());
                paged.add(row.path("contactid").asText());
                last = row.path("lastname").asText();
            }
            pages++;
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            if (pages == 1) {
                // a row added between pages must not shift the remaining pages
                late = EmulatorHttp.idOf(http.post("contacts", "{\"firstname\":\"F0\",\"lastname\":\"Late\"}")).toString();
            }
        }
        assertEquals(4, pages);
        paged.remove(late); // it sorts among the F0 rows, before or after the first page's end
        assertEquals(unpaged, paged, "the pages hold every row once, in the order of the unpaged query");
        assertFalse(last.isEmpty());
    }

    @Test
    void line32_countTrueAddsODataCountAndCountSegmentIsPlainText() {
        contacts(4);
        JsonNode b = http.get("contacts?$count=true&$select=contactid&$filter=" + f("firstname eq 'F0'")).json();
        assertEquals(2, b.path("@odata.count").asInt());
        EmulatorHttp.Reply c = http.get("contacts/$count");
        assertEquals(200, c.status());
        assertTrue(c.header("Content-Type").startsWith("text/plain"));
        assertEquals("4", c.body());
    }

    @Test
    void line56_systemusersByEmailCarryIsdisabledAccessmodeApplicationid() {
        JsonNode v = values("systemusers?$select=systemuserid,fullname,internalemailaddress,domainname,isdisabled,accessmode,"
                + "applicationid,_businessunitid_value&$filter=" + f("internalemailaddress eq 'old.locum@harbourside.example'"));
        assertEquals(1, v.size());
        assertTrue(v.get(0).path("isdisabled").asBoolean());
        assertEquals(0, v.get(0).path("accessmode").asInt());
        assertTrue(v.get(0).path("applicationid").isNull());
        assertEquals(emulator.identity().rootBusinessUnitId().toString(), v.get(0).path("_businessunitid_value").asText());
        // the owner directory reads every user: the file's three, the application user, SYSTEM and INTEGRATION
        assertEquals(6, values("systemusers?$select=systemuserid,internalemailaddress,isdisabled,applicationid").size());
        assertEquals(1, values("systemusers?$select=systemuserid&$filter=" + f("applicationid ne null")).size());
    }

    @Test
    void line45_sdkmessagefiltersAnswerTheClientsSupportsBulkQuery() {
        String query = "sdkmessagefilters?$select=sdkmessagefilterid&$filter="
                + f("sdkmessageid/name eq @message and primaryobjecttypecode eq @table")
                + "&@message=" + f("'UpsertMultiple'") + "&@table=";
        assertEquals(1, values(query + f("'contact'")).size());
        assertEquals(1, values(query + f("'annotation'")).size());
        assertEquals(0, values(query + f("'businessunit'")).size());
        assertEquals(400, http.get("sdkmessagefilters?$filter=" + f("primaryobjecttypecode eq @undefined")).status());
    }

    @Test
    void reconcilerCountQueryByKeyPrefix() {
        contacts(3);
        http.post("contacts", "{\"lastname\":\"R\",\"new_gensolveid\":\"referrer-1\"}");
        assertEquals(3, values("contacts?$select=contactid&$filter=" + f("startswith(new_gensolveid,'client-')")).size());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
