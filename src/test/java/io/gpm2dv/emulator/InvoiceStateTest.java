package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * §17 line 59 and what the migration relies on beyond it: write-in line money is rounded to the currency's precision,
 * the invoice's totals follow its lines, and a Paid or Canceled invoice is read-only — its columns and its lines —
 * until it is reopened with statecode 0 (API §14 says "expected to be read-only", unverified; modelled as closed
 * activities are).
 */
class InvoiceStateTest extends EmulatorTestBase {
    private UUID invoice() {
        String currency = http.get("transactioncurrencies?$select=isocurrencycode").json().path("value").get(0)
                .path("transactioncurrencyid").asText();
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"Client\"}"));
        UUID priceList = EmulatorHttp.idOf(http.post("pricelevels", "{\"name\":\"Gensolve migration (NZD)\","
                + "\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies(" + currency + ")\"}"));
        return EmulatorHttp.idOf(http.post("invoices", "{\"name\":\"3456\",\"customerid_contact@odata.bind\":\"/contacts(" + contact
                + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + priceList + ")\",\"transactioncurrencyid@odata.bind\":"
                + "\"/transactioncurrencies(" + currency + ")\",\"duedate\":\"2024-03-10\"}"));
    }

    private EmulatorHttp.Reply line(UUID invoice, String price, String quantity, String tax) {
        return http.post("invoicedetails", "{\"invoiceid@odata.bind\":\"/invoices(" + invoice + ")\",\"isproductoverridden\":true,"
                + "\"productdescription\":\"SURCH ACC surcharge\",\"priceperunit\":" + price + ",\"quantity\":" + quantity
                + ",\"tax\":" + tax + "}");
    }

    @Test
    void line59_moneyIsRoundedToTheCurrencyPrecisionAndTheInvoiceTotalsFollowItsLines() {
        UUID invoice = invoice();
        UUID first = EmulatorHttp.idOf(line(invoice, "17.3913", "3", "7.83"));
        JsonNode row = http.get("invoicedetails(" + first + ")?$select=baseamount,extendedamount").json();
        assertEquals(0, new BigDecimal("52.17").compareTo(row.path("baseamount").decimalValue()), "17.3913 × 3 = 52.1739 → 52.17");
        assertEquals(0, new BigDecimal("60.00").compareTo(row.path("extendedamount").decimalValue()));
        assertEquals(204, line(invoice, "0.125", "1", "0").status());
        JsonNode totals = http.get("invoices(" + invoice + ")?$select=totallineitemamount,totaltax,totalamount,duedate").json();
        assertEquals(0, new BigDecimal("52.30").compareTo(totals.path("totallineitemamount").decimalValue()), "0.125 → 0.13 half up");
        assertEquals(0, new BigDecimal("7.83").compareTo(totals.path("totaltax").decimalValue()));
        assertEquals(0, new BigDecimal("60.13").compareTo(totals.path("totalamount").decimalValue()));
        assertEquals("2024-03-10", totals.path("duedate").asText(), "a date-only due date");
        // a line written again replaces what it counted for
        assertEquals(204, http.patch("invoicedetails(" + first + ")", "{\"quantity\":1}").status());
        totals = http.get("invoices(" + invoice + ")?$select=totalamount").json();
        assertEquals(0, new BigDecimal("25.35").compareTo(totals.path("totalamount").decimalValue()), totals.toString());
    }

    @Test
    void line59_aPaidInvoiceIsReadOnlyUntilReopenedAndTakesNoLines() {
        UUID invoice = invoice();
        UUID first = EmulatorHttp.idOf(line(invoice, "20", "1", "3"));
        assertEquals(204, http.patch("invoices(" + invoice + ")", "{\"statecode\":2,\"statuscode\":100001}").status());
        EmulatorHttp.Reply column = http.patch("invoices(" + invoice + ")", "{\"new_amountpaid\":23.00}");
        assertEquals(400, column.status());
        assertTrue(column.errorMessage().contains("is closed"), column.errorMessage());
        EmulatorHttp.Reply added = line(invoice, "5", "1", "0");
        assertEquals(400, added.status());
        assertTrue(added.errorMessage().contains("its lines cannot be added or changed"), added.errorMessage());
        assertEquals(400, http.patch("invoicedetails(" + first + ")", "{\"quantity\":2}").status());
        assertEquals(1, http.get("invoicedetails?$select=invoicedetailid&$filter=_invoiceid_value%20eq%20" + invoice).json()
                .path("value").size());
        // reopen with the state alone, write, close again: what a re-run does
        assertEquals(204, http.patch("invoices(" + invoice + ")", "{\"statecode\":0,\"statuscode\":1}").status());
        assertEquals(204, http.patch("invoices(" + invoice + ")", "{\"new_amountpaid\":23.00}").status());
        assertEquals(204, line(invoice, "5", "1", "0").status());
        assertEquals(204, http.patch("invoices(" + invoice + ")", "{\"statecode\":3,\"statuscode\":100003}").status());
        assertEquals(3, http.get("invoices(" + invoice + ")?$select=statecode").json().path("statecode").asInt());
        assertEquals(400, http.patch("invoices(" + invoice + ")", "{\"name\":\"3456A\"}").status(), "Canceled is read-only too");
    }
}
