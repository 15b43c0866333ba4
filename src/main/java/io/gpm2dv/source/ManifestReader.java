package io.gpm2dv.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.source.ExportPackage.Manifest;
import io.gpm2dv.source.ExportPackage.ManifestFile;

/**
 * Reads {@code manifest.json} and checks it on its own terms (§6): mandatory keys, {@code format}, a SemVer
 * {@code schema_version} of major 1, well-formed scalar values and file entries. Whether the listed files
 * match the disk is {@link PackageVerifier}'s job.
 */
final class ManifestReader {
    static final String MANIFEST = "manifest.json";
    static final String FORMAT = "gensolve-gpm-export";
    static final int SUPPORTED_MAJOR = 1;

    private static final List<String> MANDATORY = List.of("format", "schema_version", "export_id", "practice_name",
            "source_product", "source_region", "source_timezone", "currency", "exported_at", "data_cutoff_at",
            "producer", "files", "documents", "warnings");
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> REGIONS = Set.of("NZ", "AU", "UK");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestReader() {
    }

    static Manifest read(Path dir) throws ExportRefusedException, IOException {
        Path path = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(path)) {
            throw refused("is missing from " + dir);
        }
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw refused("is not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        return check(root);
    }

    /**
     * Checks a manifest given as JSON: {@code manifest.json} as read, or the one {@link OracleStaging} assembles from
     * GPX_EXPORT and GPX_EXPORT_FILE, so both sources are held to the same rules.
     */
    static Manifest check(JsonNode root) throws ExportRefusedException {
        if (root == null || !root.isObject()) {
            throw refused("is not a JSON object");
        }
        for (String key : MANDATORY) {
            if (!root.hasNonNull(key)) {
                throw refused("lacks mandatory key '" + key + "'");
            }
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw refused("format is '" + format + "', expected '" + FORMAT + "'");
        }
        String version = text(root, "schema_version");
        checkVersion(version);
        String exportId = text(root, "export_id");
        if (!UUID.matcher(exportId).matches()) {
            throw refused("export_id '" + exportId + "' is not a UUID");
        }
        String practice = text(root, "practice_name");
        if (practice.isBlank()) {
            throw refused("practice_name is empty");
        }
        text(root, "source_product");
        text(root, "producer");
        String region = text(root, "source_region");
        if (!REGIONS.contains(region)) {
            throw refused("source_region '" + region + "' is not one of NZ, AU, UK");
        }
        String zone = text(root, "source_timezone");
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw refused("source_timezone '" + zone + "' is not an IANA time zone");
        }
        String currency = text(root, "currency");
        checkCurrency(currency);
        OffsetDateTime exportedAt = timestamp(root, "exported_at");
        OffsetDateTime cutoff = timestamp(root, "data_cutoff_at");
        checkDocuments(root.get("documents"));
        if (!root.get("warnings").isArray()) {
            throw refused("warnings is not an array");
        }
        return new Manifest(exportId, practice, region, files(root.get("files")), version, zone, currency,
                exportedAt, cutoff);
    }

    private static void checkVersion(String version) throws ExportRefusedException {
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            throw refused("schema_version '" + version + "' is not a SemVer version (MAJOR.MINOR.PATCH)");
        }
        // A higher minor only adds optional files, columns or codes (§6), which this reader ignores or passes on.
        long major = Long.parseLong(m.group(1));
        if (major != SUPPORTED_MAJOR) {
            throw refused("schema_version " + version + " has unknown major version " + m.group(1)
                    + " (this product reads " + SUPPORTED_MAJOR + ".x)");
        }
    }

    private static void checkCurrency(String currency) throws ExportRefusedException {
        try {
            if (currency.length() == 3 && Currency.getInstance(currency) != null) {
                return;
            }
        } catch (IllegalArgumentException notIso) {
            // reported below
        }
        throw refused("currency '" + currency + "' is not an ISO 4217 code");
    }

    private static void checkDocuments(JsonNode documents) throws ExportRefusedException {
        if (!documents.isObject()) {
            throw refused("documents is not an object");
        }
        for (String key : List.of("count", "bytes", "missing")) {
            JsonNode n = documents.get(key);
            if (n == null || !n.isIntegralNumber() || n.asLong() < 0) {
                throw refused("documents." + key + " is not a non-negative integer");
            }
        }
    }

    private static List<ManifestFile> files(JsonNode files) throws ExportRefusedException {
        if (!files.isArray()) {
            throw refused("files is not an array");
        }
        List<ManifestFile> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode f : files) {
            String where = "files[" + i++ + "]";
            if (!f.isObject()) {
                throw refused(where + " is not an object");
            }
            String name = text(f, "name", where);
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")) {
                throw refused(where + ".name '" + name + "' is not a file name in the export root");
            }
            if (!names.add(name)) {
                throw refused("lists " + name + " twice");
            }
            long rows = count(f, "rows", where + " (" + name + ")");
            long bytes = count(f, "bytes", where + " (" + name + ")");
            String sha = text(f, "sha256", where + " (" + name + ")");
            if (!SHA256.matcher(sha).matches()) {
                throw refused(where + " (" + name + ").sha256 is not 64 lowercase hex digits");
            }
            JsonNode required = f.get("required");
            if (required == null || !required.isBoolean()) {
                throw refused(where + " (" + name + ").required is not true or false");
            }
            result.add(new ManifestFile(name, rows, bytes, sha, required.asBoolean()));
        }
        return List.copyOf(result);
    }

    private static String text(JsonNode node, String key) throws ExportRefusedException {
        return text(node, key, null);
    }

    private static String text(JsonNode node, String key, String where) throws ExportRefusedException {
        JsonNode v = node.get(key);
        String name = where == null ? key : where + "." + key;
        if (v == null || !v.isTextual()) {
            throw refused(name + " is missing or not a string");
        }
        return v.asText();
    }

    private static long count(JsonNode node, String key, String where) throws ExportRefusedException {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw refused(where + "." + key + " is missing or not a non-negative integer");
        }
        return v.asLong();
    }

    private static OffsetDateTime timestamp(JsonNode node, String key) throws ExportRefusedException {
        String v = text(node, key);
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw refused(key + " '" + v + "' is not a timestamp with offset");
        }
    }

    private static ExportRefusedException refused(String detail) {
        return new ExportRefusedException(MANIFEST, detail);
    }
}
