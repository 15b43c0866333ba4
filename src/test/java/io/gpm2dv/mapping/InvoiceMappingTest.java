package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.SourceRow;
import io.gpm2dv.testing.ExportFixture;

/**
 * Invoices and their lines as the default map shapes them (target-mapping §2), on the bundled sample: columns, the
 * price-list and currency references, exact line amounts, re-exports (H09), the header a cent off its lines (H18),
 * states set after the lines, and the {@code invoices: contact-reference} option. No Kafka, no Dataverse.
 */
class InvoiceMappingTest {
    static final MappingSpec SPEC = MappingSpec.defaultMap();
    static ExportIndex index;
    static MappingContext ctx;

    @BeforeAll
    static void openSample() throws Exception {
        index = ExportIndex.build(ExportPackage.open(ExportFixture.BUNDLED));
        ctx = HazardHandlingTest.context(index, Long.MAX_VALUE);
    }

    static MappingResult map(MappingContext c, String object, GpmFile file, long id) {
        return HazardHandlingTest.map(c, object, file, id);
    }

    @Test
    void invoicesAreWrittenAfterEverythingElseAndTheirLinesLast() {
        List<String> objects = SPEC.objects().stream().map(MappingSpec.ObjectMap::object).toList();
        assertEquals(List.of("invoices", "invoice-lines"), objects.subList(objects.size() - 2, objects.size()));
        assertTrue(objects.indexOf("documents") < objects.indexOf("invoices"));
    }

    @Test
    void aPaidInvoiceCarriesItsColumnsAndIsClosedOnlyAfterItsLines() {
        MappingResult result = map(ctx, "invoices", GpmFile.INVOICES, 30001);
        TargetRecord r = result.records().get(0);
        assertEquals("invoice", r.table);
        assertEquals("invoice-30001", r.key);
        assertEquals(ctx.ids().idFor("invoice-30001"), r.id);
        assertEquals("3456", r.attributes.path("name").asText());
        assertEquals("/contacts(" + ctx.ids().idFor("client-1001") + ")", r.attributes.path("customerid_contact@odata.bind").asText());
        assertFalse(r.attributes.has("customerid_account@odata.bind"));
        assertEquals("2024-02-19", r.attributes.path("datedelivered").asText());
        assertEquals("2024-03-10", r.attributes.path("duedate").asText());
        assertEquals(0, new BigDecimal("40.00").compareTo(r.attributes.path("new_amountpaid").decimalValue()));
        assertEquals(100_000_003, r.attributes.path("new_invoicestatus").asInt(), "PAID is the 4th INVOICE_STATUS code");
        assertEquals(100_000_002, r.attributes.path("new_xerosyncstatus").asInt());
        assertEquals("invoice-30001", r.attributes.path("new_gensolveid").asText());
        assertEquals(List.of(new TargetRecord.DirectoryRef("pricelevelid", "pricelevels", "pricelist:NZD"),
                new TargetRecord.DirectoryRef("transactioncurrencyid", "transactioncurrencies", "currency:NZD")), r.directoryRefs);
        assertEquals(TargetRecord.OwnerRule.PRACTITIONER, r.ownerRule);
        assertEquals(11L, r.ownerPractitionerId);
        assertNull(r.state, "the sink writes the invoice open: lines cannot be added to a paid invoice");
        SourceRow row = HazardHandlingTest.rows(index, GpmFile.INVOICES).stream().filter(x -> x.id() == 30001).findFirst().orElseThrow();
        assertEquals(new TargetRecord.StateChange(2, 100001), new RecordMapper(ctx).deferredState(SPEC.get("invoices"), row));
        assertTrue(RecordMapper.defersState(SPEC.get("invoices")));
    }

    @Test
    void aVoidInvoiceIsCanceledAndAnOutstandingOneStaysActive() {
        RecordMapper mapper = new RecordMapper(ctx);
        Map<Long, SourceRow> rows = new java.util.HashMap<>();
        HazardHandlingTest.rows(index, GpmFile.INVOICES).forEach(r -> rows.put(r.id(), r));
        assertEquals(new TargetRecord.StateChange(3, 100003), mapper.deferredState(SPEC.get("invoices"), rows.get(30012L)));
        SourceRow outstanding = rows.values().stream().filter(r -> "OUTSTANDING".equals(r.get("status"))).findFirst().orElseThrow();
        assertNull(mapper.deferredState(SPEC.get("invoices"), outstanding));
        assertNull(mapper.deferredState(SPEC.get("invoices"), rows.get(30002L)), "a re-export is never written, nor closed");
    }

