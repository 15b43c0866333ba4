package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The columns the migration writes on appointments, tasks and emails: the source key and its alternate key, the
 * custom columns with their types, lengths and choices, the standard activity and migration columns, and
 * {@code overriddencreatedon} setting {@code createdon} (§17 line 26) on every activity and on notes.
 */
class ActivityColumnsTest extends EmulatorTestBase {
    private static final String ANNOTATIONS = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"";

    @Test
    void appointmentTakesItsCustomColumnsAndMigrationColumns() {
        EmulatorHttp.Reply r = http.post("appointments", "{\"subject\":\"Initial consult\",\"new_gensolveid\":\"appt-1\","
                + "\"scheduledstart\":\"2024-03-01T09:00:00Z\",\"scheduledend\":\"2024-03-01T09:30:00Z\","
                + "\"actualend\":\"2024-03-01T09:35:00Z\",\"scheduleddurationminutes\":30,"
                + "\"overriddencreatedon\":\"2024-02-20T08:00:00Z\",\"importsequencenumber\":7,"
                + "\"new_durationminutes\":30,\"new_appointmentstatus\":100000004,\"new_visitcategory\":100000001,"
                + "\"new_appointmenttype\":\"Standard 30\",\"new_cancellationreason\":\"Unwell\","
                + "\"new_cancellationcharge\":100000002,\"new_cancelledat\":\"2024-02-29T18:00:00Z\",\"new_bookedonline\":true,"
                + "\"new_payertype\":100000001,\"new_accclaimnumber\":\"ACC12345\",\"new_location\":\"Harbourside\","
                + "\"new_gensolvepractitioner\":\"Jane Physio\"}");
        assertEquals(204, r.status(), r.body());
        EmulatorHttp.Reply read = http.get("appointments(new_gensolveid='appt-1')", "Prefer", ANNOTATIONS);
        assertEquals(200, read.status(), read.body());
        JsonNode row = read.json();
        assertEquals(EmulatorHttp.idOf(r).toString(), row.path("activityid").asText());
        assertEquals("2024-02-20T08:00:00Z", row.path("createdon").asText());
        assertEquals("2024-03-01T09:35:00Z", row.path("actualend").asText());
        assertEquals(30, row.path("scheduleddurationminutes").asInt());
        assertEquals(7, row.path("importsequencenumber").asInt());
        assertEquals(30, row.path("new_durationminutes").asInt());
        assertEquals("DNA", row.path("new_appointmentstatus" + Representation.FORMATTED).asText());
        assertEquals("FOLLOW_UP", row.path("new_visitcategory" + Representation.FORMATTED).asText());
        assertEquals("FULL_CHARGE", row.path("new_cancellationcharge" + Representation.FORMATTED).asText());
        assertEquals("ACC", row.path("new_payertype" + Representation.FORMATTED).asText());
        assertEquals("2024-02-29T18:00:00Z", row.path("new_cancelledat").asText());
        assertTrue(row.path("new_bookedonline").asBoolean());
        assertEquals("Standard 30", row.path("new_appointmenttype").asText());
        assertEquals("Unwell", row.path("new_cancellationreason").asText());
        assertEquals("ACC12345", row.path("new_accclaimnumber").asText());
        assertEquals("Harbourside", row.path("new_location").asText());
        assertEquals("Jane Physio", row.path("new_gensolvepractitioner").asText());
        // the choices are declared in order from 100000000, and their labels are the source codes
        Map<Integer, String> statuses = new HashMap<>();
        String[] codes = {"BOOKED", "CONFIRMED", "ARRIVED", "COMPLETED", "DNA", "CANCELLED"};
        for (int i = 0; i < codes.length; i++) {
            UUID id = EmulatorHttp.idOf(http.post("appointments", "{\"subject\":\"s\",\"new_appointmentstatus\":" + (100000000 + i) + "}"));
            statuses.put(100000000 + i, http.get("appointments(" + id + ")?$select=new_appointmentstatus", "Prefer", ANNOTATIONS)
                    .json().path("new_appointmentstatus" + Representation.FORMATTED).asText());
        }
        assertEquals(Map.of(100000000, "BOOKED", 100000001, "CONFIRMED", 100000002, "ARRIVED", 100000003, "COMPLETED",
                100000004, "DNA", 100000005, "CANCELLED"), statuses);
        assertEquals("0x8004431A", http.post("appointments", "{\"subject\":\"s\",\"new_appointmentstatus\":100000006}").errorCode());
        assertEquals("0x8004431A", http.post("appointments", "{\"subject\":\"s\",\"new_visitcategory\":100000003}").errorCode());
        assertEquals("0x8004431A", http.post("appointments", "{\"subject\":\"s\",\"new_cancellationcharge\":100000003}").errorCode());
        assertEquals("0x8004431A", http.post("appointments", "{\"subject\":\"s\",\"new_payertype\":100000004}").errorCode());
        assertEquals("0x80044331", http.post("appointments", "{\"subject\":\"s\",\"new_accclaimnumber\":\"" + "9".repeat(21) + "\"}").errorCode());
        assertEquals("0x80044331", http.post("appointments", "{\"subject\":\"s\",\"new_appointmenttype\":\"" + "t".repeat(101) + "\"}").errorCode());
        assertEquals("0x80044331", http.post("appointments", "{\"subject\":\"s\",\"new_gensolvepractitioner\":\"" + "p".repeat(201) + "\"}").errorCode());
        assertEquals(400, http.post("appointments", "{\"subject\":\"s\",\"new_durationminutes\":\"30\"}").status());
    }

