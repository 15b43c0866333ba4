package io.gpm2dv.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The export package configured as {@code gensolve.export.dir}, verified once per process, and its reference
 * index. Every stage that needs export data beyond its input topic reads it from here.
 */
@ApplicationScoped
public class ExportSource {
    @ConfigProperty(name = "gensolve.export.dir")
    Path exportDir;

    private ExportPackage pkg;
    private ExportIndex index;

    /** Opens and verifies the package (manifest, sizes, checksums, headers); refusal names file and mismatch. */
    public synchronized ExportPackage open() throws ExportRefusedException, IOException {
        if (pkg == null) {
            pkg = ExportPackage.open(exportDir);
        }
        return pkg;
    }

    public synchronized ExportIndex index() {
        if (index == null) {
            try {
                index = ExportIndex.build(open());
            } catch (ExportRefusedException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }

    public Path dir() { return exportDir; }
}