    @Test
    void aReExportIsSkippedWithItsLinesAndNamesTheOriginal() {
        MappingResult repeat = map(ctx, "invoices", GpmFile.INVOICES, 30002);
        assertTrue(repeat.isSkipped());
        assertEquals(SkipRules.REEXPORT, repeat.skipRule());
        assertTrue(repeat.skipReason().contains("invoice-30001"), repeat.skipReason());
        MappingResult line = map(ctx, "invoice-lines", GpmFile.INVOICE_LINES, 40003);
        assertEquals(SkipRules.REEXPORT, line.skipRule());
        assertTrue(line.skipReason().contains("invoice-30002"));
    }

    @Test
    void theOriginalTakesASyncedRepeatsXeroIdOnlyWhenItsOwnSyncFailed() throws Exception {
        ExportFixture copy = ExportFixture.copyOfSample()
                .edit("invoices.csv", HazardHandlingTest.line("30001,3456,", l -> l.replace(",0b6c3d1e-1111-4a5b-8c9d-000000030001,SYNCED,", ",,FAILED,")))
                .reseal();
        MappingContext changed = HazardHandlingTest.context(ExportIndex.build(ExportPackage.open(copy.dir())), Long.MAX_VALUE);
        MappingResult result = map(changed, "invoices", GpmFile.INVOICES, 30001);
        TargetRecord r = result.records().get(0);
        assertEquals("0b6c3d1e-2222-4a5b-8c9d-000000030002", r.attributes.path("new_xeroinvoiceid").asText());
        assertEquals(100_000_002, r.attributes.path("new_xerosyncstatus").asInt(), "SYNCED, as the repeat");
        assertTrue(result.findings().contains(new Finding("invoice-30001", "new_xeroinvoiceid ← invoice-30002",
                Finding.XERO_ID_FROM_REEXPORT)));
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(copy.dir())) {
            for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
    }

    @Test
    void aHeaderACentOffItsLinesIsLoadedAndReported() {
        MappingResult result = map(ctx, "invoices", GpmFile.INVOICES, 30005);
        assertFalse(result.isSkipped());
        assertTrue(result.findings().contains(new Finding("invoice-30005", "subtotal_excl_tax", Finding.TOTALS_MISMATCH)),
                result.findings().toString());
        assertTrue(map(ctx, "invoices", GpmFile.INVOICES, 30001).findings().stream()
                .noneMatch(f -> f.code().equals(Finding.TOTALS_MISMATCH)));
    }

    @Test
    void aLineIsAWriteInProductOnItsInvoice() {
        TargetRecord r = map(ctx, "invoice-lines", GpmFile.INVOICE_LINES, 40001).records().get(0);
        assertEquals("invoicedetail", r.table);
        assertEquals("/invoices(" + ctx.ids().idFor("invoice-30001") + ")", r.attributes.path("invoiceid@odata.bind").asText());
        assertTrue(r.attributes.path("isproductoverridden").asBoolean());
        assertEquals("SURCH ACC surcharge", r.attributes.path("productdescription").asText());
        assertEquals(0, new BigDecimal("17.39").compareTo(r.attributes.path("priceperunit").decimalValue()));
        assertEquals(0, BigDecimal.ONE.compareTo(r.attributes.path("quantity").decimalValue()));
        assertEquals(0, new BigDecimal("2.61").compareTo(r.attributes.path("tax").decimalValue()));
        assertEquals(1, r.attributes.path("lineitemnumber").asInt());
        assertEquals(100_000_000, r.attributes.path("new_linekind").asInt());
        assertEquals(TargetRecord.OwnerRule.NONE, r.ownerRule);
    }

