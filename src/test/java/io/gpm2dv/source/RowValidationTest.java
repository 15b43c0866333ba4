package io.gpm2dv.source;

import static io.gpm2dv.source.SampleRows.client;
import static io.gpm2dv.source.SampleRows.with;
import static io.gpm2dv.source.TestPackage.CRLF;
import static io.gpm2dv.source.TestPackage.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed validation of records (§5, §8, §10 step 2): a bad record is rejected precisely and the stream goes on. */
class RowValidationTest {
    @TempDir
    Path dir;

    /** Streams clients.csv holding a good row, the row under test, and another good row. */
    private RowResult middleOf(Map<String, String> bad) throws Exception {
        ExportPackage pkg = TestPackage.in(dir).rows(GpmFile.CLIENTS, client(1), bad, client(3)).seal().open();
        List<RowResult> rows = ExportPackageTest.readAll(pkg, GpmFile.CLIENTS);
        assertEquals(3, rows.size(), "the stream goes on after a rejected row");
        assertInstanceOf(SourceRow.class, rows.get(0));
        SourceRow after = assertInstanceOf(SourceRow.class, rows.get(2));
        assertEquals(3, after.rowNumber());
        assertEquals(3L, after.id());
        return rows.get(1);
    }

    private RejectedRow rejected(Map<String, String> bad) throws Exception {
        RejectedRow r = assertInstanceOf(RejectedRow.class, middleOf(bad));
        assertEquals(GpmFile.CLIENTS, r.file());
        assertEquals(2, r.rowNumber());
        return r;
    }

    private SourceRow accepted(Map<String, String> row) throws Exception {
        return assertInstanceOf(SourceRow.class, middleOf(row));
    }

    @Test
    void badDateIsRejectedWithFileRowAndColumn() throws Exception {
        RejectedRow r = rejected(with(client(2), "date_of_birth", "1990-02-30"));
        assertEquals("date_of_birth", r.column());
        assertEquals("date_of_birth: the value is not a calendar date (YYYY-MM-DD)", r.reason());
        assertEquals("1990-02-30", r.rawValues().get("date_of_birth"), "the value travels in the payload, never in the reason");
        assertEquals("2", r.rawId());
    }

    @Test
    void dateInAnotherLayoutIsRejected() throws Exception {
        RejectedRow r = rejected(with(client(2), "date_of_birth", "05/04/1990"));
        assertEquals("date_of_birth: the value is not a date (YYYY-MM-DD)", r.reason());
    }

    @Test
    void overLongStringIsRejected() throws Exception {
        RejectedRow r = rejected(with(client(2), "last_name", "x".repeat(61)));
        assertEquals("last_name", r.column());
        assertEquals("last_name: the value is 61 characters long, more than string(60) allows", r.reason());
    }

    @Test
    void lengthCountsCodePointsAfterNfc() throws Exception {
        // 60 macron vowels decomposed are 120 chars but 60 code points once composed: within string(60).
        String decomposed = Normalizer.normalize("ā".repeat(60), Normalizer.Form.NFD);
        assertEquals(120, decomposed.length());
        assertEquals("ā".repeat(60), accepted(with(client(2), "last_name", decomposed)).get("last_name"));
        // Astral characters count once each although Java stores two chars.
        assertEquals(60, accepted(with(client(2), "last_name", "😀".repeat(60))).get("last_name").codePointCount(0, 120));
    }

    @Test
    void nfdInputIsNormalisedToNfc() throws Exception {
        String nfd = Normalizer.normalize("Kūmara-Ōtaki", Normalizer.Form.NFD);
        SourceRow r = accepted(with(client(2), "last_name", nfd));
        assertEquals("Kūmara-Ōtaki", r.get("last_name"));
        assertEquals(Normalizer.normalize("Kūmara-Ōtaki", Normalizer.Form.NFC), r.get("last_name"));
    }

    @Test
    void badBooleanIsRejected() throws Exception {
        RejectedRow r = rejected(with(client(2), "sms_opt_out", "yes"));
        assertEquals("sms_opt_out", r.column());
        assertEquals("sms_opt_out: the value is not Y or N", r.reason());
    }

    @Test
    void nullInNotNullColumnIsRejected() throws Exception {
        RejectedRow r = rejected(with(client(2), "last_name", null));
        assertEquals("last_name", r.column());
        assertEquals("last_name: is NULL but the column is not nullable", r.reason());
    }

