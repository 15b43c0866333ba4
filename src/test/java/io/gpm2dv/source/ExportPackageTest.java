package io.gpm2dv.source;

import static io.gpm2dv.source.SampleRows.client;
import static io.gpm2dv.source.SampleRows.site;
import static io.gpm2dv.source.TestPackage.CRLF;
import static io.gpm2dv.source.TestPackage.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifest and package verification (§6, §10 step 1): what opens, and how each refusal is worded. */
class ExportPackageTest {
    @TempDir
    Path dir;

    @Test
    void validPackageOpensAndStreamsTypedRows() throws Exception {
        ExportPackage pkg = TestPackage.in(dir).rows(GpmFile.SITES, site(1))
                .rows(GpmFile.CLIENTS, client(1042), client(1043)).seal().open();

        assertEquals("3f2b8c1e-7a44-4c61-9a57-0d2e5b9f1c20", pkg.manifest().exportId());
        assertEquals("Harbourside Physiotherapy Ltd", pkg.manifest().practiceName());
        assertEquals("NZ", pkg.manifest().sourceRegion());
        assertEquals("Pacific/Auckland", pkg.manifest().sourceTimezone());
        assertEquals("NZD", pkg.manifest().currency());
        assertEquals("1.0.0", pkg.manifest().schemaVersion());
        assertEquals(2, pkg.manifest().file("clients.csv").rows());
        assertEquals(dir, pkg.dir());

        List<RowResult> rows = readAll(pkg, GpmFile.CLIENTS);
        assertEquals(2, rows.size());
        SourceRow first = assertInstanceOf(SourceRow.class, rows.get(0));
        assertEquals(1, first.rowNumber());
        assertEquals(1042L, first.id());
        assertEquals("client-1042", first.migrationKey());
        assertEquals(java.time.LocalDate.of(1990, 4, 5), first.date("date_of_birth"));
        assertEquals(Boolean.TRUE, first.bool("email_opt_out"));
        assertNull(first.get("middle_name"), "an empty field is NULL");
        assertTrue(first.values().containsKey("middle_name"), "every documented column is present");
        assertEquals(2, rows.get(1).rowNumber());

        SourceRow s = assertInstanceOf(SourceRow.class, readAll(pkg, GpmFile.SITES).get(0));
        assertEquals(new java.math.BigDecimal("45.00"), s.decimal("cancellation_fee"));
    }

    @Test
    void refusesChecksumMismatch() throws Exception {
        TestPackage p = TestPackage.in(dir).rows(GpmFile.CLIENTS, client(1)).seal();
        String text = Files.readString(dir.resolve("clients.csv"));
        Files.writeString(dir.resolve("clients.csv"), text.replace("MALE", "OTHE")); // same length
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("clients.csv", e.file());
        assertTrue(e.getMessage().startsWith("clients.csv: sha256 in manifest.json is "), e.getMessage());
        assertTrue(e.getMessage().contains(" but the file's is " + TestPackage.sha256(Files.readAllBytes(dir.resolve("clients.csv")))),
                e.getMessage());
    }

    @Test
    void refusesBytesMismatch() throws Exception {
        TestPackage p = TestPackage.in(dir).rows(GpmFile.CLIENTS, client(1)).seal();
        long size = Files.size(dir.resolve("clients.csv"));
        Files.writeString(dir.resolve("clients.csv"), line(List.of("x")), java.nio.file.StandardOpenOption.APPEND);
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("clients.csv: bytes in manifest.json is " + size + " but the file has " + (size + 3), e.getMessage());
    }

    @Test
    void refusesRowsMismatch() throws Exception {
        String header = line(ExportSchema.of(GpmFile.REFERRERS).columnNames());
        TestPackage p = TestPackage.in(dir).write("referrers.csv", header + line(row(SampleRows.referrer(1))), 2).seal();
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("referrers.csv: rows in manifest.json is 2 but the file has 1 data records", e.getMessage());
    }

