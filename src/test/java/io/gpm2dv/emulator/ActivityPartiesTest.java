package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * §17 lines 50–51 the way the migration writes and checks parties: in a create, an upsert PATCH and UpsertMultiple
 * targets; an update carrying the collection replaces the parties; {@code activityparties} answers
 * {@code $filter} on {@code _activityid_value} (also several ids joined by {@code or}) with {@code $count}.
 */
class ActivityPartiesTest extends EmulatorTestBase {

    private static JsonNode partiesOf(UUID... activities) {
        StringBuilder filter = new StringBuilder();
        for (UUID a : activities) {
            filter.append(filter.length() == 0 ? "" : " or ").append("_activityid_value eq ").append(a);
        }
        EmulatorHttp.Reply r = http.get("activityparties?$select=_activityid_value,_partyid_value,participationtypemask,addressused"
                + "&$count=true&$filter=" + EmulatorHttp.enc(filter.toString()));
        assertEquals(200, r.status(), r.body());
        JsonNode json = r.json();
        assertEquals(json.path("value").size(), json.path("@odata.count").asInt());
        return json.path("value");
    }

    /** "mask:party-or-address" of each row. */
    private static Set<String> summary(JsonNode rows) {
        Set<String> out = new HashSet<>();
        for (JsonNode p : rows) {
            String who = p.path("_partyid_value").isNull() ? p.path("addressused").asText() : p.path("_partyid_value").asText();
            out.add(p.path("participationtypemask").asInt() + ":" + who);
        }
        return out;
    }