    @Test
    void quotedEmptyFieldIsNullToo() throws Exception {
        String header = line(ExportSchema.of(GpmFile.CLIENTS).columnNames());
        String row = line(fields(with(client(1), "middle_name", "MIDDLE"))).replace("MIDDLE", "\"\"");
        ExportPackage pkg = TestPackage.in(dir).write("clients.csv", header + row, 1).seal().open();
        SourceRow r = assertInstanceOf(SourceRow.class, ExportPackageTest.readAll(pkg, GpmFile.CLIENTS).get(0));
        assertNull(r.get("middle_name"));
    }

    @Test
    void whitespaceOnlyStringIsData() throws Exception {
        SourceRow r = accepted(with(client(2), "last_name", "   "));
        assertEquals("   ", r.get("last_name"), "H17: whitespace-only values are emitted as found, not NULL or trimmed");
    }

    @Test
    void wrongFieldCountIsRejectedWithoutColumn() throws Exception {
        String header = line(ExportSchema.of(GpmFile.CLIENTS).columnNames());
        String good1 = TestPackage.line(fields(client(1)));
        String shortRow = "2,C2,Mr" + CRLF;
        String good3 = TestPackage.line(fields(client(3)));
        ExportPackage pkg = TestPackage.in(dir).write("clients.csv", header + good1 + shortRow + good3, 3).seal().open();
        List<RowResult> rows = ExportPackageTest.readAll(pkg, GpmFile.CLIENTS);
        RejectedRow r = assertInstanceOf(RejectedRow.class, rows.get(1));
        assertEquals(2, r.rowNumber());
        assertNull(r.column());
        assertEquals("has 3 fields but the header has " + ExportSchema.of(GpmFile.CLIENTS).columns().size(), r.reason());
        assertEquals("C2", r.rawValues().get("client_number"));
        assertEquals(3L, assertInstanceOf(SourceRow.class, rows.get(2)).id());
    }

    @Test
    void duplicatePrimaryKeyRejectsTheSecondOccurrence() throws Exception {
        RejectedRow r = rejected(with(client(1), "last_name", "Smith"));
        assertEquals("client_id", r.column());
        assertEquals("client_id: id 1 repeats the key of an earlier row", r.reason());
        assertEquals("Smith", r.rawValues().get("last_name"));
    }

    @Test
    void keyOfARejectedRowIsNotTaken() throws Exception {
        Map<String, String> badFirst = with(client(5), "gender", "male");
        Map<String, String> goodSecond = client(5);
        ExportPackage pkg = TestPackage.in(dir).rows(GpmFile.CLIENTS, badFirst, goodSecond).seal().open();
        List<RowResult> rows = ExportPackageTest.readAll(pkg, GpmFile.CLIENTS);
        assertInstanceOf(RejectedRow.class, rows.get(0));
        assertEquals(5L, assertInstanceOf(SourceRow.class, rows.get(1)).id());
    }

    @Test
    void unknownWellFormedCodeIsAcceptedForTheMappingToNote() throws Exception {
        assertEquals("NON_BINARY", accepted(with(client(2), "gender", "NON_BINARY")).get("gender"));
    }

    @Test
    void valueThatCannotBeACodeIsRejected() throws Exception {
        RejectedRow r = rejected(with(client(2), "gender", "Male"));
        assertEquals("gender", r.column());
        assertEquals("gender: the value is not a code (ASCII upper snake case, at most 30 characters)", r.reason());
    }

    @Test
    void idMustBePositiveAndAtMostTwelveDigits() throws Exception {
        assertEquals("client_id", rejected(with(client(2), "client_id", "0")).column());
        assertEquals("client_id", rejected(with(client(2), "client_id", "1000000000000")).column());
        assertEquals("default_site_id: the value is not an id (a positive integer up to 999999999999)",
                rejected(with(client(2), "default_site_id", "-4")).reason());
        assertEquals("999999999999", accepted(with(client(2), "client_id", "999999999999")).get("client_id"));
    }

