package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 25, 26, 50, 51 for activities: parties, masks, regarding binds, state pairs, overriddencreatedon. */
class ActivitiesTest extends EmulatorTestBase {

    private Set<Integer> masksOf(String set, UUID id) {
        Set<Integer> out = new HashSet<>();
        for (JsonNode p : http.get(set + "(" + id + ")/" + set.substring(0, set.length() - 1) + "_activity_parties").json().path("value")) {
            out.add(p.path("participationtypemask").asInt());
        }
        return out;
    }

    @Test
    void line50_emailAcceptsPartiesByBindOrAddressusedWithMasks1To4() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"Client\"}"));
        String user = userId("jane.physio@harbourside.example");
        EmulatorHttp.Reply r = http.post("emails", "{\"subject\":\"Quote follow-up\",\"description\":\"<p>Hello</p>\",\"directioncode\":false,"
                + "\"regardingobjectid_contact_email@odata.bind\":\"/contacts(" + contact + ")\","
                + "\"overriddencreatedon\":\"2019-05-02T10:00:00Z\",\"email_activity_parties\":["
                + "{\"partyid_contact@odata.bind\":\"/contacts(" + contact + ")\",\"participationtypemask\":1},"
                + "{\"partyid_systemuser@odata.bind\":\"/systemusers(" + user + ")\",\"participationtypemask\":2},"
                + "{\"addressused\":\"someone@external.example\",\"participationtypemask\":3},"
                + "{\"addressused\":\"hidden@external.example\",\"participationtypemask\":4}]}");
        assertEquals(204, r.status(), r.body());
        UUID email = EmulatorHttp.idOf(r);
        assertTrue(r.header("OData-EntityId").endsWith("/emails(" + email + ")"));
        assertEquals(Set.of(1, 2, 3, 4), masksOf("emails", email));
        JsonNode parties = http.get("activityparties?$filter=" + EmulatorHttp.enc("_activityid_value eq " + email + " and participationtypemask eq 2")).json().path("value");
        assertEquals(user, parties.get(0).path("_partyid_value").asText());
        JsonNode row = http.get("emails(" + email + ")?$select=createdon,_regardingobjectid_value,statecode,statuscode").json();
        assertEquals("2019-05-02T10:00:00Z", row.path("createdon").asText());
        assertEquals(contact.toString(), row.path("_regardingobjectid_value").asText());
        assertEquals(0, row.path("statecode").asInt());
        assertEquals(1, row.path("statuscode").asInt());
        assertEquals(400, http.post("emails", "{\"subject\":\"x\",\"email_activity_parties\":[{\"participationtypemask\":1}]}").status());
        // the regarding navigation property is per activity (regardingobjectid_<target>_<activity>)
        assertEquals(400, http.post("emails", "{\"subject\":\"x\",\"regardingobjectid_contact@odata.bind\":\"/contacts(" + contact + ")\"}").status());
        assertEquals(204, http.call("PUT", "emails(" + email + ")/email_activity_parties",
                "{\"value\":[{\"addressused\":\"only@example.com\",\"participationtypemask\":2}]}").status());
        assertEquals(Set.of(2), masksOf("emails", email));
    }

    @Test
    void line50_appointmentAcceptsMasks5To7() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"Client\"}"));
        EmulatorHttp.Reply r = http.post("appointments", "{\"subject\":\"Initial consult\",\"scheduledstart\":\"2024-03-01T09:00:00Z\","
                + "\"scheduledend\":\"2024-03-01T09:30:00Z\",\"location\":\"Room 1\","
                + "\"regardingobjectid_contact_appointment@odata.bind\":\"/contacts(" + contact + ")\",\"appointment_activity_parties\":["
                + "{\"partyid_contact@odata.bind\":\"/contacts(" + contact + ")\",\"participationtypemask\":5},"
                + "{\"addressused\":\"guest@example.com\",\"participationtypemask\":6},"
                + "{\"partyid_systemuser@odata.bind\":\"/systemusers(" + userId("jane.physio@harbourside.example") + ")\",\"participationtypemask\":7}]}");
        assertEquals(204, r.status(), r.body());
        assertEquals(Set.of(5, 6, 7), masksOf("appointments", EmulatorHttp.idOf(r)));
    }

    @Test
    void line51_invalidParticipationTypeMaskFails0x80094006_400Assumed() {
        EmulatorHttp.Reply email = http.post("emails", "{\"subject\":\"x\",\"email_activity_parties\":["
                + "{\"addressused\":\"a@example.com\",\"participationtypemask\":5}]}");
        assertEquals(400, email.status());
        assertEquals("0x80094006", email.errorCode());
        EmulatorHttp.Reply appt = http.post("appointments", "{\"subject\":\"x\",\"appointment_activity_parties\":["
                + "{\"addressused\":\"a@example.com\",\"participationtypemask\":2}]}");
        assertEquals("0x80094006", appt.errorCode());
        assertEquals(0, Integer.parseInt(http.get("emails/$count").body()));
        assertEquals(0, http.get("activityparties").json().path("value").size());
    }

    @Test
    void line25_activityStatePairsFollowEachTable_statusUnverified() {
        UUID task = EmulatorHttp.idOf(http.post("tasks", "{\"subject\":\"Call back\",\"statecode\":1}"));
        assertEquals(0, http.get("tasks(" + task + ")").json().path("statecode").asInt());
        assertEquals(2, http.get("tasks(" + task + ")").json().path("statuscode").asInt());
        assertEquals(204, http.patch("tasks(" + task + ")", "{\"statecode\":1,\"statuscode\":5}").status());
        assertEquals(400, http.patch("tasks(" + task + ")", "{\"statecode\":2,\"statuscode\":5}").status());
        UUID appt = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"a\"}"));
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"statecode\":3,\"statuscode\":5}").status());
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"statecode\":2,\"statuscode\":4}").status());
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\",\"directioncode\":true}"));
        assertEquals(204, http.patch("emails(" + email + ")", "{\"statecode\":1,\"statuscode\":3}").status());
        assertEquals(400, http.patch("emails(" + email + ")", "{\"statecode\":1,\"statuscode\":1}").status());
    }

    @Test
    void line27_overriddencreatedonWithoutPrivilegeIs403_assumed() {
        assertEquals(204, http.post("tasks", "{\"subject\":\"ok\",\"overriddencreatedon\":\"2019-01-01T00:00:00Z\"}").status());
        emulator.privileges().revoke(emulator.identity().applicationUserId(), Privileges.OVERRIDE_CREATED_ON);
        EmulatorHttp.Reply r = http.post("tasks", "{\"subject\":\"no\",\"overriddencreatedon\":\"2019-01-01T00:00:00Z\"}");
        assertEquals(403, r.status());
        assertEquals("0x80040220", r.errorCode());
        assertTrue(r.errorMessage().startsWith("The user does not hold the necessary privileges."));
        assertEquals(204, http.post("tasks", "{\"subject\":\"without override\"}").status());
        assertEquals(2, Integer.parseInt(http.get("tasks/$count").body()));
    }

    @Test
    void ownerCanBeATeamAndOwningTeamIsDerived() {
        String team = http.get("teams?$filter=" + EmulatorHttp.enc("isdefault eq true")).json().path("value").get(0).path("teamid").asText();
        UUID task = EmulatorHttp.idOf(http.post("tasks", "{\"subject\":\"t\",\"ownerid@odata.bind\":\"/teams(" + team + ")\"}"));
        JsonNode row = http.get("tasks(" + task + ")?$select=_ownerid_value,_owningteam_value,_owninguser_value").json();
        assertEquals(team, row.path("_owningteam_value").asText());
        assertTrue(row.path("_owninguser_value").isNull());
    }
}