    @Test
    void activitiesHaveTheSourceAlternateKey() {
        for (String set : new String[] {"appointments", "tasks", "emails"}) {
            EmulatorHttp.Reply created = http.patch(set + "(new_gensolveid='k-1')", "{\"subject\":\"first\"}");
            assertEquals(204, created.status(), set + ": " + created.body());
            assertEquals(emulator.baseUrl() + "/api/data/v9.2/" + set + "(new_gensolveid='k-1')", created.header("OData-EntityId"));
            assertEquals(204, http.patch(set + "(new_gensolveid='k-1')", "{\"subject\":\"second\"}").status());
            assertEquals("second", http.get(set + "(new_gensolveid='k-1')?$select=subject").json().path("subject").asText());
            EmulatorHttp.Reply duplicate = http.post(set, "{\"subject\":\"dup\",\"new_gensolveid\":\"k-1\"}");
            assertEquals(412, duplicate.status(), set);
            assertEquals("0x80060892", duplicate.errorCode());
            assertEquals(1, Integer.parseInt(http.get(set + "/$count").body()));
        }
        JsonNode keys = http.get("EntityDefinitions(LogicalName='appointment')/Keys").json().path("value");
        assertEquals("new_gensolveid_key", keys.get(0).path("LogicalName").asText(), keys.toString());
    }

    @Test
    void taskTakesItsCustomColumnsAndKeepsDescriptionAt2000() {
        EmulatorHttp.Reply r = http.post("tasks", "{\"subject\":\"Call back\",\"new_gensolveid\":\"task-1\",\"new_durationminutes\":15,"
                + "\"new_location\":\"Harbourside\",\"new_gensolvepractitioner\":\"Jane Physio\",\"actualend\":\"2024-03-02T10:00:00Z\","
                + "\"scheduleddurationminutes\":15,\"importsequencenumber\":3,\"description\":\"" + "d".repeat(2000) + "\"}");
        assertEquals(204, r.status(), r.body());
        JsonNode row = http.get("tasks(" + EmulatorHttp.idOf(r) + ")").json();
        assertEquals(15, row.path("new_durationminutes").asInt());
        assertEquals("Harbourside", row.path("new_location").asText());
        assertEquals("Jane Physio", row.path("new_gensolvepractitioner").asText());
        assertEquals("2024-03-02T10:00:00Z", row.path("actualend").asText());
        assertEquals(3, row.path("importsequencenumber").asInt());
        EmulatorHttp.Reply tooLong = http.post("tasks", "{\"subject\":\"x\",\"description\":\"" + "d".repeat(2001) + "\"}");
        assertEquals("0x80044331", tooLong.errorCode());
        assertTrue(tooLong.errorMessage().contains("'2000'"), tooLong.errorMessage());
        assertEquals("0x80044331", http.post("tasks", "{\"subject\":\"x\",\"new_location\":\"" + "l".repeat(101) + "\"}").errorCode());
        // a task has no party collection
        assertEquals(400, http.post("tasks", "{\"subject\":\"x\",\"task_activity_parties\":[]}").status());
    }

