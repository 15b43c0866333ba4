package io.gpm2dv.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.schema.SchemaCheck.Kind;
import io.gpm2dv.schema.SchemaCheck.Missing;
import io.gpm2dv.schema.SchemaPlan.Column;

/**
 * Creates what the target lacks of a {@link SchemaPlan} through the metadata API (API §15): custom tables (POST
 * EntityDefinitions), columns (POST .../Attributes), lookups (POST RelationshipDefinitions), alternate keys (POST
 * .../Keys, then polled until Active), then publishes the touched tables (PublishXml). Only missing items are
 * created, so applying twice creates nothing the second time. A column of the wrong type is never changed: it stays
 * in the result for a person to resolve.
 */
public final class SchemaApplier {
    private static final Logger LOG = Logger.getLogger(SchemaApplier.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Dataverse's Decimal range (API §15.2 table, widened to the documented maximum). */
    private static final long DECIMAL_LIMIT = 100_000_000_000L;

    /** What the apply did and what is still missing afterwards. */
    public record Result(List<String> created, List<Missing> remaining) {
    }

    private final MetadataHttp http;
    private final String solution;
    private final Duration keyTimeout;
    private final Duration keyPoll;

    public SchemaApplier(MetadataHttp http, String solution, Duration keyTimeout, Duration keyPoll) {
        this.http = http;
        this.solution = solution;
        this.keyTimeout = keyTimeout;
        this.keyPoll = keyPoll;
    }

    public Result apply(SchemaPlan plan) {
        List<Missing> missing = SchemaCheck.missing(plan, http);
        List<String> created = new ArrayList<>();
        Set<String> touched = new LinkedHashSet<>();
        Map<String, String> headers = solution == null || solution.isBlank() ? Map.of()
                : Map.of("MSCRM.SolutionUniqueName", solution);
        for (SchemaPlan.Table t : plan.tables()) {
            if (has(missing, Kind.TABLE, t.logicalName(), t.logicalName())) {
                http.post("EntityDefinitions", table(t), headers);
                created.add("table " + t.logicalName());
                touched.add(t.logicalName());
            }
        }
        for (Column c : plan.columns()) {
            if (!has(missing, Kind.COLUMN, c.table(), c.logicalName())) {
                continue;
            }
            if (c.type() == SchemaPlan.Type.Lookup) {
                http.post("RelationshipDefinitions", relationship(c), headers);
            } else {
                http.post(SchemaCheck.entity(c.table()) + "/Attributes", column(c), headers);
            }
            created.add(SchemaCheck.describe(c));
            touched.add(c.table());
        }
        List<SchemaPlan.Key> waiting = new ArrayList<>();
        for (SchemaPlan.Key k : plan.keys()) {
            if (has(missing, Kind.KEY, k.table(), k.name())) {
                http.post(SchemaCheck.entity(k.table()) + "/Keys", key(k), headers);
                created.add("alternate key " + k.table() + "." + k.name());
                touched.add(k.table());
                waiting.add(k);
            } else if (has(missing, Kind.KEY_NOT_ACTIVE, k.table(), k.name())) {
                waiting.add(k);
            }
        }
        awaitKeys(waiting);
        if (!touched.isEmpty()) {
            StringBuilder xml = new StringBuilder("<importexportxml><entities>");
            touched.forEach(t -> xml.append("<entity>").append(t).append("</entity>"));
            xml.append("</entities></importexportxml>");
            ObjectNode body = JSON.objectNode();
            body.put("ParameterXml", xml.toString());
            http.post("PublishXml", body, Map.of());
        }
        LOG.debugf("Schema plan applied: %d item(s) created, tables published: %s", created.size(), touched);
        return new Result(List.copyOf(created), SchemaCheck.missing(plan, http));
    }

    /** Polls the keys until every one is Active; Failed or the timeout is an error naming the key. */
    private void awaitKeys(List<SchemaPlan.Key> keys) {
        Instant deadline = Instant.now().plus(keyTimeout);
        List<SchemaPlan.Key> pending = new ArrayList<>(keys);
        while (!pending.isEmpty()) {
            List<SchemaPlan.Key> still = new ArrayList<>();
            Map<String, Map<String, String>> byTable = new java.util.HashMap<>();
            for (SchemaPlan.Key k : pending) {
                String status = byTable.computeIfAbsent(k.table(), t -> SchemaCheck.keyStatus(http, t))
                        .getOrDefault(k.name().toLowerCase(), "missing");
                if (status.equals("Failed")) {
                    throw new IllegalStateException("the alternate key " + k.table() + "." + k.name() + " Failed to "
                            + "activate (rows already sharing a value block it); remove the duplicates and reactivate it");
                }
                if (!status.equals("Active")) {
                    still.add(k);
                }
            }
            pending = still;
            if (pending.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("alternate key(s) " + pending.stream().map(k -> k.table() + "." + k.name())
                        .toList() + " not Active after migration.schema.key-timeout (" + keyTimeout + ")");
            }
            try {
                Thread.sleep(keyPoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for alternate keys", e);
            }
        }
    }

    private static boolean has(List<Missing> missing, Kind kind, String table, String name) {
        return missing.stream().anyMatch(m -> m.kind() == kind && m.table().equals(table) && m.name().equals(name));
    }

    static ObjectNode label(String text) {
        ObjectNode l = JSON.objectNode();
        l.put("@odata.type", "Microsoft.Dynamics.CRM.Label");
        ObjectNode loc = l.putArray("LocalizedLabels").addObject();
        loc.put("@odata.type", "Microsoft.Dynamics.CRM.LocalizedLabel");
        loc.put("Label", text);
        loc.put("LanguageCode", 1033);
        return l;
    }

    private static ObjectNode common(String odataType, String attributeType, String typeName, String schemaName, String display) {
        ObjectNode a = JSON.objectNode();
        a.put("@odata.type", "Microsoft.Dynamics.CRM." + odataType);
        a.put("AttributeType", attributeType);
        a.putObject("AttributeTypeName").put("Value", typeName);
        a.put("SchemaName", schemaName);
        a.putObject("RequiredLevel").put("Value", "None").put("CanBeChanged", true)
                .put("ManagedPropertyLogicalName", "canmodifyrequirementlevelsettings");
        a.set("DisplayName", label(display));
        a.set("Description", label("Gensolve migration"));
        return a;
    }

    /** The POST body of a column (API §15.2). */
    static ObjectNode column(Column c) {
        return switch (c.type()) {
            case String -> {
                ObjectNode a = common("StringAttributeMetadata", "String", "StringType", c.schemaName(), c.displayName());
                a.put("MaxLength", c.maxLength());
                a.putObject("FormatName").put("Value", "Text");
                yield a;
            }
            case Memo -> {
                ObjectNode a = common("MemoAttributeMetadata", "Memo", "MemoType", c.schemaName(), c.displayName());
                a.put("Format", "TextArea");
                a.put("MaxLength", c.maxLength());
                yield a;
            }
            case Integer -> {
                ObjectNode a = common("IntegerAttributeMetadata", "Integer", "IntegerType", c.schemaName(), c.displayName());
                a.put("Format", "None").put("MinValue", java.lang.Integer.MIN_VALUE).put("MaxValue", java.lang.Integer.MAX_VALUE);
                yield a;
            }
            case Decimal -> {
                ObjectNode a = common("DecimalAttributeMetadata", "Decimal", "DecimalType", c.schemaName(), c.displayName());
                a.put("MinValue", -DECIMAL_LIMIT).put("MaxValue", DECIMAL_LIMIT).put("Precision", c.precision());
                yield a;
            }
            case Money -> {
                ObjectNode a = common("MoneyAttributeMetadata", "Money", "MoneyType", c.schemaName(), c.displayName());
                a.put("MinValue", -922337203685477.0).put("MaxValue", 922337203685477.0).put("Precision", c.precision())
                        .put("PrecisionSource", 2);
                yield a;
            }
            case Boolean -> {
                ObjectNode a = common("BooleanAttributeMetadata", "Boolean", "BooleanType", c.schemaName(), c.displayName());
                a.put("DefaultValue", false);
                ObjectNode os = a.putObject("OptionSet");
                os.put("@odata.type", "Microsoft.Dynamics.CRM.BooleanOptionSetMetadata");
                os.putObject("TrueOption").put("Value", 1).set("Label", label("Yes"));
                os.putObject("FalseOption").put("Value", 0).set("Label", label("No"));
                os.put("OptionSetType", "Boolean");
                yield a;
            }
            case Picklist, MultiSelectPicklist -> {
                boolean multi = c.type() == SchemaPlan.Type.MultiSelectPicklist;
                ObjectNode a = multi
                        ? common("MultiSelectPicklistAttributeMetadata", "Virtual", "MultiSelectPicklistType", c.schemaName(),
                                c.displayName())
                        : common("PicklistAttributeMetadata", "Picklist", "PicklistType", c.schemaName(), c.displayName());
                ObjectNode os = a.putObject("OptionSet");
                os.put("@odata.type", "Microsoft.Dynamics.CRM.OptionSetMetadata");
                os.put("IsGlobal", false);
                os.put("OptionSetType", "Picklist");
                var options = os.putArray("Options");
                c.options().forEach((value, text) -> options.addObject().put("Value", value).set("Label", label(text)));
                yield a;
            }
            case DateOnly, DateTime -> {
                ObjectNode a = common("DateTimeAttributeMetadata", "DateTime", "DateTimeType", c.schemaName(), c.displayName());
                boolean dateOnly = c.type() == SchemaPlan.Type.DateOnly;
                a.put("Format", dateOnly ? "DateOnly" : "DateAndTime");
                a.putObject("DateTimeBehavior").put("Value", dateOnly ? "DateOnly" : "UserLocal");
                yield a;
            }
            case Lookup -> throw new IllegalArgumentException("a lookup is created with its relationship");
        };
    }

    /** The POST body of a lookup's one-to-many relationship. */
    ObjectNode relationship(Column c) {
        JsonNode referenced = http.get(SchemaCheck.entity(c.lookupTable()) + "?$select=PrimaryIdAttribute");
        ObjectNode r = JSON.objectNode();
        r.put("@odata.type", "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata");
        r.put("SchemaName", c.relationshipName());
        r.put("ReferencedEntity", c.lookupTable());
        r.put("ReferencedAttribute", referenced == null ? c.lookupTable() + "id" : referenced.path("PrimaryIdAttribute").asText());
        r.put("ReferencingEntity", c.table());
        r.put("ReferencingEntityNavigationPropertyName", c.logicalName());
        r.putObject("CascadeConfiguration").put("Assign", "NoCascade").put("Delete", "RemoveLink").put("Merge", "NoCascade")
                .put("Reparent", "NoCascade").put("Share", "NoCascade").put("Unshare", "NoCascade");
        ObjectNode lookup = common("LookupAttributeMetadata", "Lookup", "LookupType", c.schemaName(), c.displayName());
        r.set("Lookup", lookup);
        return r;
    }

    /** The POST body of a custom table with its primary name column. */
    static ObjectNode table(SchemaPlan.Table t) {
        ObjectNode e = JSON.objectNode();
        e.put("@odata.type", "Microsoft.Dynamics.CRM.EntityMetadata");
        e.put("SchemaName", t.logicalName());
        e.set("DisplayName", label(t.displayName()));
        e.set("DisplayCollectionName", label(t.displayName() + "s"));
        e.set("Description", label("Gensolve migration"));
        e.put("OwnershipType", "UserOwned");
        e.put("IsActivity", false);
        e.put("HasActivities", false);
        e.put("HasNotes", true);
        ObjectNode name = common("StringAttributeMetadata", "String", "StringType", t.primaryName(), "Name");
        name.put("IsPrimaryName", true);
        name.put("MaxLength", t.primaryNameMax());
        name.putObject("FormatName").put("Value", "Text");
        e.putArray("Attributes").add(name);
        return e;
    }

    static ObjectNode key(SchemaPlan.Key k) {
        ObjectNode b = JSON.objectNode();
        b.put("@odata.type", "Microsoft.Dynamics.CRM.EntityKeyMetadata");
        b.put("SchemaName", k.name());
        b.set("DisplayName", label("Gensolve id key"));
        k.columns().forEach(b.putArray("KeyAttributes")::add);
        return b;
    }
}
