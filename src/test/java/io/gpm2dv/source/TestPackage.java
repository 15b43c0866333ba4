package io.gpm2dv.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a small export package for a test: every required file (header-only unless given rows) and a manifest
 * whose bytes and SHA-256 are computed here and whose row counts are the ones the test states, so a parser
 * that miscounts fails rather than agreeing with itself.
 */
final class TestPackage {
    static final String CRLF = "\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, Long> rows = new LinkedHashMap<>();

    private TestPackage(Path dir) {
        this.dir = dir;
    }

    /** A package with every required file present and empty. */
    static TestPackage in(Path dir) {
        TestPackage p = new TestPackage(dir);
        for (GpmFile f : GpmFile.values()) {
            if (f.required()) {
                p.rows(f);
            }
        }
        return p;
    }

    Path dir() { return dir; }

    /** Writes {@code file} with the documented header and the given rows (column → value; absent = NULL). */
    @SafeVarargs
    final TestPackage rows(GpmFile file, Map<String, String>... records) {
        List<String> header = ExportSchema.of(file).columnNames();
        StringBuilder sb = new StringBuilder(line(header));
        for (Map<String, String> r : records) {
            List<String> fields = new ArrayList<>();
            header.forEach(c -> fields.add(r.get(c)));
            sb.append(line(fields));
        }
        return write(file.fileName(), sb.toString(), records.length);
    }

    /** Writes a file with exactly this text (UTF-8), stating how many data records it holds. */
    TestPackage write(String name, String text, long dataRecords) {
        return writeBytes(name, text.getBytes(StandardCharsets.UTF_8), dataRecords);
    }

    TestPackage writeBytes(String name, byte[] bytes, long dataRecords) {
        try {
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.put(name, dataRecords);
        return this;
    }

    TestPackage delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Forgets a file, so the manifest does not list it. */
    TestPackage unlist(String name) {
        rows.remove(name);
        return this;
    }

    /** Writes a correct manifest for the files written so far. */
    TestPackage seal() {
        return seal(m -> {
        });
    }

    /** Writes the manifest, letting the test damage it first. */
    TestPackage seal(Consumer<ObjectNode> change) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", "gensolve-gpm-export");
        m.put("schema_version", "1.0.0");
        m.put("export_id", "3f2b8c1e-7a44-4c61-9a57-0d2e5b9f1c20");
        m.put("practice_name", "Harbourside Physiotherapy Ltd");
        m.put("source_product", "Gensolve Practice Manager");
        m.put("source_region", "NZ");
        m.put("source_timezone", "Pacific/Auckland");
        m.put("currency", "NZD");
        m.put("exported_at", "2025-03-14T21:05:33+13:00");
        m.put("data_cutoff_at", "2025-03-14T20:00:00+13:00");
        m.put("producer", "test-helper 1.0");
        ArrayNode files = m.putArray("files");
        rows.forEach((name, count) -> {
            Path p = dir.resolve(name);
            ObjectNode f = files.addObject();
            f.put("name", name);
            f.put("rows", count);
            try {
                f.put("bytes", Files.size(p));
                f.put("sha256", sha256(Files.readAllBytes(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            GpmFile known = GpmFile.byFileName(name);
            f.put("required", known != null && known.required());
        });
        ObjectNode documents = m.putObject("documents");
        documents.put("count", 0);
        documents.put("bytes", 0);
        documents.put("missing", 0);
        m.putArray("warnings");
        change.accept(m);
        try {
            Files.writeString(dir.resolve("manifest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ExportPackage open() throws ExportRefusedException, IOException {
        return ExportPackage.open(dir);
    }

    /** One CSV record with CRLF; null is written as an empty field, quoting where RFC 4180 needs it. */
    static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = fields.get(i);
            if (v == null) {
                continue;
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\r") || v.contains("\n")) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.append(CRLF).toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
