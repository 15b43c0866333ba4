package io.gpm2dv.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.gpm2dv.source.ExportPackage.Manifest;
import io.gpm2dv.source.ExportPackage.ManifestFile;

/**
 * Checks that the files on disk are the files the manifest describes (§4, §6, §10 step 1), cheapest checks
 * first so a missing file is reported before gigabytes are hashed.
 */
final class PackageVerifier {
    private PackageVerifier() {
    }

    static void verify(Path dir, Manifest manifest, int maxFieldChars) throws ExportRefusedException, IOException {
        for (GpmFile file : GpmFile.values()) {
            boolean onDisk = Files.isRegularFile(dir.resolve(file.fileName()));
            boolean listed = manifest.file(file.fileName()) != null;
            if (file.required() && !onDisk) {
                throw new ExportRefusedException(file.fileName(), "required file is missing");
            }
            if (file.required() && !listed) {
                throw new ExportRefusedException(file.fileName(), "required file is not listed in manifest.json");
            }
            if (onDisk && !listed) {
                throw new ExportRefusedException(file.fileName(),
                        "is in the package but not listed in manifest.json, so it cannot be verified");
            }
        }
        for (ManifestFile entry : manifest.files()) {
            if (!Files.isRegularFile(dir.resolve(entry.name()))) {
                throw new ExportRefusedException(entry.name(), "is listed in manifest.json but missing from the package");
            }
        }
        for (ManifestFile entry : manifest.files()) {
            FileVerifier.checkSize(dir, entry);
        }
        for (ManifestFile entry : manifest.files()) {
            GpmFile known = GpmFile.byFileName(entry.name());
            FileVerifier.checkContent(dir, entry, known == null ? null : ExportSchema.of(known), maxFieldChars);
        }
    }
}
