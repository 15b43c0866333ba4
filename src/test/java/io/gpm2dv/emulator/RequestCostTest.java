package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The record count behind the modelled execution time of a request. */
class RequestCostTest {

    @Test
    void bulkActionsCountTheirTargets() {
        String body = "{\"Targets\":[{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"a\":{\"nested\":[1,2]}},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\"},{}]}";
        assertEquals(3, RequestCost.records("contacts/Microsoft.Dynamics.CRM.CreateMultiple", body));
        assertEquals(3, RequestCost.records("contacts/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"x\":{\"Targets\":1},"
                + body.substring(1)));
        assertEquals(1, RequestCost.records("contacts/Microsoft.Dynamics.CRM.CreateMultiple", "{\"Targets\":[]}"));
    }

    @Test
    void batchCountsItsOperations() {
        String batch = "--batch_1\r\nContent-Type: application/http\r\n\r\nGET contacts HTTP/1.1\r\n\r\n--batch_1\r\n"
                + "Content-Type: multipart/mixed;boundary=changeset_1\r\n\r\n--changeset_1\r\n\r\n"
                + "POST http://localhost/api/data/v9.2/contacts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{}\r\n"
                + "--changeset_1\r\n\r\nPATCH contacts(1) HTTP/1.1\n\n{}\n--changeset_1--\r\n--batch_1--\r\n";
        assertEquals(3, RequestCost.records("$batch", batch));
    }

    @Test
    void everythingElseAndUnreadableBodiesCountOne() {
        assertEquals(1, RequestCost.records("contacts", "{\"lastname\":\"A\"}"));
        assertEquals(1, RequestCost.records("WhoAmI", null));
        assertEquals(1, RequestCost.records("contacts/Microsoft.Dynamics.CRM.CreateMultiple", "{\"Targets\":[{"));
        assertEquals(1, RequestCost.records("contacts/Microsoft.Dynamics.CRM.CreateMultiple", "not json"));
    }
}
