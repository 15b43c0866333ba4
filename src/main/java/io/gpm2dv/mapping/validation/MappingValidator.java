package io.gpm2dv.mapping.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpec.ObjectMap;

/**
 * Validates an edited mapping file before it is used: YAML syntax, unknown keys, options, files, source columns,
 * named transforms and rules, and (when the target's metadata is at hand) target tables, columns and types. Every
 * problem is reported at once, sorted by line. Plain Java: the CDI entry point is {@link MappingValidation}.
 */
public final class MappingValidator {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The errors, and whether the target side was checked (false when no metadata was given). */
    public record Result(List<MappingError> errors, boolean targetChecked) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private MappingValidator() {
    }

    /** Every problem of {@code yaml}, sorted by line; target checks run against {@code target}'s metadata. */
    public static List<MappingError> validate(byte[] yaml, SourceColumns source, TargetColumns target) {
        return check(yaml, source, target).errors();
    }

    /** Without the target's metadata: the target checks are skipped ({@link Result#targetChecked()} is false). */
    public static Result validate(byte[] yaml, SourceColumns source) {
        return check(yaml, source, null);
    }

    public static Result check(byte[] yaml, SourceColumns source, TargetColumns target) {
        List<MappingError> errors = new ArrayList<>();
        String text = new String(yaml, StandardCharsets.UTF_8);
        YamlTree tree = YamlTree.parse(text, errors::add).orElse(null);
        if (tree == null) {
            return new Result(errors, false);
        }
        tree.unknownKeys(MappingSpec.class, errors::add);
        options(tree, errors);
        List<ObjectMap> objects = objects(text, errors);
        if (objects != null) {
            new SourceSide(source, tree, errors::add).check(objects);
            TargetSide targetSide = new TargetSide(tree, errors::add);
            targetSide.checkDeclaredTypes(objects);
            if (target != null) {
                Map.Entry<String, Integer> invoices = tree.topScalars().get("invoices");
                targetSide.check(objects, target, invoices != null
                        && MappingSpec.INVOICES_CONTACT_REFERENCE.equals(invoices.getKey()));
            }
        }
        return new Result(errors.stream().distinct().sorted().toList(), target != null);
    }

    private static void options(YamlTree tree, List<MappingError> errors) {
        Map<String, Map.Entry<String, Integer>> top = tree.topScalars();
        option(top, "restricted-notes", io.gpm2dv.mapping.validation.Vocabulary.RESTRICTED_NOTES, errors);
        option(top, "invoices", Vocabulary.INVOICES, errors);
        option(top, "block-appointments", Vocabulary.BLOCK_APPOINTMENTS, errors);
    }

    private static void option(Map<String, Map.Entry<String, Integer>> top, String key, java.util.Set<String> values,
            List<MappingError> errors) {
        Map.Entry<String, Integer> v = top.get(key);
        if (v != null && !values.contains(v.getKey())) {
            errors.add(new MappingError(v.getValue(), "option " + key + ": '" + v.getKey() + "' is not one of "
                    + String.join(", ", new java.util.TreeSet<>(values))));
        }
    }

    /**
     * The objects as the map writes them (options left out, so {@code invoices: contact-reference} does not swap
     * variants in and the indexes stay those of the file); null with an error when a value has the wrong shape.
     */
    private static List<ObjectMap> objects(String text, List<MappingError> errors) {
        try {
            JsonNode root = YAML.readTree(text);
            if (!(root instanceof ObjectNode o)) {
                return null;
            }
            ObjectNode plain = o.deepCopy();
            plain.remove(List.of("invoices", "restricted-notes", "block-appointments"));
            MappingSpec spec = YAML.treeToValue(plain, MappingSpec.class);
            if (spec.objects() == null) {
                errors.add(new MappingError(1, "the map has no objects: list"));
                return null;
            }
            return spec.objects();
        } catch (JsonProcessingException e) {
            errors.add(new MappingError(lineOf(e.getLocation(), text, e), "cannot read the map: "
                    + YamlTree.oneLine(e.getOriginalMessage())));
            return null;
        } catch (RuntimeException e) {
            errors.add(new MappingError(1, "cannot read the map: " + YamlTree.oneLine(e.getMessage())));
            return null;
        }
    }

    /** A tree has no locations: reading the text again locates the same problem in the file. */
    private static int lineOf(JsonLocation loc, String text, JsonProcessingException e) {
        if (loc != null && loc.getLineNr() > 0 && loc != JsonLocation.NA) {
            return loc.getLineNr();
        }
        try {
            YAML.readValue(text, MappingSpec.class);
        } catch (JsonProcessingException again) {
            if (again.getLocation() != null && again.getLocation().getLineNr() > 0) {
                return again.getLocation().getLineNr();
            }
        } catch (RuntimeException ignored) {
            // the first error stands; its line is unknown
        }
        return 1;
    }
}