    @Test
    void rowsCountRecordsNotPhysicalLines() throws Exception {
        String header = line(ExportSchema.of(GpmFile.REFERRERS).columnNames());
        String multiLine = line(row(SampleRows.with(SampleRows.referrer(1), "display_name", "Dr A\r\nSmith\nJr")));
        ExportPackage pkg = TestPackage.in(dir).write("referrers.csv", header + multiLine + line(row(SampleRows.referrer(2))), 2)
                .seal().open();
        List<RowResult> rows = readAll(pkg, GpmFile.REFERRERS);
        assertEquals("Dr A\r\nSmith\nJr", ((SourceRow) rows.get(0)).get("display_name"));
        assertEquals(2, rows.get(1).rowNumber());
    }

    @Test
    void refusesMissingRequiredFile() throws Exception {
        TestPackage p = TestPackage.in(dir).delete("invoices.csv").unlist("invoices.csv").seal();
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("invoices.csv: required file is missing", e.getMessage());
    }

    @Test
    void refusesRequiredFileNotListed() throws Exception {
        TestPackage p = TestPackage.in(dir).unlist("invoices.csv").seal();
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("invoices.csv: required file is not listed in manifest.json", e.getMessage());
    }

    @Test
    void refusesListedFileMissingFromDisk() throws Exception {
        TestPackage p = TestPackage.in(dir).rows(GpmFile.PAYMENTS).seal().delete("payments.csv");
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("payments.csv: is listed in manifest.json but missing from the package", e.getMessage());
    }

    @Test
    void refusesUnlistedOptionalFileOnDisk() throws Exception {
        TestPackage p = TestPackage.in(dir).rows(GpmFile.CONDITIONS).unlist("conditions.csv").seal();
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("conditions.csv", e.file());
    }

    @Test
    void optionalFileAbsentStreamsNothing() throws Exception {
        ExportPackage pkg = TestPackage.in(dir).seal().open();
        try (RowStream rows = pkg.rows(GpmFile.CONDITIONS)) {
            assertFalse(rows.hasNext());
        }
    }

    @Test
    void refusesUnknownMajorVersion() throws Exception {
        TestPackage p = TestPackage.in(dir).seal(m -> m.put("schema_version", "2.0.0"));
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("manifest.json: schema_version 2.0.0 has unknown major version 2 (this product reads 1.x)",
                e.getMessage());
    }

    @Test
    void refusesVersionThatIsNotSemVer() throws Exception {
        TestPackage p = TestPackage.in(dir).seal(m -> m.put("schema_version", "1.0"));
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertTrue(e.getMessage().startsWith("manifest.json: schema_version '1.0' is not a SemVer version"), e.getMessage());
    }

    @Test
    void acceptsHigherMinorVersion() throws Exception {
        ExportPackage pkg = TestPackage.in(dir).seal(m -> m.put("schema_version", "1.7.2")).open();
        assertEquals("1.7.2", pkg.manifest().schemaVersion());
    }

    @Test
    void refusesWrongFormat() throws Exception {
        TestPackage p = TestPackage.in(dir).seal(m -> m.put("format", "cliniko-export"));
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("manifest.json: format is 'cliniko-export', expected 'gensolve-gpm-export'", e.getMessage());
    }

    @Test
    void refusesMissingMandatoryKey() throws Exception {
        TestPackage p = TestPackage.in(dir).seal(m -> m.remove("data_cutoff_at"));
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("manifest.json: lacks mandatory key 'data_cutoff_at'", e.getMessage());
    }

