package io.gpm2dv.emulator;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two metadata creations that add more than a column: a one-to-many relationship (POST
 * RelationshipDefinitions, which adds the lookup on the referencing table; its navigation property is
 * {@code ReferencingEntityNavigationPropertyName}, by default the lookup's SchemaName) and a custom table (POST
 * EntityDefinitions with its primary name attribute; the entity set name is the server's plural).
 */
final class Relationships {
    private Relationships() {
    }

    static UUID create(RecordStore store, ObjectNode body) {
        if (!body.path("@odata.type").asText("").replace("#", "").equals("Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata")) {
            throw AttributeMetadata.invalid("Only one-to-many relationships (OneToManyRelationshipMetadata) are modelled.");
        }
        String name = body.path("SchemaName").asText(null);
        AttributeMetadata.logicalName(body.get("SchemaName"), "relationship");
        return store.write(tx -> {
            Schema schema = tx.schema();
            TableDef referenced = schema.table(body.path("ReferencedEntity").asText("")).orElseThrow(() ->
                    AttributeMetadata.invalid("The ReferencedEntity '" + body.path("ReferencedEntity").asText() + "' does not exist."));
            TableDef referencing = schema.table(body.path("ReferencingEntity").asText("")).orElseThrow(() ->
                    AttributeMetadata.invalid("The ReferencingEntity '" + body.path("ReferencingEntity").asText() + "' does not exist."));
            boolean taken = schema.tables().stream().flatMap(t -> t.columns().values().stream())
                    .anyMatch(c -> name.equalsIgnoreCase(c.relationship()));
            if (taken) {
                throw AttributeMetadata.invalid("A relationship with the SchemaName '" + name + "' already exists.");
            }
            JsonNode lookup = body.get("Lookup");
            if (lookup == null || !lookup.path("@odata.type").asText("").replace("#", "")
                    .equals("Microsoft.Dynamics.CRM.LookupAttributeMetadata")) {
                throw AttributeMetadata.invalid("The relationship requires a 'Lookup' of type LookupAttributeMetadata.");
            }
            AttributeMetadata.requireCustomizable(referencing);
            String logical = AttributeMetadata.logicalName(lookup.get("SchemaName"), "lookup");
            AttributeMetadata.requireUnique(referencing, logical, lookup.get("SchemaName").asText());
            if (!lookup.path("DisplayName").isObject()) {
                throw AttributeMetadata.invalid("The lookup definition requires a 'DisplayName' label.");
            }
            String nav = body.path("ReferencingEntityNavigationPropertyName").asText(lookup.get("SchemaName").asText());
            ObjectNode def = ApiResponse.JSON.createObjectNode();
            def.put("type", "Lookup").put("schemaName", lookup.get("SchemaName").asText()).put("relationship", name);
            def.putObject("targets").put(nav, referenced.logicalName());
            ObjectNode change = ApiResponse.JSON.createObjectNode();
            change.put("op", "column").put("table", referencing.logicalName()).put("name", logical).set("def", def);
            schema.apply(change);
            return Identity.named("relationship:" + name.toLowerCase(Locale.ROOT));
        });
    }

    static UUID createTable(RecordStore store, ObjectNode body, Predicate<TableDef> bulkSupported) {
        if (!body.path("@odata.type").asText("").replace("#", "").equals("Microsoft.Dynamics.CRM.EntityMetadata")) {
            throw AttributeMetadata.invalid("A table definition must be of type Microsoft.Dynamics.CRM.EntityMetadata.");
        }
        String logical = AttributeMetadata.logicalName(body.get("SchemaName"), "entity");
        if (!body.path("DisplayName").isObject() || !body.path("DisplayCollectionName").isObject()) {
            throw AttributeMetadata.invalid("The entity definition requires 'DisplayName' and 'DisplayCollectionName' labels.");
        }
        String ownership = body.path("OwnershipType").asText("UserOwned");
        if (!ownership.equals("UserOwned") && !ownership.equals("OrganizationOwned")) {
            throw AttributeMetadata.invalid("The OwnershipType '" + ownership + "' is not supported (UserOwned, OrganizationOwned).");
        }
        ObjectNode primary = null;
        for (JsonNode a : body.path("Attributes")) {
            if (a.path("IsPrimaryName").asBoolean(false)) {
                primary = (ObjectNode) a;
            }
        }
        if (primary == null || !primary.path("@odata.type").asText("").endsWith("StringAttributeMetadata")) {
            throw AttributeMetadata.invalid("The entity definition requires a StringAttributeMetadata with IsPrimaryName true.");
        }
        ObjectNode primaryAttribute = primary;
        return store.write(tx -> {
            if (tx.schema().table(logical).isPresent()) {
                throw AttributeMetadata.invalid("An entity with the SchemaName '" + body.get("SchemaName").asText() + "' already exists.");
            }
            String nameColumn = AttributeMetadata.logicalName(primaryAttribute.get("SchemaName"), "attribute");
            ObjectNode def = ApiResponse.JSON.createObjectNode();
            def.put("logicalName", logical).put("entitySetName", plural(logical)).put("primaryKey", logical + "id")
                    .put("primaryName", nameColumn).put("customColumns", true).put("bulk", true).put("creatable", true)
                    .put("writable", true).put("isCustom", true);
            var include = def.putArray("include").add("system");
            if (ownership.equals("UserOwned")) {
                include.add("owned");
            }
            include.add("active-state");
            ObjectNode columns = def.putObject("columns");
            columns.putObject(logical + "id").put("type", "Uniqueidentifier");
            columns.putObject(nameColumn).put("type", "String").put("max", primaryAttribute.path("MaxLength").asInt(100))
                    .put("schemaName", primaryAttribute.get("SchemaName").asText());
            ObjectNode change = ApiResponse.JSON.createObjectNode();
            change.put("op", "table").set("def", def);
            TableDef t = tx.schema().apply(change);
            if (body.path("HasNotes").asBoolean(false)) {
                notesMayRegard(tx.schema(), logical);
            }
            Seeder.filters(tx, t, bulkSupported, ValueRules.now());
            return MetadataApi.metadataId(t);
        });
    }

    /** A table with notes (HasNotes): a note's {@code objectid} may regard it, through {@code objectid_<table>}. */
    private static void notesMayRegard(Schema schema, String logical) {
        schema.table("annotation").map(notes -> notes.columns().get("objectid")).ifPresent(objectid -> {
            ObjectNode def = ApiResponse.JSON.createObjectNode().put("type", "Lookup");
            ObjectNode targets = def.putObject("targets");
            objectid.targets().forEach(targets::put);
            targets.put("objectid_" + logical, logical);
            ObjectNode change = ApiResponse.JSON.createObjectNode();
            change.put("op", "column").put("table", "annotation").put("name", "objectid").set("def", def);
            schema.apply(change);
        });
    }

    /** The entity set name Dataverse gives a custom table: its logical name in the English plural. */
    static String plural(String logical) {
        if (logical.matches(".*[^aeiou]y$")) {
            return logical.substring(0, logical.length() - 1) + "ies";
        }
        if (logical.matches(".*(s|x|z|ch|sh)$")) {
            return logical + "es";
        }
        return logical + "s";
    }
}
