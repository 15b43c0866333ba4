package io.gpm2dv.proposal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.schema.MetadataHttp;

/** A column of a target table as its metadata describes it: name, display name, type, options, writable or not. */
public record TargetColumn(String table, String logicalName, String displayName, String attributeType,
        Map<Integer, String> options, boolean writable) {

    /** The table's columns ({@code EntityDefinitions(LogicalName='t')/Attributes}); none when the table is missing. */
    public static List<TargetColumn> read(MetadataHttp http, String table) {
        JsonNode answer = http.get("EntityDefinitions(LogicalName='" + table + "')/Attributes");
        List<TargetColumn> columns = new ArrayList<>();
        if (answer == null) {
            return columns;
        }
        for (JsonNode a : answer.path("value")) {
            Map<Integer, String> options = new LinkedHashMap<>();
            for (JsonNode o : a.path("OptionSet").path("Options")) {
                options.put(o.path("Value").asInt(), label(o.path("Label")));
            }
            String display = label(a.path("DisplayName"));
            columns.add(new TargetColumn(table, a.path("LogicalName").asText(), display == null ? a.path("LogicalName").asText()
                    : display, a.path("AttributeType").asText(), options, a.path("IsValidForCreate").asBoolean(false)));
        }
        return columns;
    }

    private static String label(JsonNode label) {
        JsonNode user = label.path("UserLocalizedLabel").path("Label");
        if (user.isTextual()) {
            return user.asText();
        }
        JsonNode first = label.path("LocalizedLabels").path(0).path("Label");
        return first.isTextual() ? first.asText() : null;
    }

    /** Whether a value can be written here at all (not a key, lookup, owner, state or computed column). */
    public boolean takesPlainValues() {
        return writable && switch (attributeType) {
            case "String", "Memo", "Integer", "BigInt", "Decimal", "Double", "Money", "Boolean", "Picklist", "DateTime",
                    "Virtual" -> true;
            default -> false;
        };
    }
}
