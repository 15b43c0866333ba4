package io.gpm2dv.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The field map as data: per pipeline object, the target table and one entry per target column naming its
 * source column and transform. The default map ({@code mapping/default-map.yaml}) follows target-mapping.md;
 * a confirmed mapping file may replace it.
 */
public record MappingSpec(List<ObjectMap> objects) {

    /** How one export file becomes records of one Dataverse table. */
    public record ObjectMap(
            String object,
            String file,
            String table,
            String entitySet,
            String primaryKey,
            /** {@code practitioner}, {@code fallback} or {@code none}. */
            String owner,
            /** Column naming the practitioner when {@code owner: practitioner}. */
            String ownerColumn,
            /** System users: match the practitioner's user and update it; never create. */
            boolean matchUser,
            /** Source timestamp that becomes {@code overriddencreatedon}. */
            String createdOn,
            /** Whether the table carries {@code new_gensolveid}. */
            boolean sourceKeyColumn,
            /** Whether values that do not fit columns go to a {@code <key>-unmapped} note on the record. */
            boolean unmappedNote,
            List<String> skipRules,
            StateRule state,
            List<ColumnMap> columns) {

        public List<String> skipRules() {
            return skipRules == null ? List.of() : skipRules;
        }
    }

    /** Desired record state: {@code active-flag} (from a Y/N column) or {@code client-status}. */
    public record StateRule(String rule, String source) {
    }

    /** One target column. {@code transform} defaults to {@code text}. */
    public record ColumnMap(
            String target,
            String source,
            String transform,
            Integer max,
            String fallbackSource,
            String codeList,
            Integer firstValue,
            Map<String, Integer> values,
            String value,
            String lookup,
            String lookupSet,
            String country) {

        public String transformName() {
            return transform == null ? "text" : transform;
        }
    }

    public Optional<ObjectMap> find(String object) {
        return objects.stream().filter(o -> o.object().equals(object)).findFirst();
    }

    public ObjectMap get(String object) {
        return find(object).orElseThrow(() -> new IllegalArgumentException("no mapping for object '" + object + "'"));
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public static MappingSpec read(InputStream in) throws IOException {
        return YAML.readValue(in, MappingSpec.class);
    }

    public static MappingSpec read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** The default map bundled with the product. */
    public static MappingSpec defaultMap() {
        try (InputStream in = MappingSpec.class.getResourceAsStream("/mapping/default-map.yaml")) {
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled default map", e);
        }
    }
}
