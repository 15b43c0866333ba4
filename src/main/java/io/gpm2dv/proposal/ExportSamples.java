package io.gpm2dv.proposal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gpm2dv.source.CsvReader;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.ExportSchema;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.GpmSource;
import io.gpm2dv.source.RowResult;
import io.gpm2dv.source.RowStream;
import io.gpm2dv.source.SourceRow;

/**
 * Each export file's actual header (undocumented extra columns included) and the values of its first rows, per
 * column: what the proposer profiles. The values stay in memory for scoring and are never written anywhere.
 */
public final class ExportSamples {
    /** One file: its header in file order and up to the sample size of values per column. */
    public record FileSample(List<String> header, Map<String, List<String>> values) {
    }

    private ExportSamples() {
    }

    /** The samples of every file of {@code source}: read from the CSV itself for a package, else its validated rows. */
    public static Map<String, FileSample> read(GpmSource source, int rows) throws IOException {
        if (source instanceof ExportPackage pkg) {
            return read(pkg.dir(), rows);
        }
        Map<String, FileSample> out = new LinkedHashMap<>();
        for (GpmFile f : GpmFile.values()) {
            List<String> header = ExportSchema.of(f).columnNames();
            Map<String, List<String>> values = empty(header);
            try (RowStream stream = source.rows(f)) {
                for (int n = 0; n < rows && stream.hasNext(); n++) {
                    RowResult r = stream.next();
                    if (r instanceof SourceRow row) {
                        header.forEach(c -> values.get(c).add(row.get(c)));
                    }
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(f.fileName() + ": cannot sample", e);
            }
            out.put(f.fileName(), new FileSample(header, values));
        }
        return out;
    }

    /** The samples of the CSV files in {@code dir}; a file that is absent has the documented header and no values. */
    public static Map<String, FileSample> read(Path dir, int rows) throws IOException {
        Map<String, FileSample> out = new LinkedHashMap<>();
        for (GpmFile f : GpmFile.values()) {
            Path file = dir.resolve(f.fileName());
            if (!Files.isRegularFile(file)) {
                List<String> header = ExportSchema.of(f).columnNames();
                out.put(f.fileName(), new FileSample(header, empty(header)));
                continue;
            }
            try (CsvReader csv = CsvReader.utf8(Files.newInputStream(file), CsvReader.DEFAULT_MAX_FIELD_CHARS)) {
                List<String> header = csv.next();
                if (header == null) {
                    header = List.of();
                }
                header = List.copyOf(header);
                Map<String, List<String>> values = empty(header);
                List<String> record;
                for (int n = 0; n < rows && (record = csv.next()) != null; n++) {
                    for (int i = 0; i < header.size() && i < record.size(); i++) {
                        values.get(header.get(i)).add(record.get(i));
                    }
                }
                out.put(f.fileName(), new FileSample(header, values));
            }
        }
        return out;
    }

    private static Map<String, List<String>> empty(List<String> header) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        header.forEach(c -> values.putIfAbsent(c, new ArrayList<>()));
        return values;
    }
}
