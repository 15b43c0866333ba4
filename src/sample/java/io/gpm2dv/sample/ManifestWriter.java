package io.gpm2dv.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code manifest.json} (§6) with the exact rows, bytes and SHA-256 of every CSV written. */
final class ManifestWriter {
    static final String PRACTICE = "Harbourside Physiotherapy Ltd";

    private ManifestWriter() {
    }

    static void write(Path dir, String exportId, List<CsvFileWriter> files, DocumentStore documents,
            List<Warnings.Warning> warnings) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "gensolve-gpm-export");
        m.put("schema_version", "1.0.0");
        m.put("export_id", exportId);
        m.put("practice_name", PRACTICE);
        m.put("source_product", "Gensolve Practice Manager");
        m.put("source_region", "NZ");
        m.put("source_timezone", SampleTime.SOURCE_ZONE.getId());
        m.put("currency", "NZD");
        m.put("exported_at", SampleTime.EXPORTED_AT);
        m.put("data_cutoff_at", SampleTime.DATA_CUTOFF_AT);
        m.put("producer", "gpm2dv-sample-generator 1.0.0");
        List<Object> list = new ArrayList<>();
        for (CsvFileWriter f : files) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", f.name());
            e.put("rows", f.rows());
            e.put("bytes", f.bytes());
            e.put("required", f.required());
            e.put("sha256", f.sha256());
            list.add(e);
        }
        m.put("files", list);
        Map<String, Object> docs = new LinkedHashMap<>();
        docs.put("count", documents.count());
        docs.put("bytes", documents.bytes());
        docs.put("missing", documents.missingCount());
        m.put("documents", docs);
        List<Object> w = new ArrayList<>();
        for (Warnings.Warning warning : warnings) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", warning.file());
            e.put("key", warning.key());
            e.put("column", warning.column());
            e.put("code", warning.code());
            e.put("detail", warning.detail());
            w.add(e);
        }
        m.put("warnings", w);
        Files.writeString(dir.resolve("manifest.json"), Json.pretty(m) + "\n", StandardCharsets.UTF_8);
    }
}
