package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * §17 line 25 for the activities the migration closes, by single PATCH and UpdateMultiple, and API §10's
 * "closed/completed records are read-only": a completed or canceled activity takes only statecode/statuscode
 * changes, so the data columns go in before the state, and a client reopens (statecode 0) before writing again.
 */
class ActivityStateTest extends EmulatorTestBase {

    private static JsonNode state(String set, UUID id) {
        return http.get(set + "(" + id + ")?$select=statecode,statuscode,subject").json();
    }

    @Test
    void appointmentAndEmailCloseBySinglePatch() {
        UUID appt = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"a\"}"));
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"statecode\":1,\"statuscode\":3}").status());
        assertEquals(1, state("appointments", appt).path("statecode").asInt());
        assertEquals(3, state("appointments", appt).path("statuscode").asInt());
        UUID sent = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"s\",\"directioncode\":true}"));
        UUID received = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"r\",\"directioncode\":false}"));
        assertEquals(204, http.patch("emails(" + sent + ")", "{\"statecode\":1,\"statuscode\":3}").status());
        assertEquals(204, http.patch("emails(" + received + ")", "{\"statecode\":1,\"statuscode\":4}").status());
        assertEquals(3, state("emails", sent).path("statuscode").asInt());
        assertEquals(4, state("emails", received).path("statuscode").asInt());
        UUID other = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"b\"}"));
        EmulatorHttp.Reply wrongPair = http.patch("appointments(" + other + ")", "{\"statecode\":1,\"statuscode\":4}");
        assertEquals(400, wrongPair.status());
        assertEquals(0, state("appointments", other).path("statecode").asInt());
        assertEquals(400, http.patch("emails(" + sent + ")", "{\"statecode\":1,\"statuscode\":5}").status());
    }

    @Test
    void appointmentsAndEmailsCloseByUpdateMultiple_aWrongPairRollsBackTheRequest() {
        UUID a1 = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"a1\"}"));
        UUID a2 = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"a2\"}"));
        EmulatorHttp.Reply r = http.post("appointments/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.appointment\",\"activityid\":\"" + a1 + "\",\"statecode\":1,\"statuscode\":3},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.appointment\",\"activityid\":\"" + a2 + "\",\"statecode\":2,\"statuscode\":4}]}");
        assertEquals(204, r.status(), r.body());
        assertEquals(3, state("appointments", a1).path("statuscode").asInt());
        assertEquals(2, state("appointments", a2).path("statecode").asInt());

        UUID e1 = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e1\"}"));
        UUID e2 = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e2\"}"));
        EmulatorHttp.Reply emails = http.post("emails/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + e1 + "\",\"statecode\":1,\"statuscode\":3},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + e2 + "\",\"statecode\":1,\"statuscode\":4}]}");
        assertEquals(204, emails.status(), emails.body());
        assertEquals(3, state("emails", e1).path("statuscode").asInt());
        assertEquals(4, state("emails", e2).path("statuscode").asInt());

        UUID e3 = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e3\"}"));
        UUID e4 = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e4\"}"));
        EmulatorHttp.Reply wrong = http.post("emails/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + e3 + "\",\"statecode\":1,\"statuscode\":3},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + e4 + "\",\"statecode\":1,\"statuscode\":1}]}");
        assertEquals(400, wrong.status(), wrong.body());
        assertEquals(0, state("emails", e3).path("statecode").asInt(), "the whole request rolled back");
    }

    @Test
    void aClosedActivityRefusesDataColumnsButTakesStateChanges() {
        UUID appt = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"Consult\",\"new_location\":\"Room 1\"}"));
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"statecode\":1,\"statuscode\":3}").status());
        EmulatorHttp.Reply refused = http.patch("appointments(" + appt + ")", "{\"new_location\":\"Room 2\"}");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.errorMessage().contains("is closed"), refused.errorMessage());
        assertTrue(refused.errorMessage().contains("new_location"), refused.errorMessage());
        // the same value, or data beside a reopening statecode, is refused as well: reopening is its own update
        assertEquals(400, http.patch("appointments(" + appt + ")", "{\"new_location\":\"Room 1\"}").status());
        assertEquals(400, http.patch("appointments(" + appt + ")", "{\"statecode\":0,\"statuscode\":1,\"subject\":\"x\"}").status());
        assertEquals(1, state("appointments", appt).path("statecode").asInt());
        // columns not valid for update are ignored, so they do not count as an edit
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"overriddencreatedon\":\"2001-01-01T00:00:00Z\"}").status());
        // state alone: close again with another status, reopen, write, close
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"statecode\":2,\"statuscode\":4}").status());
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"statecode\":0,\"statuscode\":1}").status());
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"new_location\":\"Room 2\",\"subject\":\"Consult (moved)\"}").status());
        assertEquals(204, http.patch("appointments(" + appt + ")", "{\"statecode\":1,\"statuscode\":3}").status());
        JsonNode row = http.get("appointments(" + appt + ")?$select=new_location,subject,statecode").json();
        assertEquals("Room 2", row.path("new_location").asText());
        assertEquals(1, row.path("statecode").asInt());
        // Scheduled (3) is an open state of an appointment
        UUID scheduled = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"s\"}"));
        assertEquals(204, http.patch("appointments(" + scheduled + ")", "{\"statecode\":3,\"statuscode\":5}").status());
        assertEquals(204, http.patch("appointments(" + scheduled + ")", "{\"subject\":\"s2\"}").status());
    }

    @Test
    void closedEmailsAndTasksRefuseDataInEveryWayItCanBeSent() {
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\",\"new_gensolveid\":\"comm-1\",\"email_activity_parties\":["
                + "{\"addressused\":\"a@example.com\",\"participationtypemask\":2}]}"));
        assertEquals(204, http.patch("emails(" + email + ")", "{\"statecode\":1,\"statuscode\":3}").status());
        assertEquals(400, http.patch("emails(new_gensolveid='comm-1')", "{\"subject\":\"changed\"}").status());
        assertEquals(400, http.patch("emails(" + email + ")", "{\"email_activity_parties\":[{\"addressused\":\"b@example.com\","
                + "\"participationtypemask\":2}]}").status());
        assertEquals(400, http.call("PUT", "emails(" + email + ")/email_activity_parties",
                "{\"value\":[{\"addressused\":\"b@example.com\",\"participationtypemask\":2}]}").status());
        EmulatorHttp.Reply upsertMultiple = http.post("emails/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + email + "\",\"subject\":\"changed\"}]}");
        assertEquals(400, upsertMultiple.status());
        EmulatorHttp.Reply updateMultiple = http.post("emails/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + email + "\",\"subject\":\"changed\"}]}");
        assertEquals(400, updateMultiple.status());
        assertEquals("e", state("emails", email).path("subject").asText());
        assertEquals(1, Integer.parseInt(http.get("activityparties/$count?$filter="
                + EmulatorHttp.enc("_activityid_value eq " + email)).body()));
        // state-only targets (with the primary key) still go through UpdateMultiple
        EmulatorHttp.Reply stateOnly = http.post("emails/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.email\",\"activityid\":\"" + email + "\",\"statecode\":1,\"statuscode\":4}]}");
        assertEquals(204, stateOnly.status(), stateOnly.body());

        UUID task = EmulatorHttp.idOf(http.post("tasks", "{\"subject\":\"t\"}"));
        assertEquals(204, http.patch("tasks(" + task + ")", "{\"statecode\":2,\"statuscode\":6}").status());
        assertEquals(400, http.patch("tasks(" + task + ")", "{\"description\":\"more\"}").status());
        assertEquals(204, http.patch("tasks(" + task + ")", "{\"statecode\":0,\"statuscode\":3}").status());
        assertEquals(204, http.patch("tasks(" + task + ")", "{\"description\":\"more\"}").status());
    }

    @Test
    void inactiveContactsStayEditable() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        assertEquals(204, http.patch("contacts(" + contact + ")", "{\"statecode\":1,\"statuscode\":2}").status());
        assertEquals(204, http.patch("contacts(" + contact + ")", "{\"lastname\":\"B\"}").status());
    }
}
