package io.gpm2dv.emulator;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Column definitions as the metadata API shows and takes them (API §15): a {@link ColumnDef} rendered as
 * {@code <Kind>AttributeMetadata}, and a POSTed definition checked (publisher prefix, unique SchemaName, the
 * properties Microsoft lists as required) and turned into a schema.json column.
 */
final class AttributeMetadata {
    /** Customization prefixes of the publishers the emulated environment has (the default publisher's is 'new'). */
    static final Set<String> PREFIXES = Set.of("new");
    private static final Pattern SCHEMA_NAME = Pattern.compile("^([A-Za-z][A-Za-z0-9]{1,7})_[A-Za-z0-9_]+$");
    static final String TYPE_PREFIX = "Microsoft.Dynamics.CRM.";

    private AttributeMetadata() {
    }

    /** AttributeType, AttributeTypeName and the metadata type of a column type. */
    static String[] kind(ColumnType type) {
        return switch (type) {
            case Uniqueidentifier -> new String[] {"Uniqueidentifier", "UniqueidentifierType", "UniqueIdentifierAttributeMetadata"};
            case DateOnly -> new String[] {"DateTime", "DateTimeType", "DateTimeAttributeMetadata"};
            case Customer, Owner -> new String[] {type.name(), type.name() + "Type", "LookupAttributeMetadata"};
            case MultiSelectPicklist -> new String[] {"Virtual", "MultiSelectPicklistType", "MultiSelectPicklistAttributeMetadata"};
            default -> new String[] {type.name(), type.name() + "Type", type.name() + "AttributeMetadata"};
        };
    }

    static ObjectNode render(TableDef t, ColumnDef c) {
        String[] kind = kind(c.type());
        ObjectNode a = ApiResponse.JSON.createObjectNode();
        a.put("@odata.type", "#" + TYPE_PREFIX + kind[2]);
        a.put("MetadataId", Identity.named("attribute:" + t.logicalName() + "." + c.name()).toString());
        a.put("LogicalName", c.name());
        a.put("SchemaName", c.schemaName() != null ? c.schemaName() : c.name());
        a.put("EntityLogicalName", t.logicalName());
        a.put("AttributeType", kind[0]);
        a.putObject("AttributeTypeName").put("Value", kind[1]);
        a.put("IsCustomAttribute", c.schemaName() != null || c.name().startsWith("new_"));
        a.put("IsValidForCreate", c.validForCreate());
        a.put("IsValidForUpdate", c.validForUpdate());
        a.put("IsPrimaryId", c.name().equals(t.primaryKey()));
        a.put("IsPrimaryName", c.name().equals(t.primaryName()));
        if (c.maxLength() != null) {
            a.put("MaxLength", c.maxLength());
        }
        if (c.type() == ColumnType.DateTime || c.type() == ColumnType.DateOnly) {
            a.put("Format", c.type() == ColumnType.DateOnly ? "DateOnly" : "DateAndTime");
            a.putObject("DateTimeBehavior").put("Value", c.type() == ColumnType.DateOnly ? "DateOnly" : "UserLocal");
        }
        putLabel(a.putObject("DisplayName"), c.label() != null ? c.label() : c.name());
        if ((c.type() == ColumnType.Picklist || c.type() == ColumnType.MultiSelectPicklist) && !c.options().isEmpty()) {
            var options = a.putObject("OptionSet").putArray("Options");
            c.options().forEach((value, text) -> {
                ObjectNode o = options.addObject();
                o.put("Value", value);
                putLabel(o.putObject("Label"), text);
            });
        }
        if (c.type().isLookup()) {
            var targets = a.putArray("Targets");
            c.targets().values().stream().distinct().forEach(targets::add);
        }
        return a;
    }

    /** A Label as Dataverse writes one: the localized label (1033) and the user's. */
    private static void putLabel(ObjectNode label, String text) {
        ObjectNode localized = label.putArray("LocalizedLabels").addObject();
        localized.put("Label", text).put("LanguageCode", 1033);
        label.putObject("UserLocalizedLabel").put("Label", text).put("LanguageCode", 1033);
    }

    /** The text of a posted Label (its first localized label). */
    static String label(JsonNode label) {
        JsonNode l = label.path("LocalizedLabels").path(0).path("Label");
        if (l.isTextual()) {
            return l.asText();
        }
        return label.path("UserLocalizedLabel").path("Label").asText(null);
    }