    /** Every line of the sample: what Dataverse computes from what is sent equals the source, to the cent. */
    @Test
    void everySampleLineComputesToItsSourceTotalsWhateverTheMidpointRule() {
        int adjusted = 0;
        for (SourceRow row : HazardHandlingTest.rows(index, GpmFile.INVOICE_LINES)) {
            MappingResult result = new RecordMapper(ctx).map(SPEC.get("invoice-lines"), row, "run-1", 1);
            if (result.isSkipped()) {
                continue;
            }
            TargetRecord r = result.records().get(0);
            BigDecimal price = r.attributes.path("priceperunit").decimalValue();
            assertTrue(price.scale() <= 2, "a price Dataverse holds at its default pricing precision: " + price);
            BigDecimal product = price.multiply(r.attributes.path("quantity").decimalValue());
            for (RoundingMode mode : List.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN)) {
                BigDecimal extended = product.setScale(2, mode).add(r.attributes.path("tax").decimalValue());
                assertEquals(0, row.decimal("line_total_incl_tax").compareTo(extended), r.key + " " + mode);
            }
            if (!r.attributes.path("productdescription").asText().endsWith(row.get("description"))) {
                adjusted++;
                assertTrue(r.attributes.path("productdescription").asText().contains("(source: " + row.get("quantity")
                        + " × " + row.get("unit_price_excl_tax") + ")"));
            }
        }
        assertTrue(adjusted > 0, "the sample has 4-decimal prices that need adjusting");
    }

    @Test
    void lineAmountsKeepTheSourceQuantityWhereThePriceCanBeExact() {
        InvoiceLineAmounts asIs = InvoiceLineAmounts.of(new BigDecimal("3.00"), new BigDecimal("17.3913"), new BigDecimal("52.17"), 2);
        assertEquals(InvoiceLineAmounts.Kind.AS_IS, asIs.kind());
        assertEquals(new BigDecimal("17.39"), asIs.pricePerUnit());
        // 0.5 × 10.01 = 5.005: 5.01 half up, 5.00 half even — the price that gives 5.01 exactly is 10.02
        InvoiceLineAmounts adjusted = InvoiceLineAmounts.of(new BigDecimal("0.50"), new BigDecimal("10.0100"), new BigDecimal("5.01"), 2);
        assertEquals(InvoiceLineAmounts.Kind.PRICE_ADJUSTED, adjusted.kind());
        assertEquals(new BigDecimal("10.02"), adjusted.pricePerUnit());
        InvoiceLineAmounts folded = InvoiceLineAmounts.of(new BigDecimal("3.00"), new BigDecimal("12.3456"), new BigDecimal("37.04"), 2);
        assertEquals(InvoiceLineAmounts.Kind.FOLDED, folded.kind());
        assertEquals(0, BigDecimal.ONE.compareTo(folded.quantity()));
        assertEquals(new BigDecimal("37.04"), folded.pricePerUnit());
        assertEquals(" (source: 3.00 × 12.3456)", folded.sourceNote(new BigDecimal("3.00"), new BigDecimal("12.3456")));
        assertEquals(InvoiceLineAmounts.Kind.AS_IS,
                InvoiceLineAmounts.of(new BigDecimal("3.00"), new BigDecimal("12.3456"), new BigDecimal("37.04"), 4).kind(),
                "an organisation with pricing precision 4 keeps the source price");
        assertEquals(InvoiceLineAmounts.Kind.AS_IS,
                InvoiceLineAmounts.of(new BigDecimal("-1.00"), new BigDecimal("40.0000"), new BigDecimal("-40.00"), 2).kind(),
                "a credit line's negative quantity");
    }

    @Test
    void contactReferenceWritesOneNoteOnTheContactAndNoLines() {
        MappingContext asNotes = ctx.withInvoicesAsContactNotes(true);
        TargetRecord note = map(asNotes, "invoices", GpmFile.INVOICES, 30001).records().get(0);
        assertEquals("annotation", note.table);
        assertEquals("invoice-30001", note.key);
        assertEquals(ctx.ids().idFor("invoice-30001"), note.id);
        assertEquals("/contacts(" + ctx.ids().idFor("client-1001") + ")", note.attributes.path("objectid_contact@odata.bind").asText());
        assertEquals("contact", note.attributes.path("objecttypecode").asText());
        assertEquals("Invoice 3456", note.attributes.path("subject").asText());
        String text = note.attributes.path("notetext").asText();
        for (String fact : List.of("Invoice number: 3456", "Invoice date: 2024-02-19; due 2024-03-10", "total 40.00",
                "Status: PAID", "0b6c3d1e-1111-4a5b-8c9d-000000030001")) {
            assertTrue(text.contains(fact), fact + " in " + text);
        }
        assertFalse(note.attributes.has("new_gensolveid"), "notes take no custom columns");
        assertTrue(note.directoryRefs.isEmpty(), "no price list for a note");
        assertNull(note.state);
        SourceRow row = HazardHandlingTest.rows(index, GpmFile.INVOICES).stream().filter(x -> x.id() == 30001).findFirst().orElseThrow();
        assertNull(new RecordMapper(asNotes).deferredState(SPEC.get("invoices"), row), "a note is never closed");
        MappingResult line = map(asNotes, "invoice-lines", GpmFile.INVOICE_LINES, 40001);
        assertEquals(SkipRules.CONTACT_REFERENCE, line.skipRule());
        MappingSpec option = new MappingSpec(null, SPEC.objects(), "contact-reference");
        assertTrue(option.invoicesAsContactNotes());
        // the whole run sees the notes' shape: no invoice table is counted, closed or given topics
        assertEquals("annotation", option.get("invoices").table());
        assertFalse(RecordMapper.defersState(option.get("invoices")));
        assertEquals("annotation", option.get("invoice-lines").table(), "no invoicedetail table looked for; every line is skipped");
        TargetRecord same = new RecordMapper(asNotes).map(option.get("invoices"),
                HazardHandlingTest.rows(index, GpmFile.INVOICES).stream().filter(x -> x.id() == 30001).findFirst().orElseThrow(),
                "run-1", 1).records().get(0);
        assertEquals(note.attributes, same.attributes);
        assertFalse(SPEC.invoicesAsContactNotes());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MappingSpec(null, SPEC.objects(), "contact"), "a typo in the option is refused, not ignored");
    }
}
