package io.gpm2dv.api;

import java.io.ByteArrayInputStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.gpm2dv.mapping.MappingSpec;

/** Checks an uploaded map before it may replace the map in force: every problem with its line and reason. */
@ApplicationScoped
public class MappingUploads {
    /** One problem of an uploaded map (line 0: the whole file). */
    public record LineError(int line, String reason) {
    }

    public List<LineError> errors(byte[] yaml) {
        if (yaml.length == 0) {
            return List.of(new LineError(0, "the map is empty"));
        }
        try {
            MappingSpec.read(new ByteArrayInputStream(yaml));
            return List.of();
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return List.of(new LineError(line, e.getOriginalMessage()));
        } catch (Exception e) {
            return List.of(new LineError(0, e.getMessage()));
        }
    }
}