    /** Checks a SchemaName for the publisher prefix (400 otherwise; the exact code is unverified). */
    static String logicalName(JsonNode schemaName, String what) {
        if (schemaName == null || !schemaName.isTextual()) {
            throw invalid("The " + what + " definition requires a 'SchemaName'.");
        }
        var m = SCHEMA_NAME.matcher(schemaName.asText());
        if (!m.matches() || !PREFIXES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            throw invalid("The SchemaName '" + schemaName.asText() + "' must begin with the customization prefix of a "
                    + "publisher followed by an underscore (one of " + PREFIXES + ", e.g. 'new_LegacyId').");
        }
        return schemaName.asText().toLowerCase(Locale.ROOT);
    }

    static void requireCustomizable(TableDef t) {
        if (!t.customColumns()) {
            throw invalid("The entity '" + t.logicalName() + "' does not support custom attributes.");
        }
    }

    static void requireUnique(TableDef t, String logical, String schemaName) {
        if (t.columns().containsKey(logical)) {
            throw invalid("An attribute with the SchemaName '" + schemaName + "' already exists on the entity '"
                    + t.logicalName() + "'.");
        }
    }

    /** A POSTed {@code <Kind>AttributeMetadata} as a schema.json column (lookups come through relationships). */
    static ObjectNode column(TableDef t, ObjectNode body) {
        requireCustomizable(t);
        String type = body.path("@odata.type").asText("").replace("#", "");
        String logical = logicalName(body.get("SchemaName"), "attribute");
        requireUnique(t, logical, body.get("SchemaName").asText());
        if (!body.path("DisplayName").isObject()) {
            throw invalid("The attribute definition requires a 'DisplayName' label.");
        }
        if (!body.path("RequiredLevel").path("Value").isTextual()) {
            throw invalid("The attribute definition requires a 'RequiredLevel'.");
        }
        ObjectNode def = ApiResponse.JSON.createObjectNode();
        def.put("schemaName", body.get("SchemaName").asText());
        String label = label(body.path("DisplayName"));
        if (label != null) {
            def.put("label", label);
        }
        String kind = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : "";
        switch (kind) {
            case "StringAttributeMetadata", "MemoAttributeMetadata" -> {
                if (!body.path("MaxLength").canConvertToInt() || body.path("MaxLength").asInt() <= 0) {
                    throw invalid("A " + kind + " requires a positive 'MaxLength'.");
                }
                def.put("type", kind.startsWith("String") ? "String" : "Memo");
                def.put("max", body.get("MaxLength").asInt());
            }
            case "IntegerAttributeMetadata", "BigIntAttributeMetadata" -> {
                def.put("type", kind.startsWith("Integer") ? "Integer" : "BigInt");
                if (body.has("MinValue")) {
                    def.put("min", body.get("MinValue").asLong());
                }
                if (body.has("MaxValue")) {
                    def.put("max", body.get("MaxValue").asLong());
                }
            }
            case "DecimalAttributeMetadata" -> def.put("type", "Decimal");
            case "DoubleAttributeMetadata" -> def.put("type", "Double");
            case "MoneyAttributeMetadata" -> def.put("type", "Money");
            case "BooleanAttributeMetadata" -> def.put("type", "Boolean");
            case "DateTimeAttributeMetadata" -> {
                // Edm.Date only with the DateOnly behaviour; a DateOnly format with UserLocal stays a DateTimeOffset
                boolean dateOnly = body.path("DateTimeBehavior").path("Value").asText("").equals("DateOnly")
                        || (body.path("Format").asText("").equals("DateOnly") && !body.has("DateTimeBehavior"));
                def.put("type", dateOnly ? "DateOnly" : "DateTime");
            }
            case "PicklistAttributeMetadata", "MultiSelectPicklistAttributeMetadata" -> {
                def.put("type", kind.startsWith("Picklist") ? "Picklist" : "MultiSelectPicklist");
                ObjectNode options = def.putObject("options");
                for (JsonNode o : body.path("OptionSet").path("Options")) {
                    if (!o.path("Value").canConvertToInt()) {
                        throw invalid("Every option of the OptionSet needs an integer 'Value'.");
                    }
                    options.put(o.get("Value").asText(), o.path("Label").path("LocalizedLabels").path(0).path("Label")
                            .asText(o.get("Value").asText()));
                }
                if (options.isEmpty()) {
                    throw invalid("A " + kind + " requires an 'OptionSet' with 'Options' (global option sets are not modelled).");
                }
            }
            case "LookupAttributeMetadata" -> throw invalid("Lookup attributes are created with a relationship definition "
                    + "(POST RelationshipDefinitions), not through /Attributes.");
            default -> throw invalid("The attribute type '" + type + "' is missing or not supported.");
        }
        return def;
    }

    static ApiError invalid(String message) {
        return new ApiError(400, ApiError.INVALID_ARGUMENT, message);
    }
}
