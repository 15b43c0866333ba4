package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 49, 57, 59: duplicate detection rules, business-unit delete restriction, invoices and write-in lines. */
class InvoicesAndOrgTest extends EmulatorTestBase {
    private String currency() {
        return http.get("transactioncurrencies?$select=isocurrencycode").json().path("value").get(0).path("transactioncurrencyid").asText();
    }

    @Test
    void line59_invoiceRequiresPriceLevelAndCurrencyAndWriteInLinesComputeBaseamount_formulaUnverified() {
        String currency = currency();
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"Client\"}"));
        UUID priceList = EmulatorHttp.idOf(http.post("pricelevels", "{\"name\":\"Gensolve migration (NZD)\","
                + "\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies(" + currency + ")\"}"));
        String binds = "\"pricelevelid@odata.bind\":\"/pricelevels(" + priceList + ")\",\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies("
                + currency + ")\"";
        assertEquals(400, http.post("invoices", "{\"name\":\"INV-1\",\"customerid_contact@odata.bind\":\"/contacts(" + contact + ")\","
                + "\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies(" + currency + ")\"}").status());
        assertEquals(400, http.post("invoices", "{\"name\":\"INV-1\",\"pricelevelid@odata.bind\":\"/pricelevels(" + priceList + ")\"}").status());
        EmulatorHttp.Reply missing = http.post("invoices", "{\"name\":\"INV-1\",\"pricelevelid@odata.bind\":\"/pricelevels(" + UUID.randomUUID()
                + ")\",\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies(" + currency + ")\"}");
        assertEquals("0x80040217", missing.errorCode());
        EmulatorHttp.Reply inv = http.post("invoices", "{\"name\":\"INV-2019-0042\",\"invoicenumber\":\"INV-2019-0042\","
                + "\"customerid_contact@odata.bind\":\"/contacts(" + contact + ")\"," + binds + ",\"overriddencreatedon\":\"2019-03-31T00:00:00Z\"}");
        assertEquals(204, inv.status(), inv.body());
        UUID invoice = EmulatorHttp.idOf(inv);
        EmulatorHttp.Reply line = http.post("invoicedetails", "{\"invoiceid@odata.bind\":\"/invoices(" + invoice + ")\",\"isproductoverridden\":true,"
                + "\"productdescription\":\"Consulting (migrated)\",\"priceperunit\":150.00,\"quantity\":3,\"tax\":67.5}");
        assertEquals(204, line.status(), line.body());
        JsonNode row = http.get("invoicedetails(" + EmulatorHttp.idOf(line) + ")?$select=baseamount,extendedamount,_transactioncurrencyid_value").json();
        assertEquals(0, row.path("baseamount").decimalValue().compareTo(new java.math.BigDecimal("450")));
        assertEquals(0, row.path("extendedamount").decimalValue().compareTo(new java.math.BigDecimal("517.5")));
        assertEquals(currency, row.path("_transactioncurrencyid_value").asText());
        assertEquals(400, http.post("invoicedetails", "{\"invoiceid@odata.bind\":\"/invoices(" + invoice + ")\",\"priceperunit\":1,\"quantity\":1}").status());
        assertEquals(400, http.post("invoicedetails", "{\"isproductoverridden\":true,\"productdescription\":\"x\",\"priceperunit\":1,\"quantity\":1}").status());
        assertEquals(204, http.patch("invoices(" + invoice + ")", "{\"statecode\":2,\"statuscode\":100001}").status());
        assertEquals(400, http.patch("invoices(" + invoice + ")", "{\"statecode\":3,\"statuscode\":100001}").status());
    }

    @Test
    void line57_childBusinessUnitIsCreatedAndAParentWithChildrenCannotBeDeleted() {
        String root = emulator.identity().rootBusinessUnitId().toString();
        UUID emea = EmulatorHttp.idOf(http.post("businessunits", "{\"name\":\"EMEA Sales\",\"parentbusinessunitid@odata.bind\":\"/businessunits(" + root + ")\"}"));
        UUID uk = EmulatorHttp.idOf(http.post("businessunits", "{\"name\":\"UK\",\"parentbusinessunitid@odata.bind\":\"/businessunits(" + emea + ")\"}"));
        EmulatorHttp.Reply blocked = http.delete("businessunits(" + emea + ")");
        assertEquals(405, blocked.status());
        assertTrue(blocked.errorMessage().contains("cannot be deleted"));
        assertEquals(200, http.get("businessunits(" + emea + ")").status());
        assertEquals(204, http.delete("businessunits(" + uk + ")").status());
        assertEquals(204, http.delete("businessunits(" + emea + ")").status());
        assertEquals(405, http.delete("businessunits(" + root + ")").status()); // users belong to it
    }

    @Test
    void line49_duplicateDetectionWithAPublishedRuleAndHeaderIs500() {
        UUID rule = EmulatorHttp.idOf(http.post("duplicaterules", "{\"name\":\"Contacts with the same email\",\"baseentityname\":\"contact\","
                + "\"matchingentityname\":\"contact\"}"));
        assertEquals(204, http.post("duplicateruleconditions", "{\"regardingobjectid@odata.bind\":\"/duplicaterules(" + rule + ")\","
                + "\"baseattributename\":\"emailaddress1\",\"matchingattributename\":\"emailaddress1\",\"operatorcode\":0}").status());
        String body = "{\"lastname\":\"A\",\"emailaddress1\":\"ada@example.com\"}";
        assertEquals(204, http.post("contacts", body).status());
        // an unpublished rule does not run
        assertEquals(204, http.post("contacts", body, "MSCRM.SuppressDuplicateDetection", "false").status());
        assertEquals(200, http.post("duplicaterules(" + rule + ")/Microsoft.Dynamics.CRM.PublishDuplicateRule", "{}").status());
        EmulatorHttp.Reply dup = http.post("contacts", "{\"lastname\":\"B\",\"emailaddress1\":\"ADA@example.com\"}",
                "MSCRM.SuppressDuplicateDetection", "false");
        assertEquals(500, dup.status());
        assertEquals("0x80040333", dup.errorCode());
        assertEquals("A record was not created or updated because a duplicate of the current record already exists.", dup.errorMessage());
        assertEquals(2, Integer.parseInt(http.get("contacts/$count").body()));
        assertEquals(204, http.post("contacts", body).status()); // without the header detection stays off
        assertEquals(204, http.post("contacts", "{\"lastname\":\"C\",\"emailaddress1\":\"other@example.com\"}",
                "MSCRM.SuppressDuplicateDetection", "false").status());
    }
}
