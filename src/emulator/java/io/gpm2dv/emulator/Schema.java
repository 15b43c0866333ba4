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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tables the emulator serves, read from {@code emulator/schema.json} (schema is data, not code), plus what the
 * metadata API added since (custom tables, columns, keys). Every change is kept as a schema.json fragment, so a
 * state file can replay it and a reset forgets it. Readers see immutable snapshots; writers hold the store's lock.
 */
public final class Schema {
    public static final String RESOURCE = "/emulator/schema.json";

    private final JsonNode groups;
    private final List<TableDef> base;
    private volatile Map<String, TableDef> byLogicalName = Map.of();
    private volatile Map<String, TableDef> bySet = Map.of();
    private final ArrayNode extensions = ApiResponse.JSON.createArrayNode();

    private Schema(JsonNode groups, List<TableDef> tables) {
        this.groups = groups;
        this.base = List.copyOf(tables);
        reset();
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

    /**
     * schema.json as a fresh org has it: every custom ({@code new_*}) column, custom table and the
     * {@code new_gensolveid_key} keys dropped — what the migration's schema plan creates.
     */
    public static Schema loadEmptyOrg() {
        try (InputStream in = Schema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(withoutCustomizations((ObjectNode) new ObjectMapper().readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static ObjectNode withoutCustomizations(ObjectNode root) {
        root.path("groups").forEach(g -> ((ObjectNode) g).remove(customNames(g)));
        ArrayNode tables = (ArrayNode) root.path("tables");
        for (int i = tables.size() - 1; i >= 0; i--) {
            ObjectNode t = (ObjectNode) tables.get(i);
            if (t.path("logicalName").asText().startsWith("new_")) {
                tables.remove(i);
                continue;
            }
            if (t.has("columns")) {
                ((ObjectNode) t.get("columns")).remove(customNames(t.get("columns")));
                // lookups of standard tables to custom ones (a note's objectid_new_condition) come with those tables
                t.get("columns").forEach(c -> {
                    if (c.has("targets")) {
                        List<String> custom = new ArrayList<>();
                        c.get("targets").fields().forEachRemaining(e -> {
                            if (e.getValue().asText().startsWith("new_")) {
                                custom.add(e.getKey());
                            }
                        });
                        ((ObjectNode) c.get("targets")).remove(custom);
                    }
                });
            }
            if (t.has("keys")) {
                ArrayNode keys = (ArrayNode) t.get("keys");
                for (int k = keys.size() - 1; k >= 0; k--) {
                    boolean custom = keys.get(k).path("name").asText().startsWith("new_");
                    for (JsonNode c : keys.get(k).path("columns")) {
                        custom |= c.asText().startsWith("new_");
                    }
                    if (custom) {
                        keys.remove(k);
                    }
                }
            }
            if (t.has("required")) {
                ArrayNode req = (ArrayNode) t.get("required");
                for (int k = req.size() - 1; k >= 0; k--) {
                    if (req.get(k).asText().startsWith("new_")) {
                        req.remove(k);
                    }
                }
            }
        }
        return root;
    }

    private static List<String> customNames(JsonNode columns) {
        List<String> names = new ArrayList<>();
        columns.fieldNames().forEachRemaining(n -> {
            if (n.startsWith("new_")) {
                names.add(n);
            }
        });
        return names;
    }

    static Schema parse(JsonNode root) {
        JsonNode groups = root.path("groups");
        List<TableDef> tables = new ArrayList<>();
        for (JsonNode t : root.path("tables")) {
            tables.add(table(t, groups));
        }
        return new Schema(groups, tables);
    }

    /** One table in schema.json form; {@code include} names column groups of this schema. */
    static TableDef table(JsonNode t, JsonNode groups) {
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
            keys.add(new KeyDef(k.path("name").asText(), texts(k.path("columns"))));
        }
        Map<String, List<String>> computed = new LinkedHashMap<>();
        t.path("computed").fields().forEachRemaining(e -> computed.put(e.getKey(), texts(e.getValue())));
        Set<String> upload = new LinkedHashSet<>(texts(t.path("uploadLimited")));
        Map<String, List<Integer>> parties = new LinkedHashMap<>();
        t.path("parties").fields().forEachRemaining(e -> {
            List<Integer> masks = new ArrayList<>();
            e.getValue().forEach(m -> masks.add(m.asInt()));
            parties.put(e.getKey(), List.copyOf(masks));
        });
        return new TableDef(logical, t.path("entitySetName").asText(), t.path("primaryKey").asText(),
                t.path("primaryName").asText(null), custom, t.path("bulk").asBoolean(false),
                t.path("creatable").asBoolean(true), t.path("writable").asBoolean(true), Map.copyOf(columns),
                List.copyOf(keys), computed, texts(t.path("required")), upload, t.path("isCustom").asBoolean(false),
                Map.copyOf(parties), texts(t.path("restrictDelete")), Set.copyOf(integers(t.path("readOnlyStates"))));
    }

    private static void addColumns(JsonNode columns, Map<String, ColumnDef> into) {
        Iterator<Map.Entry<String, JsonNode>> it = columns.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            into.put(e.getKey(), column(e.getKey(), e.getValue()));
        }
    }

    /** One column in schema.json form. */
    static ColumnDef column(String name, JsonNode c) {
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
        return new ColumnDef(name, type, maxLength, min, max, options, states, defaults, targets,
                c.path("create").asBoolean(true), c.path("update").asBoolean(true), c.path("schemaName").asText(null),
                c.path("relationship").asText(null), c.path("label").asText(null));
    }

    private static List<Integer> integers(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
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

    /** The column groups of schema.json ({@code system}, {@code owned}, ...), for tables the metadata API creates. */
    JsonNode groups() {
        return groups;
    }

    /**
     * Applies one change in schema.json form and remembers it: {@code {"op":"table","def":{...}}},
     * {@code {"op":"column","table":t,"name":c,"def":{...}}} or {@code {"op":"key","table":t,"name":k,"columns":[...]}}.
     */
    synchronized TableDef apply(ObjectNode change) {
        TableDef result = switch (change.path("op").asText()) {
            case "table" -> table(change.get("def"), groups);
            case "column" -> require(change.path("table").asText())
                    .withColumn(column(change.path("name").asText(), change.get("def")));
            case "key" -> require(change.path("table").asText())
                    .withKey(new KeyDef(change.path("name").asText(), texts(change.path("columns"))));
            default -> throw new IllegalArgumentException("unknown schema change " + change);
        };
        put(result);
        extensions.add(change.deepCopy());
        return result;
    }

    /** Every change applied since the start, in order (the state file keeps them). */
    synchronized ArrayNode extensions() {
        return extensions.deepCopy();
    }

    /** Back to schema.json only. */
    synchronized void reset() {
        byLogicalName = Map.of();
        bySet = Map.of();
        base.forEach(this::put);
        extensions.removeAll();
    }

    private void put(TableDef t) {
        Map<String, TableDef> logical = new LinkedHashMap<>(byLogicalName);
        Map<String, TableDef> sets = new LinkedHashMap<>(bySet);
        logical.put(t.logicalName(), t);
        sets.put(t.entitySetName(), t);
        byLogicalName = java.util.Collections.unmodifiableMap(logical);
        bySet = java.util.Collections.unmodifiableMap(sets);
    }
}
