package io.gpm2dv.verify;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.report.HtmlPage;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.GpmFile;

/**
 * The field-level diff of a run: {@code runs/<number>/diff.csv} and {@code diff.html} in the report directory, one
 * row per written record and sent column — object, key, table, column, the source file and column that feed it
 * (blank when computed), the source value, the value sent, the value read back and whether they match; mismatches
 * first. It holds values, so it is written only to the report directory (for the operator), never logged. The
 * read-back is the {@link ReadBackVerifier}'s, so writing the diff also verifies the run.
 */
@ApplicationScoped
public class FieldDiff {
    private static final Logger LOG = Logger.getLogger(FieldDiff.class);
    public static final List<String> HEADER = List.of("object", "key", "table", "column", "source", "source value",
            "sent value", "read-back value", "match");
    /** Rows the HTML page shows (mismatches first); the CSV has them all. */
    static final int HTML_ROWS = 2000;

    @Inject
    ReadBackVerifier verifier;

    @Inject
    MigrationConfig config;

    @Inject
    ExportSource exportSource;

    /** Verifies the run by read-back and writes its diff; returns the verification. */
    public VerificationSummary write(String runId, int runNumber, MappingSpec spec) {
        Path dir = dir(runNumber);
        try {
            Files.createDirectories(dir);
            Path mismatches = Files.createTempFile(dir, "diff-mismatches", ".tmp");
            Path matches = Files.createTempFile(dir, "diff-matches", ".tmp");
            VerificationSummary summary;
            try {
                SourceColumns sources = new SourceColumns(spec);
                SourceRows rows = new SourceRows(sources);
                try (BufferedWriter bad = Files.newBufferedWriter(mismatches, StandardCharsets.UTF_8);
                        BufferedWriter good = Files.newBufferedWriter(matches, StandardCharsets.UTF_8)) {
                    summary = verifier.verify(runId, spec, c -> {
                        List<String> source = sources.of(c.object(), c.table(), c.column());
                        String file = sources.file(c.object());
                        List<String> row = List.of(c.object(), c.key(), c.table(), c.column(),
                                source.isEmpty() || file == null ? "" : file + ":" + String.join("+", source),
                                rows.values(c.object(), c.key(), source), text(c.sent()), text(c.read()),
                                c.matches() ? "yes" : "no");
                        try {
                            (c.matches() ? good : bad).write(csvLine(row));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                Path csv = dir.resolve("diff.csv");
                Path tmp = dir.resolve("diff.csv.tmp");
                try (var out = Files.newOutputStream(tmp)) {
                    out.write(csvLine(HEADER).getBytes(StandardCharsets.UTF_8));
                    Files.copy(mismatches, out);
                    Files.copy(matches, out);
                }
                Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING);
                writeHtml(runNumber, csv, summary);
            } finally {
                Files.deleteIfExists(mismatches);
                Files.deleteIfExists(matches);
            }
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the field diff of run " + runNumber, e);
        }
    }

    /** The run's {@code diff.csv}, when it was written. */
    public Optional<Path> csv(int runNumber) {
        Path p = dir(runNumber).resolve("diff.csv");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The run's {@code diff.html}, when it was written. */
    public Optional<Path> html(int runNumber) {
        Path p = dir(runNumber).resolve("diff.html");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private Path dir(int runNumber) {
        return config.reportDir().resolve("runs").resolve(Integer.toString(runNumber));
    }

    private void writeHtml(int runNumber, Path csv, VerificationSummary summary) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        try (var lines = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CsvLines reader = new CsvLines(lines);
            reader.next(); // header
            List<String> row;
            while ((row = reader.next()) != null) {
                if (rows.size() < HTML_ROWS) {
                    rows.add(row);
                }
                total++;
            }
        }
        new HtmlPage("Field diff of run " + runNumber)
                .paragraph(summary.checked() + " records read back, " + summary.columns() + " columns compared, "
                        + summary.mismatches() + " mismatches" + (summary.mismatches() == 0 ? "." : " (listed first)."))
                .paragraph(total > rows.size() ? "The first " + rows.size() + " of " + total + " rows; diff.csv has them all."
                        : "Every row.")
                .table(HEADER, rows).write(dir(runNumber).resolve("diff.html"));
    }

    /** A JSON value as a cell: text as it is, null as blank, anything else as JSON. */
    static String text(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? "" : v.isTextual() ? v.asText() : v.toString();
    }

    static String csvLine(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            b.append('"').append(c.replace("\"", "\"\"")).append('"');
        }
        return b.append("\r\n").toString();
    }

    /** Reads back the CSV this class writes (every cell quoted; cells may hold line breaks). */
    static final class CsvLines {
        private final java.io.Reader in;

        CsvLines(java.io.Reader in) {
            this.in = in;
        }

        List<String> next() throws IOException {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int ch;
            while ((ch = in.read()) != -1) {
                any = true;
                char c = (char) ch;
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        int n = in.read();
                        if (n == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            if (n != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n') {
                    cells.add(cell.toString());
                    return cells;
                } else if (c != '\r') {
                    cell.append(c);
                }
            }
            if (!any) {
                return null;
            }
            cells.add(cell.toString());
            return cells;
        }
    }

    /**
     * The source values of the object being written out: rows of its export file by migration key, only the columns
     * the map reads, one object at a time (the diff streams object by object).
     */
    private final class SourceRows {
        private final SourceColumns sources;
        private String object;
        private Map<String, Map<String, String>> rows = Map.of();

        SourceRows(SourceColumns sources) {
            this.sources = sources;
        }

        String values(String object, String key, List<String> columns) {
            if (columns.isEmpty()) {
                return "";
            }
            if (!object.equals(this.object)) {
                load(object);
            }
            Map<String, String> row = rows.get(key);
            if (row == null) {
                return "";
            }
            List<String> values = new ArrayList<>();
            columns.forEach(c -> values.add(row.getOrDefault(c, "")));
            return String.join(" | ", values);
        }

        private void load(String object) {
            this.object = object;
            this.rows = new HashMap<>();
            String file = sources.file(object);
            if (file == null) {
                return;
            }
            Set<String> wanted = sources.all(object);
            try {
                ExportIndex.forEachRow(exportSource.index().exportPackage(), GpmFile.byFileName(file), row -> {
                    Map<String, String> values = new HashMap<>();
                    wanted.forEach(c -> {
                        String v = row.values().get(c);
                        if (v != null) {
                            values.put(c, v);
                        }
                    });
                    rows.put(row.migrationKey(), values);
                });
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Field diff: the source values of %s cannot be read (%s); the diff shows them blank", object,
                        SafeText.of(e));
            }
        }
    }
}
