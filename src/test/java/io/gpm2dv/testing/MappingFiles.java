package io.gpm2dv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Mapping files an operator might supply, made from the bundled default map. */
public final class MappingFiles {
    private MappingFiles() {
    }

    /** The default map with clients' lastname allowed 200 characters, where Dataverse's contact.lastname takes 50. */
    public static Path wideSurnames() {
        try {
            String map = Files.readString(Path.of("src/main/resources/mapping/default-map.yaml"));
            String clientsSurname = "{target: lastname, source: last_name, max: 50}";
            if (!map.contains(clientsSurname)) {
                throw new IllegalStateException("the default map no longer has " + clientsSurname);
            }
            Path file = Files.createTempFile("gpm2dv-wide-surnames-", ".yaml");
            Files.writeString(file, map.replace(clientsSurname, "{target: lastname, source: last_name, max: 200}"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