    @Test
    void emailTakesItsCustomChoicesAndSentOn() {
        EmulatorHttp.Reply r = http.post("emails", "{\"subject\":\"Reminder\",\"new_gensolveid\":\"comm-1\",\"directioncode\":true,"
                + "\"new_channel\":100000000,\"new_purpose\":100000009,\"new_deliverystatus\":100000002,"
                + "\"new_gensolvepractitioner\":\"Jane Physio\",\"senton\":\"2024-03-01T07:00:00Z\",\"actualend\":\"2024-03-01T07:00:05Z\","
                + "\"scheduleddurationminutes\":0,\"importsequencenumber\":1}");
        assertEquals(204, r.status(), r.body());
        JsonNode row = http.get("emails(" + EmulatorHttp.idOf(r) + ")", "Prefer", ANNOTATIONS).json();
        assertEquals("SMS", row.path("new_channel" + Representation.FORMATTED).asText());
        assertEquals("GENERAL", row.path("new_purpose" + Representation.FORMATTED).asText());
        assertEquals("DELIVERED", row.path("new_deliverystatus" + Representation.FORMATTED).asText());
        assertEquals("2024-03-01T07:00:00Z", row.path("senton").asText());
        assertEquals("2024-03-01T07:00:05Z", row.path("actualend").asText());
        assertEquals("Jane Physio", row.path("new_gensolvepractitioner").asText());
        String[] purposes = {"REMINDER", "CONFIRMATION", "BOOKING", "VERIFICATION", "REPLY", "INVOICE", "LETTER", "RECALL",
            "MARKETING", "GENERAL"};
        for (int i = 0; i < purposes.length; i++) {
            UUID id = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"p\",\"new_purpose\":" + (100000000 + i) + "}"));
            assertEquals(purposes[i], http.get("emails(" + id + ")?$select=new_purpose", "Prefer", ANNOTATIONS).json()
                    .path("new_purpose" + Representation.FORMATTED).asText());
        }
        String[] deliveries = {"QUEUED", "SENT", "DELIVERED", "FAILED", "RECEIVED", "UNKNOWN"};
        for (int i = 0; i < deliveries.length; i++) {
            UUID id = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"d\",\"new_deliverystatus\":" + (100000000 + i) + "}"));
            assertEquals(deliveries[i], http.get("emails(" + id + ")?$select=new_deliverystatus", "Prefer", ANNOTATIONS).json()
                    .path("new_deliverystatus" + Representation.FORMATTED).asText());
        }
        assertEquals("0x8004431A", http.post("emails", "{\"subject\":\"x\",\"new_channel\":100000002}").errorCode());
        assertEquals("0x8004431A", http.post("emails", "{\"subject\":\"x\",\"new_purpose\":100000010}").errorCode());
        assertEquals("0x8004431A", http.post("emails", "{\"subject\":\"x\",\"new_deliverystatus\":100000006}").errorCode());
    }

    @Test
    void line26_overriddencreatedonSetsCreatedonOnActivitiesAndNotes() {
        String when = "2018-07-09T10:11:12Z";
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"C\"}"));
        String[][] creates = {
            {"appointments", "{\"subject\":\"a\",\"overriddencreatedon\":\"" + when + "\"}"},
            {"emails", "{\"subject\":\"e\",\"overriddencreatedon\":\"" + when + "\"}"},
            {"tasks", "{\"subject\":\"t\",\"overriddencreatedon\":\"" + when + "\"}"},
            {"annotations", "{\"subject\":\"n\",\"notetext\":\"x\",\"objectid_contact@odata.bind\":\"/contacts(" + contact + ")\","
                + "\"objecttypecode\":\"contact\",\"overriddencreatedon\":\"" + when + "\"}"}};
        for (String[] c : creates) {
            EmulatorHttp.Reply r = http.post(c[0], c[1]);
            assertEquals(204, r.status(), c[0] + ": " + r.body());
            JsonNode row = http.get(c[0] + "(" + EmulatorHttp.idOf(r) + ")?$select=createdon,overriddencreatedon").json();
            assertEquals(when, row.path("createdon").asText(), c[0]);
            assertTrue(row.path("overriddencreatedon").asText().compareTo("2020") > 0, c[0] + " records the load time: " + row);
            // an upsert that creates takes it too; an update ignores it (not valid for update, API §10)
            UUID id = UUID.randomUUID();
            assertEquals(204, http.patch(c[0] + "(" + id + ")", c[1]).status(), c[0]);
            assertEquals(when, http.get(c[0] + "(" + id + ")?$select=createdon").json().path("createdon").asText(), c[0]);
            assertEquals(204, http.patch(c[0] + "(" + id + ")", "{\"overriddencreatedon\":\"2001-01-01T00:00:00Z\"}").status());
            assertEquals(when, http.get(c[0] + "(" + id + ")?$select=createdon").json().path("createdon").asText(), c[0]);
        }
    }
}
