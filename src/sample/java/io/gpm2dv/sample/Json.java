package io.gpm2dv.sample;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The JSON the generator writes (JSON column values, the manifest, the emulator's users), through Jackson. The
 * pretty form is pinned here, not left to Jackson's defaults, because the bundled package must stay byte-identical:
 * two-space indents, {@code "\n"} line ends, {@code "key": value}, {@code []} and {@code {}} when empty.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        PRETTY = MAPPER.writer(new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter).withArrayIndenter(indenter));
    }

    private Json() {
    }

    /** A value (null, String, Boolean, Number, List or Map in its own order), compact. */
    static String value(Object v) {
        return write(COMPACT, v);
    }

    /** The pretty form of a document. */
    static String pretty(Object v) {
        return write(PRETTY, v);
    }

    private static String write(ObjectWriter writer, Object v) {
        try {
            return writer.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
