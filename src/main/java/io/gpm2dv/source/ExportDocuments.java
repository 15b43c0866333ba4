package io.gpm2dv.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The document files of an export package ({@code documents/<shard>/<id>.<ext>}): size and SHA-256 of a file,
 * streamed (a 100 MB scan is never held in memory), and a stream of its bytes for the sink.
 */
public final class ExportDocuments implements SourceDocuments {
    private final Path root;

    public ExportDocuments(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<FileFacts> facts(String storedPath) {
        Path file = resolve(storedPath);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(FileFacts.of(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read document file " + storedPath, e);
        }
    }

    /** The file's bytes; the caller closes the stream. */
    @Override
    public InputStream open(String storedPath) throws IOException {
        Path file = resolve(storedPath);
        if (file == null) {
            throw new IOException("document path " + storedPath + " leaves the export package");
        }
        return Files.newInputStream(file);
    }

    /** The path inside the package; null when {@code storedPath} would leave it ({@code ../}). */
    private Path resolve(String storedPath) {
        Path file = root.resolve(storedPath).normalize();
        return file.startsWith(root) ? file : null;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
