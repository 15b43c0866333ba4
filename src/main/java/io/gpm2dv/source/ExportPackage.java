package io.gpm2dv.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** STUB until the source branch lands: a verified export package. */
public final class ExportPackage {
    public record ManifestFile(String name, long rows) {
    }

    public record Manifest(String exportId, String practiceName, String sourceRegion, List<ManifestFile> files) {
    }

    public static ExportPackage open(Path dir) throws ExportRefusedException, IOException {
        throw new UnsupportedOperationException("stub");
    }

    public Manifest manifest() {
        throw new UnsupportedOperationException("stub");
    }

    public Path dir() {
        throw new UnsupportedOperationException("stub");
    }

    public RowStream rows(GpmFile file) throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
