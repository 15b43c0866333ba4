package io.gpm2dv.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.schema.SchemaPlan.Column;

/**
 * Reads the target's metadata (EntityDefinitions, Attributes, Keys with {@code Consistency: Strong}) for every table
 * the map writes and lists what the plan needs that is not there: a table, a column, a column of another type, an
 * alternate key, or a key that is not Active. Names and types only.
 */
public final class SchemaCheck {
    /** What is missing; {@code item} names it for the refusal message. */
    public record Missing(Kind kind, String table, String name, String item) {
    }

    public enum Kind {
        TABLE, ENTITY_SET, COLUMN, WRONG_TYPE, KEY, KEY_NOT_ACTIVE, KEY_FAILED
    }

    private SchemaCheck() {
    }

    public static List<Missing> missing(SchemaPlan plan, MetadataHttp http) {
        List<Missing> out = new ArrayList<>();
        Map<String, Boolean> present = new HashMap<>();
        for (var e : plan.written().entrySet()) {
            String table = e.getKey();
            JsonNode t = http.get(entity(table) + "?$select=LogicalName,EntitySetName,PrimaryIdAttribute");
            present.put(table, t != null);
            if (t == null) {
                out.add(new Missing(Kind.TABLE, table, table, "table " + table));
            } else if (!t.path("EntitySetName").asText().equals(e.getValue())) {
                out.add(new Missing(Kind.ENTITY_SET, table, table, "table " + table + " has entity set "
                        + t.path("EntitySetName").asText() + ", the map writes " + e.getValue()));
            }
        }
        Map<String, Map<String, JsonNode>> attributes = new HashMap<>();
        for (Column c : plan.columns()) {
            if (!present.getOrDefault(c.table(), false)) {
                out.add(new Missing(Kind.COLUMN, c.table(), c.logicalName(), describe(c)));
                continue;
            }
            Map<String, JsonNode> columns = attributes.computeIfAbsent(c.table(), t -> {
                Map<String, JsonNode> m = new HashMap<>();
                JsonNode list = http.get(entity(t) + "/Attributes?$select=LogicalName,AttributeType,AttributeTypeName");
                if (list != null) {
                    list.path("value").forEach(a -> m.put(a.path("LogicalName").asText(), a));
                }
                return m;
            });
            JsonNode a = columns.get(c.logicalName());
            if (a == null) {
                out.add(new Missing(Kind.COLUMN, c.table(), c.logicalName(), describe(c)));
            } else if (!sameType(c, a)) {
                out.add(new Missing(Kind.WRONG_TYPE, c.table(), c.logicalName(), describe(c) + " is "
                        + a.path("AttributeType").asText() + " in the target"));
            }
        }
        Map<String, Map<String, String>> keys = new HashMap<>();
        for (SchemaPlan.Key k : plan.keys()) {
            String item = "alternate key " + k.table() + "." + k.name() + " (" + String.join(", ", k.columns()) + ")";
            if (!present.getOrDefault(k.table(), false)) {
                out.add(new Missing(Kind.KEY, k.table(), k.name(), item));
                continue;
            }
            String status = keys.computeIfAbsent(k.table(), t -> keyStatus(http, t)).get(k.name().toLowerCase());
            if (status == null) {
                out.add(new Missing(Kind.KEY, k.table(), k.name(), item));
            } else if (status.equals("Failed")) {
                out.add(new Missing(Kind.KEY_FAILED, k.table(), k.name(), item + " Failed"));
            } else if (!status.equals("Active")) {
                out.add(new Missing(Kind.KEY_NOT_ACTIVE, k.table(), k.name(), item + " " + status + ", not Active"));
            }
        }
        return out;
    }

    /** Key name (lower case) → EntityKeyIndexStatus. */
    static Map<String, String> keyStatus(MetadataHttp http, String table) {
        Map<String, String> m = new HashMap<>();
        JsonNode list = http.get(entity(table) + "/Keys?$select=SchemaName,KeyAttributes,EntityKeyIndexStatus");
        if (list != null) {
            list.path("value").forEach(k -> m.put(k.path("SchemaName").asText().toLowerCase(),
                    k.path("EntityKeyIndexStatus").asText()));
        }
        return m;
    }

    private static boolean sameType(Column c, JsonNode a) {
        if (!c.type().attributeType().equals(a.path("AttributeType").asText())) {
            return false;
        }
        return c.type() != SchemaPlan.Type.MultiSelectPicklist
                || "MultiSelectPicklistType".equals(a.path("AttributeTypeName").path("Value").asText());
    }

    static String describe(Column c) {
        return "column " + c.table() + "." + c.logicalName() + " (" + PlanMarkdown.describe(c).replaceFirst(", options .*", "")
                + ")";
    }

    static String entity(String table) {
        return "EntityDefinitions(LogicalName='" + table + "')";
    }
}
