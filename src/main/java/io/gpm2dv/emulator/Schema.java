package io.gpm2dv.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tables the emulator serves, read from {@code emulator/schema.json} (schema is data, not code), so a
 * later table or column is a change to that file only.
 */
public final class Schema {
    public static final String RESOURCE = "/emulator/schema.json";

    private final Map<String, TableDef> byLogicalName = new LinkedHashMap<>();
    private final Map<String, TableDef> bySet = new LinkedHashMap<>();

    private Schema(Collection<TableDef> tables) {
        for (TableDef t : tables) {
            byLogicalName.put(t.logicalName(), t);
            bySet.put(t.entitySetName(), t);
        }
    }

    public static Schema load() {
        try (InputStream in = Schema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static Schema parse(JsonNode root) {
        JsonNode groups = root.path("groups");
        List<TableDef> tables = new ArrayList<>();
        for (JsonNode t : root.path("tables")) {
            Map<String, ColumnDef> columns = new LinkedHashMap<>();
            for (JsonNode g : t.path("include")) {
                JsonNode group = groups.get(g.asText());
                if (group == null) {
                    throw new IllegalStateException("unknown column group " + g.asText());
                }
                addColumns(group, columns);
            }
            addColumns(t.path("columns"), columns);
            String logical = t.path("logicalName").asText();
            boolean custom = t.path("customColumns").asBoolean(false);
            for (String c : columns.keySet()) {
                if (!custom && c.startsWith("new_")) {
                    throw new IllegalStateException(logical + " accepts no custom columns but defines " + c);
                }
            }
            List<KeyDef> keys = new ArrayList<>();
            for (JsonNode k : t.path("keys")) {
                List<String> keyColumns = new ArrayList<>();
                k.path("columns").forEach(c -> keyColumns.add(c.asText()));
                keys.add(new KeyDef(k.path("name").asText(), List.copyOf(keyColumns)));
            }
            Map<String, List<String>> computed = new LinkedHashMap<>();
            t.path("computed").fields().forEachRemaining(e -> computed.put(e.getKey(), texts(e.getValue())));
            Set<String> upload = new LinkedHashSet<>(texts(t.path("uploadLimited")));
            tables.add(new TableDef(logical, t.path("entitySetName").asText(), t.path("primaryKey").asText(),
                    t.path("primaryName").asText(null), custom, t.path("bulk").asBoolean(false),
                    t.path("creatable").asBoolean(true), t.path("writable").asBoolean(true), Map.copyOf(columns),
                    List.copyOf(keys), computed, texts(t.path("required")), upload));
        }
        return new Schema(tables);
    }

    private static void addColumns(JsonNode columns, Map<String, ColumnDef> into) {
        Iterator<Map.Entry<String, JsonNode>> it = columns.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            ColumnType type = ColumnType.valueOf(c.path("type").asText());
            Map<Integer, String> options = new LinkedHashMap<>();
            c.path("options").fields().forEachRemaining(o -> options.put(Integer.valueOf(o.getKey()), o.getValue().asText()));
            Map<Integer, Integer> states = new LinkedHashMap<>();
            c.path("states").fields().forEachRemaining(o -> states.put(Integer.valueOf(o.getKey()), o.getValue().asInt()));
            Map<Integer, Integer> defaults = new LinkedHashMap<>();
            c.path("defaultStatus").fields().forEachRemaining(o -> defaults.put(Integer.valueOf(o.getKey()), o.getValue().asInt()));
            Map<String, String> targets = new LinkedHashMap<>();
            c.path("targets").fields().forEachRemaining(o -> targets.put(o.getKey(), o.getValue().asText()));
            Integer maxLength = type.isText() && c.has("max") ? c.get("max").asInt() : null;
            Long min = c.has("min") ? c.get("min").asLong() : null;
            Long max = !type.isText() && c.has("max") ? c.get("max").asLong() : null;
            into.put(e.getKey(), new ColumnDef(e.getKey(), type, maxLength, min, max, options, states, defaults, targets,
                    c.path("create").asBoolean(true), c.path("update").asBoolean(true)));
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    public Optional<TableDef> table(String logicalName) {
        return Optional.ofNullable(byLogicalName.get(logicalName));
    }

    public TableDef require(String logicalName) {
        return table(logicalName).orElseThrow(() -> new IllegalArgumentException("no table " + logicalName));
    }

    public Optional<TableDef> bySet(String entitySet) {
        return Optional.ofNullable(bySet.get(entitySet));
    }

    public Collection<TableDef> tables() {
        return byLogicalName.values();
    }
}