    @Test
    void upsertPatchStoresPartiesAndAnUpdateWithTheCollectionReplacesThem() {
        UUID client = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"Client\"}"));
        String jane = userId("jane.physio@harbourside.example");
        UUID appt = UUID.randomUUID();
        EmulatorHttp.Reply created = http.patch("appointments(" + appt + ")", "{\"subject\":\"Consult\",\"appointment_activity_parties\":["
                + "{\"partyid_contact@odata.bind\":\"/contacts(" + client + ")\",\"participationtypemask\":5},"
                + "{\"partyid_systemuser@odata.bind\":\"/systemusers(" + jane + ")\",\"participationtypemask\":7}]}");
        assertEquals(204, created.status(), created.body());
        JsonNode rows = partiesOf(appt);
        assertEquals(Set.of("5:" + client, "7:" + jane), summary(rows));
        for (JsonNode p : rows) {
            assertEquals(appt.toString(), p.path("_activityid_value").asText());
            assertTrue(p.has("addressused"), p.toString());
        }
        // an update without the collection leaves the parties alone
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"subject\":\"Consult (moved)\"}").status());
        assertEquals(2, partiesOf(appt).size());
        // an update with it replaces them all
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"appointment_activity_parties\":["
                + "{\"partyid_contact@odata.bind\":\"/contacts(" + client + ")\",\"participationtypemask\":5},"
                + "{\"addressused\":\"guest@example.com\",\"participationtypemask\":6}]}").status());
        assertEquals(Set.of("5:" + client, "6:guest@example.com"), summary(partiesOf(appt)));
        EmulatorHttp.Reply bad = http.patch("appointments(" + appt + ")", "{\"appointment_activity_parties\":["
                + "{\"addressused\":\"x@example.com\",\"participationtypemask\":1}]}");
        assertEquals(400, bad.status());
        assertEquals("0x80094006", bad.errorCode());
        assertEquals(2, partiesOf(appt).size(), "a refused update changes no party");
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"appointment_activity_parties\":[]}").status());
        assertEquals(0, partiesOf(appt).size());
    }

    @Test
    void upsertMultipleTargetsCarryPartiesAndAQueryByOrFindsThemAll() {
        UUID client = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"Client\"}"));
        String jane = userId("jane.physio@harbourside.example");
        UUID sent = UUID.randomUUID();
        UUID received = UUID.randomUUID();
        EmulatorHttp.Reply r = http.post("emails/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + sent + "\",\"subject\":\"Reminder\","
                + "\"directioncode\":true,\"email_activity_parties\":["
                + "{\"partyid_systemuser@odata.bind\":\"/systemusers(" + jane + ")\",\"participationtypemask\":1},"
                + "{\"partyid_contact@odata.bind\":\"/contacts(" + client + ")\",\"participationtypemask\":2}]},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + received + "\",\"subject\":\"Re: Reminder\","
                + "\"directioncode\":false,\"email_activity_parties\":["
                + "{\"addressused\":\"+64210000000\",\"participationtypemask\":1},"
                + "{\"partyid_systemuser@odata.bind\":\"/systemusers(" + jane + ")\",\"participationtypemask\":2},"
                + "{\"addressused\":\"cc@example.com\",\"participationtypemask\":3}]}]}");
        assertEquals(204, r.status(), r.body());
        assertEquals(5, partiesOf(sent, received).size());
        assertEquals(Set.of("1:" + jane, "2:" + client), summary(partiesOf(sent)));
        assertEquals(Set.of("1:+64210000000", "2:" + jane, "3:cc@example.com"), summary(partiesOf(received)));
        // the same target again, now with other parties: the update replaces them
        EmulatorHttp.Reply again = http.post("emails/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + sent + "\",\"subject\":\"Reminder\","
                + "\"email_activity_parties\":[{\"addressused\":\"reception@example.com\",\"participationtypemask\":1},"
                + "{\"partyid_contact@odata.bind\":\"/contacts(" + client + ")\",\"participationtypemask\":2},"
                + "{\"addressused\":\"bcc@example.com\",\"participationtypemask\":4}]}]}");
        assertEquals(204, again.status(), again.body());
        assertEquals(Set.of("1:reception@example.com", "2:" + client, "4:bcc@example.com"), summary(partiesOf(sent)));
        assertEquals(6, partiesOf(sent, received).size());
        // a mask the activity does not allow fails the whole request
        UUID third = UUID.randomUUID();
        EmulatorHttp.Reply refused = http.post("emails/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + third + "\",\"subject\":\"ok\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + sent + "\",\"email_activity_parties\":["
                + "{\"addressused\":\"x@example.com\",\"participationtypemask\":7}]}]}");
        assertEquals(400, refused.status());
        assertEquals("0x80094006", refused.errorCode());
        assertEquals(404, http.get("emails(" + third + ")").status());
        assertEquals(3, partiesOf(sent).size());
    }

    @Test
    void partiesPutBackByARefusedBulkRequestAreReplacedAndDeletedWithTheirActivityLater() {
        String jane = userId("jane.physio@harbourside.example");
        UUID email = UUID.randomUUID();
        assertEquals(204, http.patch("emails(" + email + ")", "{\"subject\":\"a\",\"email_activity_parties\":["
                + "{\"addressused\":\"one@example.com\",\"participationtypemask\":1},"
                + "{\"addressused\":\"two@example.com\",\"participationtypemask\":2}]}").status());
        // the first target replaces the parties, the second fails: the request is undone, the old parties are back
        EmulatorHttp.Reply refused = http.post("emails/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + email + "\",\"email_activity_parties\":["
                + "{\"partyid_systemuser@odata.bind\":\"/systemusers(" + jane + ")\",\"participationtypemask\":1}]},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + UUID.randomUUID() + "\","
                + "\"email_activity_parties\":[{\"addressused\":\"x@example.com\",\"participationtypemask\":7}]}]}");
        assertEquals(400, refused.status(), refused.body());
        assertEquals(Set.of("1:one@example.com", "2:two@example.com"), summary(partiesOf(email)));
        // those restored parties are the activity's: the next replace takes them away, and so does a delete
        assertEquals(204, http.patch("emails(" + email + ")", "{\"email_activity_parties\":["
                + "{\"addressused\":\"three@example.com\",\"participationtypemask\":1}]}").status());
        assertEquals(Set.of("1:three@example.com"), summary(partiesOf(email)));
        assertEquals(204, http.delete("emails(" + email + ")").status());
        assertEquals(0, partiesOf(email).size(), "no party outlives its activity");
    }

    @Test
    void createMultipleAndPostStorePartiesThatAQueryCanCount() {
        UUID client = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"Client\"}"));
        UUID first = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"a\",\"appointment_activity_parties\":["
                + "{\"partyid_contact@odata.bind\":\"/contacts(" + client + ")\",\"participationtypemask\":5}]}"));
        EmulatorHttp.Reply bulk = http.post("appointments/Microsoft.Dynamics.CRM.CreateMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.appointment\",\"subject\":\"b\",\"appointment_activity_parties\":["
                + "{\"partyid_contact@odata.bind\":\"/contacts(" + client + ")\",\"participationtypemask\":5},"
                + "{\"addressused\":\"room-2@example.com\",\"participationtypemask\":6}]}]}");
        assertEquals(200, bulk.status(), bulk.body());
        UUID second = UUID.fromString(bulk.json().path("Ids").get(0).asText());
        assertEquals(3, partiesOf(first, second).size());
        EmulatorHttp.Reply count = http.get("activityparties/$count?$filter=" + EmulatorHttp.enc("_partyid_value eq " + client));
        assertEquals("2", count.body());
        // deleting an activity removes its parties
        assertEquals(204, http.delete("appointments(" + first + ")").status());
        assertEquals(0, partiesOf(first).size());
        assertEquals(2, partiesOf(second).size());
    }
}