    @Test
    void timestampsNeedAnOffsetAndAcceptZ() throws Exception {
        assertEquals("updated_at: the value is not a timestamp with offset (YYYY-MM-DDTHH:MM:SS±HH:MM or Z)",
                rejected(with(client(2), "updated_at", "2024-01-01T09:30:00")).reason());
        assertEquals("created_at", rejected(with(client(2), "created_at", "2024-02-30T09:30:00+13:00")).column());
        assertEquals("2024-01-01T09:30:00Z", accepted(with(client(2), "updated_at", "2024-01-01T09:30:00Z")).get("updated_at"));
    }

    @Test
    void decimalsNeedExactlyTheirScale(@TempDir Path other) throws Exception {
        Map<String, String> good = SampleRows.site(1);
        ExportPackage pkg = TestPackage.in(other).rows(GpmFile.SITES, good,
                with(SampleRows.site(2), "cancellation_fee", "45.5"),
                with(SampleRows.site(3), "no_show_fee", "1e3"),
                with(SampleRows.site(4), "cancellation_fee", "123456789.00"),
                with(SampleRows.site(5), "no_show_fee", "-0.50")).seal().open();
        List<RowResult> rows = ExportPackageTest.readAll(pkg, GpmFile.SITES);
        assertEquals("cancellation_fee: the value is not decimal(10,2) (-?digits.00)", ((RejectedRow) rows.get(1)).reason());
        assertEquals("no_show_fee", ((RejectedRow) rows.get(2)).column());
        assertEquals("cancellation_fee: the value has more than 8 digits before the point (decimal(10,2))",
                ((RejectedRow) rows.get(3)).reason());
        assertEquals("-0.50", ((SourceRow) rows.get(4)).get("no_show_fee"));
    }

    @Test
    void jsonColumnsMustParse(@TempDir Path other) throws Exception {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("first_name", "Ana");
        p.put("last_name", "Ngata");
        p.put("display_name", "Ana Ngata");
        p.put("practitioner_type", "PHYSIOTHERAPIST");
        p.put("restricted_notes", "N");
        p.put("is_active", "Y");
        p.put("created_at", "2019-03-01T09:30:00+13:00");
        p.put("updated_at", "2019-03-01T09:30:00+13:00");
        ExportPackage pkg = TestPackage.in(other).rows(GpmFile.PRACTITIONERS,
                with(with(p, "practitioner_id", "1"), "acc_provider_numbers", "[\"AB12\",\"CD34\"]"),
                with(with(p, "practitioner_id", "2"), "acc_provider_numbers", "[\"AB12\",34]"),
                with(with(p, "practitioner_id", "3"), "acc_provider_numbers", "[\"AB12\""),
                with(with(p, "practitioner_id", "4"), "acc_provider_numbers", "[] []")).seal().open();
        List<RowResult> rows = ExportPackageTest.readAll(pkg, GpmFile.PRACTITIONERS);
        assertEquals(List.of("AB12", "CD34"), ((SourceRow) rows.get(0)).stringArray("acc_provider_numbers"));
        assertEquals("acc_provider_numbers: the value is not a JSON array of strings", ((RejectedRow) rows.get(1)).reason());
        assertEquals("acc_provider_numbers: the value is not one JSON value", ((RejectedRow) rows.get(2)).reason());
        assertEquals("acc_provider_numbers: the value is not one JSON value", ((RejectedRow) rows.get(3)).reason());
    }

    @Test
    void strayQuoteIsRejectedAndTheStreamResynchronises() throws Exception {
        String header = line(ExportSchema.of(GpmFile.CLIENTS).columnNames());
        String bad = line(fields(client(2))).replace("Tāne", "T\"āne");
        ExportPackage pkg = TestPackage.in(dir)
                .write("clients.csv", header + line(fields(client(1))) + bad + line(fields(client(3))), 3).seal().open();
        List<RowResult> rows = ExportPackageTest.readAll(pkg, GpmFile.CLIENTS);
        RejectedRow r = assertInstanceOf(RejectedRow.class, rows.get(1));
        assertEquals("first_name", r.column());
        assertEquals("first_name: a quote inside an unquoted field (RFC 4180 quoting)", r.reason());
        assertEquals(3L, assertInstanceOf(SourceRow.class, rows.get(2)).id());
    }

    private static List<String> fields(Map<String, String> values) {
        List<String> out = new java.util.ArrayList<>();
        ExportSchema.of(GpmFile.CLIENTS).columnNames().forEach(c -> out.add(values.get(c)));
        return out;
    }
}