    @Test
    void refusesMissingOrBrokenManifest() throws Exception {
        TestPackage.in(dir);
        ExportRefusedException missing = assertThrows(ExportRefusedException.class, () -> ExportPackage.open(dir));
        assertEquals("manifest.json", missing.file());
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": ");
        ExportRefusedException broken = assertThrows(ExportRefusedException.class, () -> ExportPackage.open(dir));
        assertTrue(broken.getMessage().startsWith("manifest.json: is not valid JSON"), broken.getMessage());
    }

    @Test
    void refusesHeaderMissingColumn() throws Exception {
        List<String> header = new ArrayList<>(ExportSchema.of(GpmFile.REFERRERS).columnNames());
        header.remove("display_name");
        TestPackage p = TestPackage.in(dir).write("referrers.csv", line(header), 0).seal();
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("referrers.csv: header lacks column 'display_name'", e.getMessage());
    }

    @Test
    void refusesHeaderWithoutAuditColumns() throws Exception {
        List<String> header = new ArrayList<>(ExportSchema.of(GpmFile.SITES).columnNames());
        header.remove("updated_at");
        TestPackage p = TestPackage.in(dir).write("sites.csv", line(header), 0).seal();
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("sites.csv: header lacks column 'updated_at'", e.getMessage());
    }

    @Test
    void unknownExtraColumnIsIgnoredAndColumnsBindByName() throws Exception {
        List<String> header = new ArrayList<>(ExportSchema.of(GpmFile.REFERRERS).columnNames());
        java.util.Collections.reverse(header);
        header.add(3, "favourite_colour");
        var referrer = SampleRows.with(SampleRows.referrer(7), "favourite_colour", "teal");
        List<String> fields = new ArrayList<>();
        header.forEach(c -> fields.add(referrer.get(c)));
        ExportPackage pkg = TestPackage.in(dir).write("referrers.csv", line(header) + line(fields), 1).seal().open();

        SourceRow r = assertInstanceOf(SourceRow.class, readAll(pkg, GpmFile.REFERRERS).get(0));
        assertEquals(7L, r.id());
        assertEquals("Dr A. Smith", r.get("display_name"));
        assertEquals("GP", r.get("referrer_type"));
        assertFalse(r.values().containsKey("favourite_colour"));
    }

    @Test
    void refusesUnterminatedQuoteAfterChecksumsMatch() throws Exception {
        String header = line(ExportSchema.of(GpmFile.REFERRERS).columnNames());
        TestPackage p = TestPackage.in(dir).write("referrers.csv", header + "1,GP,,,,\"never closed" + CRLF, 1).seal();
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("referrers.csv: record 2 (field 6) has a quoted field that never ends", e.getMessage());
    }

    @Test
    void refusesInvalidUtf8() throws Exception {
        String header = line(ExportSchema.of(GpmFile.REFERRERS).columnNames());
        byte[] head = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xC3; // a lone lead byte, then CRLF
        bytes[head.length + 1] = '\r';
        bytes[head.length + 2] = '\n';
        TestPackage p = TestPackage.in(dir).writeBytes("referrers.csv", bytes, 1).seal();
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertTrue(e.getMessage().startsWith("referrers.csv: is not valid UTF-8"), e.getMessage());
    }

    @Test
    void unknownListedFileIsVerifiedButNotRead() throws Exception {
        TestPackage p = TestPackage.in(dir).write("extras.csv", "a,b" + CRLF + "1,2" + CRLF, 1).seal();
        p.open();
        Files.writeString(dir.resolve("extras.csv"), "a,b" + CRLF + "1,3" + CRLF);
        ExportRefusedException e = assertThrows(ExportRefusedException.class, p::open);
        assertEquals("extras.csv", e.file());
    }

    static List<String> row(java.util.Map<String, String> values) {
        List<String> fields = new ArrayList<>();
        ExportSchema.of(GpmFile.REFERRERS).columnNames().forEach(c -> fields.add(values.get(c)));
        return fields;
    }

    static List<RowResult> readAll(ExportPackage pkg, GpmFile file) throws Exception {
        List<RowResult> out = new ArrayList<>();
        try (RowStream rows = pkg.rows(file)) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }
}
