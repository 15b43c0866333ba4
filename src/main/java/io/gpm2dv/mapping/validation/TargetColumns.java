package io.gpm2dv.mapping.validation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.schema.MetadataHttp;

/**
 * The target's tables and columns with their AttributeType, read from EntityDefinitions (API §15) once per table and
 * kept for the life of this object.
 */
public final class TargetColumns {
    private final MetadataHttp http;
    /** table → column → AttributeType; null value when the table does not exist. */
    private final Map<String, Map<String, String>> tables = new HashMap<>();

    public TargetColumns(MetadataHttp http) {
        this.http = http;
    }

    /** Whether the target has the table. */
    public synchronized boolean hasTable(String table) {
        return columns(table) != null;
    }

    /** The column's AttributeType ({@code String}, {@code Lookup}, …), or empty when the table has no such column. */
    public synchronized Optional<String> attributeType(String table, String column) {
        Map<String, String> c = columns(table);
        return c == null ? Optional.empty() : Optional.ofNullable(c.get(column));
    }

    public synchronized List<String> columnNames(String table) {
        Map<String, String> c = columns(table);
        return c == null ? List.of() : List.copyOf(c.keySet());
    }

    private Map<String, String> columns(String table) {
        if (!tables.containsKey(table)) {
            tables.put(table, read(table));
        }
        return tables.get(table);
    }

    private Map<String, String> read(String table) {
        String entity = "EntityDefinitions(LogicalName='" + table + "')";
        if (http.get(entity + "?$select=LogicalName") == null) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode list = http.get(entity + "/Attributes?$select=LogicalName,AttributeType");
        if (list != null) {
            list.path("value").forEach(a -> m.put(a.path("LogicalName").asText(), a.path("AttributeType").asText()));
        }
        return m;
    }
}
