package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.mapping.MigrationContext;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.reconcile.RunReconciliation;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.ExportFixture;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Invoices of the sample practice through the real routes, the in-JVM broker and an emulator of their own: what
 * Dataverse holds of invoice 3456 (Paid, two lines, re-exported to Xero once), of the VOID invoice, of the header a
 * cent off its lines (H18), and that a second run creates nothing and leaves every state right. The sample's 410
 * invoices come in NZD and AUD, so one price list per currency and the AUD currency are created by the run.
 */
@QuarkusTest
@TestProfile(InvoicesTest.OwnTarget.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvoicesTest {
    static final Path REPORTS = Path.of("target/test-reports/invoices");
    static DataverseEmulator target;
    static RunOutcome first;

    public static class OwnTarget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (target == null) {
                target = EmulatorResource.startOwn(o -> o);
            }
            ExportFixture export = ExportFixture.copyOfSample();
            return EmulatorResource.pointingAt(target, Map.of("gensolve.export.dir", export.dir().toString(),
                    "migration.report-dir", REPORTS.toString()));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    MigrationContext context;

    @Inject
    io.gpm2dv.reconcile.Reconciler reconciler;

    @Inject
    io.gpm2dv.mapping.MappingSpecs specs;

    @Inject
    io.gpm2dv.audit.AuditLog audit;

    @Inject
    io.gpm2dv.sink.InvoiceClosing closing;

    @Inject
    io.gpm2dv.dataverse.DataverseClient client;

    DataverseTestClient dataverse() {
        return new DataverseTestClient(target.baseUrl());
    }

    RunOutcome run() {
        if (first == null) {
            first = runner.runFull();
        }
        return first;
    }

    UUID id(String key) {
        return context.recordIds().idFor(key);
    }

    @Test
    @Order(1)
    void everyInvoiceAndLineIsAccountedForAndTheRepeatIsSkipped() {
        RunOutcome o = run();
        assertEquals(RunStatus.COMPLETE, o.status(), o.message());
        ObjectReconciliation invoices = object(o.reconciliation(), "invoices");
        assertEquals(410, invoices.exportRows());
        assertEquals(409, invoices.loaded());
        assertEquals(Map.of("REEXPORT", 1L), invoices.skippedByRule());
        assertEquals(409L, invoices.inDataverse());
        ObjectReconciliation lines = object(o.reconciliation(), "invoice-lines");
        assertEquals(481, lines.exportRows());
        assertEquals(479, lines.loaded());
        assertEquals(Map.of("REEXPORT", 2L), lines.skippedByRule());
        assertEquals(479L, lines.inDataverse());
        ReportFile report = ReportFile.of(REPORTS, o.reconciliation().runNumber());
        JsonNode repeat = report.list("skipped").stream().filter(s -> s.path("key").asText().equals("invoice-30002"))
                .findFirst().orElseThrow();
        assertEquals("REEXPORT", repeat.path("rule").asText());
        assertTrue(repeat.path("reason").asText().contains("invoice-30001"), repeat.toString());
        assertTrue(report.list("findings").stream().anyMatch(f -> f.path("key").asText().equals("invoice-30005")
                && f.path("code").asText().equals("TOTALS_MISMATCH")), "H18 header a cent off its lines is reported");
        long closings = audit.entries(o.runId()).stream().filter(e -> e.stage().equals("close")).count();
        assertEquals(329, closings, "328 PAID originals and 1 VOID closed after their lines, each audited");
    }

    @Test
    @Order(2)
    void aPaidInvoicesLinesSumToItsTotalToTheCentAndItIsPaid() {
        run();
        JsonNode invoice = dataverse().retrieve("invoices", id("invoice-30001"));
        assertNotNull(invoice);
        assertEquals("3456", invoice.path("name").asText(), "invoice_number is text");
        assertEquals(2, invoice.path("statecode").asInt(), "PAID → Paid");
        assertEquals(100001, invoice.path("statuscode").asInt());
        assertEquals(id("client-1001").toString(), invoice.path("_customerid_value").asText());
        assertEquals("0b6c3d1e-1111-4a5b-8c9d-000000030001", invoice.path("new_xeroinvoiceid").asText(),
                "the original synced: it keeps its own Xero id");
        assertEquals(0, new BigDecimal("40.00").compareTo(invoice.path("new_amountpaid").decimalValue()));
        assertEquals("2024-02-19", invoice.path("datedelivered").asText(), "invoice_date, never shifted");
        List<JsonNode> lines = dataverse().query("invoicedetails", "extendedamount,tax,lineitemnumber",
                "_invoiceid_value eq " + id("invoice-30001"));
        assertEquals(2, lines.size());
        BigDecimal sum = lines.stream().map(l -> l.path("extendedamount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("40.00").compareTo(sum), "Σ extendedamount = total_incl_tax " + sum);
        assertEquals(0, new BigDecimal("40.00").compareTo(invoice.path("totalamount").decimalValue()));
        JsonNode priceList = dataverse().retrieve("pricelevels", id("pricelist-NZD"));
        assertEquals("Gensolve migration (NZD)", priceList.path("name").asText());
        assertEquals(1, dataverse().query("transactioncurrencies", "transactioncurrencyid", "isocurrencycode eq 'AUD'").size(),
                "the AUD currency the organisation lacked is created once");
    }

    @Test
    @Order(3)
    void aVoidInvoiceIsCanceledAndARepeatIsNotLoadedTwice() {
        run();
        JsonNode voided = dataverse().retrieve("invoices", id("invoice-30012"));
        assertEquals(3, voided.path("statecode").asInt(), "VOID → Canceled");
        assertEquals(100003, voided.path("statuscode").asInt());
        assertEquals(1, dataverse().query("invoices", "invoiceid", "name eq '3456'").size(), "one record per invoice number");
        assertEquals(null, dataverse().retrieve("invoices", id("invoice-30002")));
        assertEquals(null, dataverse().retrieve("invoicedetails", id("invoiceline-40003")), "the repeat's lines are absent");
        assertEquals(null, dataverse().retrieve("invoicedetails", id("invoiceline-40004")));
    }

    @Test
    @Order(4)
    void aReRunCreatesNothingAndLeavesEveryStateRight() throws Exception {
        int firstRun = run().reconciliation().runNumber();
        long invoicesBefore = dataverse().query("invoices", "invoiceid", null).size();
        RunOutcome again = runner.runFull();
        assertEquals(RunStatus.COMPLETE, again.status(), again.message());
        for (ObjectReconciliation o : again.reconciliation().objects()) {
            assertEquals(0, o.created(), o.object() + " created records on a re-run");
        }
        assertEquals(invoicesBefore, dataverse().query("invoices", "invoiceid", null).size());
        assertEquals(2, dataverse().retrieve("invoices", id("invoice-30001")).path("statecode").asInt(),
                "reopened to be written again, then Paid again");
        assertEquals(3, dataverse().retrieve("invoices", id("invoice-30012")).path("statecode").asInt());
        JsonNode payments = new ObjectMapper().readTree(Files.readString(REPORTS.resolve("runs")
                .resolve(Integer.toString(again.reconciliation().runNumber())).resolve("invoices.json")));
        assertEquals(0, payments.path("mismatches").size());
        assertEquals(1, payments.path("reexports").size());
        assertEquals(1, payments.path("unallocatedPaymentsByClient").size());
        assertEquals(0, new BigDecimal("20.00").compareTo(dataverse().retrieve("contacts", id("client-1001"))
                .path("new_unallocatedpayments").decimalValue()), "the unallocated prepayment, summarised on the contact");
        assertTrue(again.reconciliation().runNumber() > firstRun);
    }

    @Test
    @Order(5)
    void closingClosesWhatARunStoppedBeforeClosingLeftOpenAndIsIdempotent() {
        RunOutcome o = run();
        // as if a run had stopped between writing the invoice (open) and closing it
        client.patch("invoices", id("invoice-30001"), new ObjectMapper().createObjectNode().put("statecode", 0)
                .put("statuscode", 1), true);
        io.gpm2dv.sink.InvoiceClosing.Result result = closing.close(o.runId(), specs.current());
        assertEquals(1, result.closed());
        assertTrue(result.refused().isEmpty());
        assertEquals(2, dataverse().retrieve("invoices", id("invoice-30001")).path("statecode").asInt());
        assertEquals(0, closing.close(o.runId(), specs.current()).closed(), "nothing left to write");
    }

    @Test
    @Order(6)
    void aLineMissingFromDataverseMakesTheRunNotComplete() {
        RunOutcome o = run();
        assertTrue(dataverse().delete("invoicedetails", id("invoiceline-40001")));
        RunReconciliation again = reconciler.reconcile(o.runId(), o.reconciliation().runNumber(), "m", "e",
                specs.current(), null);
        assertTrue(again.problems().stream().anyMatch(p -> p.startsWith("invoices: 1 invoices")), again.problems().toString());
        assertEquals(RunStatus.INCOMPLETE, again.status());
    }

    private static ObjectReconciliation object(RunReconciliation r, String name) {
        return r.objects().stream().filter(x -> x.object().equals(name)).findFirst().orElseThrow();
    }
}
