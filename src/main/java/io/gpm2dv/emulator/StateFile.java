package io.gpm2dv.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The optional file that keeps the records between process runs. Written whole after every committed write,
 * to a temporary file first and then moved over the old one, so a crash never leaves half a state.
 */
final class StateFile {
    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    /** The stored state, without the tables the seeder derives; null when there is no file yet. */
    JsonNode read() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode state = ApiResponse.JSON.readTree(file.toFile());
            JsonNode tables = state.path("tables");
            if (tables instanceof ObjectNode o) {
                Iterator<String> names = o.fieldNames();
                while (names.hasNext()) {
                    if (Seeder.DERIVED.contains(names.next())) {
                        names.remove();
                    }
                }
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator state " + file, e);
        }
    }

    void write(JsonNode state) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            ApiResponse.JSON.writeValue(tmp.toFile(), state);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write emulator state " + file, e);
        }
    }
}
