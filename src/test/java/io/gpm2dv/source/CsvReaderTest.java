package io.gpm2dv.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RFC 4180 dialect of §5, record by record, and proof that the reader never holds more than a record. */
class CsvReaderTest {
    private static List<List<String>> parse(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new StringReader(text))) {
            for (List<String> r; (r = csv.next()) != null;) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void quotedFieldsKeepEmbeddedCrlfCommasAndDoubledQuotes() throws IOException {
        List<List<String>> records = parse("a,b,c\r\n\"line1\r\nline2\",\"say \"\"hi\"\", ok\",\"x,y\"\r\n");
        assertEquals(2, records.size());
        assertEquals(List.of("line1\r\nline2", "say \"hi\", ok", "x,y"), records.get(1));
    }

    @Test
    void emptyAndQuotedEmptyFieldsAreBothEmpty() throws IOException {
        assertEquals(List.of("", "", "x", ""), parse(",\"\",x,\r\n").get(0));
    }

    @Test
    void leadingBomIsDroppedOnlyAtTheStart() throws IOException {
        List<List<String>> records = parse("\uFEFFsite_id,name\r\n1,\uFEFFa\r\n");
        assertEquals("site_id", records.get(0).get(0));
        assertEquals("\uFEFFa", records.get(1).get(1));
    }

    @Test
    void bareLfEndsARecordAndLastRecordNeedsNoNewline() throws IOException {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2"), List.of("3", "4")), parse("a,b\n1,2\r\n3,4"));
    }

    @Test
    void blankLinesAreNotRecords() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader("a\r\n\r\n1\r\n\r\n"))) {
            assertEquals(List.of("a"), csv.next());
            assertEquals(List.of("1"), csv.next());
            assertNull(csv.next());
            assertEquals(2, csv.records());
        }
    }

    @Test
    void aQuotedEmptyLineIsARecord() throws IOException {
        assertEquals(List.of(List.of("a"), List.of("")), parse("a\r\n\"\"\r\n"));
    }

    @Test
    void textAfterAClosingQuoteIsFlaggedNotFatal() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader("a,b\r\n1,\"x\"y\r\n2,z\r\n"))) {
            csv.next();
            assertEquals(List.of("1", "xy"), csv.next());
            assertEquals(1, csv.malformedField());
            assertEquals("text after the closing quote", csv.malformation());
            assertEquals(List.of("2", "z"), csv.next());
            assertNull(csv.malformation());
        }
    }

    @Test
    void unterminatedQuoteIsAFormatError() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> parse("a\r\n\"open\r\n"));
        assertEquals("record 2 (field 1) has a quoted field that never ends", e.getMessage());
    }

    @Test
    void fieldsAboveTheCapStopTheReader() {
        CsvReader csv = new CsvReader(new StringReader("a\r\n\"" + "x".repeat(11) + "\"\r\n"), 10);
        assertThrows(CsvFormatException.class, () -> {
            csv.next();
            csv.next();
        });
    }

    @Test
    void sixteenMebibyteFieldIsAccepted(@TempDir Path dir) throws Exception {
        int size = 16 * 1024 * 1024 + 1;
        StringBuilder notes = new StringBuilder(size);
        String chunk = "{\\rtf1 \"quoted\", comma\r\n";
        while (notes.length() < size) {
            notes.append(chunk);
        }
        notes.setLength(size);
        Map<String, String> client = SampleRows.with(SampleRows.client(1), "general_notes", notes.toString());
        ExportPackage pkg = TestPackage.in(dir).rows(GpmFile.CLIENTS, client, SampleRows.client(2)).seal().open();
        List<RowResult> rows = ExportPackageTest.readAll(pkg, GpmFile.CLIENTS);
        SourceRow big = assertInstanceOf(SourceRow.class, rows.get(0));
        assertEquals(size, big.get("general_notes").length());
        assertEquals(notes.toString(), big.get("general_notes"));
        assertEquals(2L, assertInstanceOf(SourceRow.class, rows.get(1)).id());
    }

    @Test
    void rowsStreamBeforeTheInputIsExhausted() throws Exception {
        long records = 1_000_000;
        GeneratedSites input = new GeneratedSites(records);
        try (RowStream rows = CsvRowStream.over(GpmFile.SITES, new CsvReader(input))) {
            SourceRow first = assertInstanceOf(SourceRow.class, rows.next());
            assertEquals(1L, first.id());
            long afterFirst = input.served;
            assertTrue(afterFirst <= 64 * 1024 * 2, "first row after " + afterFirst + " chars");
            for (int i = 2; i <= 20_000; i++) {
                assertEquals((long) i, ((SourceRow) rows.next()).id());
            }
            assertTrue(input.served < input.total / 10,
                    "20k rows read " + input.served + " of " + input.total + " chars: the reader must not run ahead");
        }
    }

    /** A sites.csv of {@code records} rows produced on demand; counts the characters handed to the reader. */
    private static final class GeneratedSites extends Reader {
        private final long records;
        private final long total;
        private long next;
        private String pending;
        private int offset;
        long served;

        GeneratedSites(long records) {
            this.records = records;
            this.pending = TestPackage.line(ExportSchema.of(GpmFile.SITES).columnNames());
            this.total = (long) pending.length() + records * row(1).length();
        }

        private static String row(long id) {
            List<String> fields = new ArrayList<>();
            Map<String, String> site = SampleRows.site(id);
            ExportSchema.of(GpmFile.SITES).columnNames().forEach(c -> fields.add(site.get(c)));
            return TestPackage.line(fields);
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (offset == pending.length()) {
                if (next == records) {
                    return -1;
                }
                pending = row(++next);
                offset = 0;
            }
            int n = Math.min(len, pending.length() - offset);
            pending.getChars(offset, offset + n, buf, off);
            offset += n;
            served += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
