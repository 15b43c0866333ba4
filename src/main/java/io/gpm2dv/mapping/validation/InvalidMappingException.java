package io.gpm2dv.mapping.validation;

import java.util.List;
import java.util.stream.Collectors;

import io.gpm2dv.pipeline.SafeText;

/**
 * A map refused on load: one "mapping file <path> line N: reason" line per error. Reasons name keys, columns and
 * rules of the map, never export data, so the message may reach the run's refusal and logs.
 */
public class InvalidMappingException extends IllegalArgumentException implements SafeText.Safe {
    private final transient List<MappingError> errors;

    public InvalidMappingException(String what, List<MappingError> errors) {
        super(errors.stream().map(e -> e.describe(what)).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<MappingError> errors() {
        return errors;
    }
}
