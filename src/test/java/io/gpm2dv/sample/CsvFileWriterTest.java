package io.gpm2dv.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gpm2dv.source.ColumnSpec;
import io.gpm2dv.source.ExportSchema;
import io.gpm2dv.source.FileSchema;
import io.gpm2dv.source.GpmFile;

/** The generator refuses a value the reader would reject, and a few a producer must not emit though a reader takes them. */
class CsvFileWriterTest {
    static final FileSchema CLIENTS = ExportSchema.of(GpmFile.CLIENTS);

    static String problem(String column, String value) {
        ColumnSpec c = CLIENTS.column(column);
        return CsvFileWriter.problem(c, value);
    }

    @Test
    void readerRulesApply() {
        assertNull(problem("gender", "FEMALE"));
        assertEquals("last_name: is NULL but the column is not nullable", problem("last_name", null));
        assertTrue(problem("date_of_birth", "1990-02-30").startsWith("date_of_birth: the value is not a calendar date"));
        assertTrue(problem("is_archived", "yes").startsWith("is_archived: the value is not Y or N"));
        assertTrue(problem("title", "x".repeat(21)).contains("more than string(20)"));
    }

    @Test
    void producerRulesGoFurther() {
        assertEquals("zero-length string", problem("middle_name", ""));
        assertEquals("not NFC", problem("first_name", "Ta\u0304ne"));
        // a consumer accepts an unknown well-formed code (§7), a producer emits only listed ones
        assertEquals("not in code list GENDER", problem("gender", "NONBINARY"));
        // a consumer accepts any offset (§5), a producer writes the source zone's
        assertEquals("offset is not the source zone's", problem("created_at", "2024-01-01T09:30:00Z"));
        assertNull(problem("created_at", "2024-01-01T09:30:00+13:00"));
        assertEquals("id with a leading zero", problem("client_id", "01001"));
    }

    @Test
    void anInvalidRowStopsTheGenerator(@TempDir Path dir) throws IOException {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        try (CsvFileWriter w = new CsvFileWriter(dir, CLIENTS)) {
            CsvFileWriter.Row row = w.row().v("client_id", 1001L).v("last_name", "Ngata").v("gender", "NONBINARY")
                    .v("has_health_issue", false).v("sms_opt_out", false).v("email_opt_out", false)
                    .v("has_portal_account", false).v("status", "ACTIVE").v("is_archived", false);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> row.write(t, t));
            assertEquals("clients.csv row 1001 gender: not in code list GENDER", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.row().v("no_such_column", "x"));
        }
        assertEquals(1, Files.readAllLines(dir.resolve("clients.csv")).size(), "only the header was written");
    }
}
