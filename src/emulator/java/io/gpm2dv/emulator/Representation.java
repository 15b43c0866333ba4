package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a stored record into what the Web API returns: {@code @odata.etag}, the selected columns (all when no
 * {@code $select}) plus the primary key, lookups as {@code _<column>_value}, and formatted-value / lookup
 * annotations only when {@code odata.include-annotations} asks for them.
 */
final class Representation {
    static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";

    private Representation() {
    }

    /** The columns of {@code $select} (validated), or null for all columns. */
    static List<String> select(TableDef t, String select) {
        if (select == null || select.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String raw : select.split(",")) {
            String name = raw.trim();
            if (t.columnByReadName(name).isEmpty()) {
                throw ApiError.query("Could not find a property named '" + name + "' on type '" + t.odataType() + "'.");
            }
            out.add(name);
        }
        return out;
    }

    static String etag(ObjectNode stored) {
        return "W/\"" + stored.path("versionnumber").asLong() + "\"";
    }

    static ObjectNode render(RecordStore.View view, TableDef t, ObjectNode stored, List<String> select, String annotations) {
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("@odata.etag", etag(stored));
        List<String> names = new ArrayList<>();
        if (select == null) {
            t.columns().values().forEach(c -> names.add(c.readName()));
        } else {
            names.addAll(select);
            if (!names.contains(t.primaryKey())) {
                names.add(t.primaryKey());
            }
        }
        for (String name : names) {
            ColumnDef c = t.columnByReadName(name).orElseThrow();
            JsonNode v = stored.get(name);
            out.set(name, v == null ? NullNode.instance : v);
            if (annotations == null || v == null || v.isNull()) {
                continue;
            }
            if (c.type().isLookup()) {
                String target = stored.path(name + BodyRules.LOGICAL_NAME).asText(null);
                annotate(out, name + BodyRules.LOGICAL_NAME, target, annotations);
                annotate(out, name + BodyRules.NAVIGATION, stored.path(name + BodyRules.NAVIGATION).asText(null), annotations);
                annotate(out, name + FORMATTED, primaryName(view, target, v.asText()), annotations);
            } else if (c.type().isChoice()) {
                annotate(out, name + FORMATTED, c.options().get(v.asInt()), annotations);
            } else if (c.type() == ColumnType.MultiSelectPicklist) {
                List<String> labels = new ArrayList<>();
                for (String option : v.asText().split(",")) {
                    labels.add(c.options().getOrDefault(Integer.valueOf(option), option));
                }
                annotate(out, name + FORMATTED, String.join("; ", labels), annotations);
            } else if (c.type() == ColumnType.Boolean) {
                annotate(out, name + FORMATTED, v.asBoolean() ? "Yes" : "No", annotations);
            }
        }
        return out;
    }

    private static void annotate(ObjectNode out, String name, String value, String wanted) {
        String annotation = name.substring(name.indexOf('@') + 1);
        boolean asked = wanted.contains("*") || wanted.contains(annotation);
        if (asked && value != null) {
            out.put(name, value);
        }
    }

    private static String primaryName(RecordStore.View view, String table, String id) {
        if (table == null) {
            return null;
        }
        TableDef target = view.schema().require(table);
        return view.get(table, UUID.fromString(id)).map(r -> r.path(target.primaryName()).asText(null)).orElse(null);
    }
}
