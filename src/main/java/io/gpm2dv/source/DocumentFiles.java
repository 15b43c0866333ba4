package io.gpm2dv.source;

import java.util.Optional;

/** The document files of an export package, as the map checks them before a document is written. */
@FunctionalInterface
public interface DocumentFiles {
    /** Size and SHA-256 (lowercase hex) of a file. */
    record FileFacts(long size, String sha256) {
    }

    /** Size and SHA-256 of the file at {@code storedPath} (relative to the export root); empty when it is not there. */
    Optional<FileFacts> facts(String storedPath);
}
