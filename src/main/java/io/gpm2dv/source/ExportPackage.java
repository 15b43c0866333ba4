package io.gpm2dv.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A Gensolve export package whose manifest, file sizes, checksums, record counts and headers have been verified
 * (§6, §10 step 1); its files are then streamed row by row, each record validated on the way (§10 step 2).
 */
public final class ExportPackage implements GpmSource {
    /** One {@code files[]} entry of the manifest. */
    public record ManifestFile(String name, long rows, long bytes, String sha256, boolean required) {
    }

    /** The verified manifest; scalar keys as §6 names them. */
    public record Manifest(String exportId, String practiceName, String sourceRegion, List<ManifestFile> files,
            String schemaVersion, String sourceTimezone, String currency, OffsetDateTime exportedAt,
            OffsetDateTime dataCutoffAt) {

        /** The entry for {@code name}, or null when the manifest does not list it. */
        public ManifestFile file(String name) {
            return files.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        }
    }

    private final Path dir;
    private final Manifest manifest;
    private final int maxFieldChars;

    private ExportPackage(Path dir, Manifest manifest, int maxFieldChars) {
        this.dir = dir;
        this.manifest = manifest;
        this.maxFieldChars = maxFieldChars;
    }

    /** Verifies the package in {@code dir}; a refusal names the file and the mismatch, and nothing has moved. */
    public static ExportPackage open(Path dir) throws ExportRefusedException, IOException {
        return open(dir, CsvReader.DEFAULT_MAX_FIELD_CHARS);
    }

    static ExportPackage open(Path dir, int maxFieldChars) throws ExportRefusedException, IOException {
        Manifest manifest = ManifestReader.read(dir);
        PackageVerifier.verify(dir, manifest, maxFieldChars);
        return new ExportPackage(dir, manifest, maxFieldChars);
    }

    @Override
    public Manifest manifest() {
        return manifest;
    }

    public Path dir() {
        return dir;
    }

    /** The file's records in order; an optional file the package lacks gives an empty stream. */
    @Override
    public RowStream rows(GpmFile file) throws IOException {
        Path path = dir.resolve(file.fileName());
        if (!file.required() && !Files.exists(path)) {
            return CsvRowStream.empty();
        }
        return CsvRowStream.open(file, path, maxFieldChars);
    }

    @Override
    public SourceDocuments documents() {
        return new ExportDocuments(dir);
    }

    @Override
    public String describe() {
        return "export package " + dir;
    }
}
