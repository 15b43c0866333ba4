package io.gpm2dv.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A copy of the bundled sample export in a temporary directory, to damage on purpose: edit a file's text,
 * then either re-seal the manifest (so only the row is wrong) or leave it (so the manifest no longer matches).
 */
public final class ExportFixture {
    public static final Path BUNDLED = Path.of("src/main/sample/export");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private ExportFixture(Path dir) {
        this.dir = dir;
    }

    public static ExportFixture copyOfSample() {
        try {
            Path dir = Files.createTempDirectory("gpm2dv-export-");
            try (Stream<Path> files = Files.walk(BUNDLED)) {
                for (Path src : (Iterable<Path>) files::iterator) {
                    Path dst = dir.resolve(BUNDLED.relativize(src).toString());
                    if (Files.isDirectory(src)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return new ExportFixture(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() { return dir; }

    /** Rewrites a CSV file's text (UTF-8). */
    public ExportFixture edit(String file, UnaryOperator<String> change) {
        try {
            Path p = dir.resolve(file);
            Files.writeString(p, change.apply(Files.readString(p, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a PRESENT document of the given bytes for a client (file under {@code documents/<shard>/}, a row in
     * documents.csv, the manifest's row count and document totals), sealed. {@code declaredSha256} null: the bytes'.
     */
    public ExportFixture addDocument(long id, long clientId, String filename, String mimeType, byte[] bytes,
            String declaredSha256) {
        try {
            String ext = filename.substring(filename.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
            String stored = String.format("documents/%06d/%d.%s", id / 1000, id, ext);
            Path file = dir.resolve(stored);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Path csv = dir.resolve("documents.csv");
            String header = Files.readAllLines(csv, StandardCharsets.UTF_8).get(0);
            java.util.Map<String, String> v = new java.util.HashMap<>();
            v.put("document_id", Long.toString(id));
            v.put("client_id", Long.toString(clientId));
            v.put("category", "UPLOAD");
            v.put("title", "Test document " + id);
            v.put("original_filename", filename);
            v.put("stored_path", stored);
            v.put("mime_type", mimeType);
            v.put("size_bytes", Long.toString(bytes.length));
            v.put("sha256", declaredSha256 == null ? sha : declaredSha256);
            v.put("file_status", "PRESENT");
            v.put("is_restricted", "N");
            v.put("document_date", "2024-05-01");
            v.put("created_at", "2024-05-01T10:00:00+12:00");
            v.put("updated_at", "2024-05-01T10:00:00+12:00");
            java.util.List<String> values = new java.util.ArrayList<>();
            for (String column : header.split(",")) {
                values.add(v.getOrDefault(column, ""));
            }
            Files.writeString(csv, String.join(",", values) + "\r\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            editManifest(m -> {
                for (JsonNode f : m.withArray("files")) {
                    if (f.get("name").asText().equals("documents.csv")) {
                        ((ObjectNode) f).put("rows", f.get("rows").asLong() + 1);
                    }
                }
                ObjectNode docs = (ObjectNode) m.get("documents");
                docs.put("count", docs.get("count").asLong() + 1);
                docs.put("bytes", docs.get("bytes").asLong() + bytes.length);
                return m;
            });
            return reseal();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rewrites the manifest JSON. */
    public ExportFixture editManifest(UnaryOperator<ObjectNode> change) {
        try {
            Path p = dir.resolve("manifest.json");
            ObjectNode manifest = (ObjectNode) JSON.readTree(p.toFile());
            Files.writeString(p, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(change.apply(manifest)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Recomputes bytes and SHA-256 of every listed file (rows are left as they are). */
    public ExportFixture reseal() {
        return editManifest(m -> {
            for (JsonNode f : m.withArray("files")) {
                Path p = dir.resolve(f.get("name").asText());
                try {
                    ((ObjectNode) f).put("bytes", Files.size(p));
                    ((ObjectNode) f).put("sha256", sha256(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return m;
        });
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
