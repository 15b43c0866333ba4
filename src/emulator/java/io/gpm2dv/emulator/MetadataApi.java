package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The metadata (schema) Web API (API §15): read tables, columns and keys; create columns, custom tables,
 * one-to-many relationships (their lookup column) and alternate keys. A new column is usable in data requests at
 * once, without publishing (the spec's assumption). Changes are schema.json fragments applied to {@link Schema}.
 */
final class MetadataApi {
    private static final Pattern BY_LOGICAL_NAME = Pattern.compile("^LogicalName eq '([^']*)'$");
    private static final Pattern NAMED = Pattern.compile("^(\\w+)\\((?:LogicalName=)?'?([^')]*)'?\\)$");

    private final RecordStore store;
    private final KeyJobs keys;
    private final Predicate<TableDef> bulkSupported;

    MetadataApi(RecordStore store, Predicate<TableDef> bulkSupported) {
        this.store = store;
        this.keys = new KeyJobs(store);
        this.bulkSupported = bulkSupported;
        store.onClear(keys::reset);
    }

    /** Activates keys whose build time has passed (called before each top-level request). */
    void settleKeys() {
        if (keys.building()) {
            keys.settle();
        }
    }

    ApiResponse handle(ApiRequest req, ResourcePath path, String apiBase) {
        if (path.name().equals("RelationshipDefinitions")) {
            if (!req.method().equals("POST") || path.keyText() != null) {
                throw ApiError.noSuchSegment("RelationshipDefinitions");
            }
            return created(apiBase + "RelationshipDefinitions(" + Relationships.create(store, RecordOperations.body(req)) + ")");
        }
        if (path.keyText() == null) {
            if (req.method().equals("POST") && path.segments().isEmpty()) {
                return created(apiBase + "EntityDefinitions(" + Relationships.createTable(store, RecordOperations.body(req),
                        bulkSupported) + ")");
            }
            requireGet(req);
            ArrayNode value = ApiResponse.JSON.createArrayNode();
            String filter = req.query().get("$filter");
            Matcher m = filter == null ? null : BY_LOGICAL_NAME.matcher(filter.trim());
            if (filter != null && !m.matches()) {
                throw ApiError.query("The emulator filters EntityDefinitions by \"LogicalName eq '<name>'\" only.");
            }
            for (TableDef t : store.schema().tables()) {
                if (m == null || t.logicalName().equals(m.group(1))) {
                    value.add(select(entity(t), req));
                }
            }
            return list(apiBase + "$metadata#EntityDefinitions", value);
        }
        TableDef t = table(path.keyText());
        List<String> seg = path.segments();
        if (seg.isEmpty()) {
            requireGet(req);
            ObjectNode e = select(entity(t), req);
            e.put("@odata.context", apiBase + "$metadata#EntityDefinitions/$entity");
            return ApiResponse.json(200, e);
        }
        String base = apiBase + "EntityDefinitions(LogicalName='" + t.logicalName() + "')/";
        if (seg.get(0).equals("Attributes") && seg.size() == 1) {
            if (req.method().equals("POST")) {
                ObjectNode body = RecordOperations.body(req);
                ObjectNode def = AttributeMetadata.column(t, body);
                String logical = body.get("SchemaName").asText().toLowerCase(Locale.ROOT);
                ObjectNode change = ApiResponse.JSON.createObjectNode();
                change.put("op", "column").put("table", t.logicalName()).put("name", logical).set("def", def);
                store.write(tx -> tx.schema().apply(change));
                return created(base + "Attributes(" + Identity.named("attribute:" + t.logicalName() + "." + logical) + ")");
            }
            requireGet(req);
            ArrayNode value = ApiResponse.JSON.createArrayNode();
            t.columns().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                    .forEach(c -> value.add(select(AttributeMetadata.render(t, c), req)));
            return list(apiBase + "$metadata#EntityDefinitions('" + t.logicalName() + "')/Attributes", value);
        }
        if (seg.get(0).startsWith("Attributes(") && seg.size() <= 2) {
            requireGet(req);
            Matcher m = NAMED.matcher(seg.get(0));
            ColumnDef c = m.matches() ? column(t, m.group(2)) : null;
            if (c == null) {
                throw ApiError.noSuchSegment(seg.get(0));
            }
            ObjectNode a = AttributeMetadata.render(t, c);
            if (seg.size() == 2 && !a.path("@odata.type").asText().equals("#" + seg.get(1))) {
                throw ApiError.noSuchSegment(seg.get(1));
            }
            a = select(a, req);
            a.put("@odata.context", base + "$metadata#Attributes/$entity");
            return ApiResponse.json(200, a);
        }
        if (seg.get(0).equals("Keys") && seg.size() == 1) {
            if (req.method().equals("POST")) {
                return created(base + "Keys(" + keys.create(t, RecordOperations.body(req)) + ")");
            }
            requireGet(req);
            ArrayNode value = ApiResponse.JSON.createArrayNode();
            keys.list(t).forEach(k -> value.add(select(k, req)));
            return list(apiBase + "$metadata#EntityDefinitions('" + t.logicalName() + "')/Keys", value);
        }
        throw ApiError.noSuchSegment(String.join("/", seg));
    }

    private TableDef table(String keyText) {
        String k = keyText.trim();
        if (k.startsWith("LogicalName=")) {
            String name = k.substring("LogicalName=".length()).replace("'", "");
            return store.schema().table(name).orElseThrow(() -> new ApiError(404, ApiError.OBJECT_DOES_NOT_EXIST,
                    "Could not find an entity with specified entity name: " + name));
        }
        UUID id = KeyRef.guid(k).orElseThrow(() -> ApiError.query("The key of EntityDefinitions must be LogicalName='<name>' or a MetadataId."));
        return store.schema().tables().stream().filter(t -> metadataId(t).equals(id)).findFirst()
                .orElseThrow(() -> new ApiError(404, ApiError.OBJECT_DOES_NOT_EXIST, "Could not find an entity with MetadataId " + id));
    }

    private static ColumnDef column(TableDef t, String name) {
        ColumnDef c = t.columns().get(name);
        if (c != null) {
            return c;
        }
        return KeyRef.guid(name).flatMap(id -> t.columns().values().stream()
                .filter(x -> Identity.named("attribute:" + t.logicalName() + "." + x.name()).equals(id)).findFirst()).orElse(null);
    }

    static UUID metadataId(TableDef t) {
        return Identity.named("entity:" + t.logicalName());
    }

    private static ObjectNode entity(TableDef t) {
        ObjectNode e = ApiResponse.JSON.createObjectNode();
        e.put("MetadataId", metadataId(t).toString());
        e.put("LogicalName", t.logicalName());
        e.put("SchemaName", t.logicalName());
        e.put("EntitySetName", t.entitySetName());
        e.put("PrimaryIdAttribute", t.primaryKey());
        if (t.primaryName() == null) {
            e.putNull("PrimaryNameAttribute");
        } else {
            e.put("PrimaryNameAttribute", t.primaryName());
        }
        e.put("IsCustomEntity", t.isCustom());
        e.put("IsActivity", !t.parties().isEmpty() || t.logicalName().equals("task"));
        e.put("IsOptimisticConcurrencyEnabled", true);
        e.put("IsCustomizable", t.customColumns());
        return e;
    }

    /** Keeps only the properties of {@code $select} (plus {@code @odata.type}). */
    private static ObjectNode select(ObjectNode full, ApiRequest req) {
        String select = req.query().get("$select");
        if (select == null || select.isBlank()) {
            return full;
        }
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        if (full.has("@odata.type")) {
            out.set("@odata.type", full.get("@odata.type"));
        }
        List<String> names = new ArrayList<>();
        for (String s : select.split(",")) {
            names.add(s.trim());
        }
        for (String n : names) {
            JsonNode v = full.get(n);
            if (v != null) {
                out.set(n, v);
            }
        }
        if (full.has("MetadataId")) {
            out.set("MetadataId", full.get("MetadataId"));
        }
        return out;
    }

    private static ApiResponse list(String context, ArrayNode value) {
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("@odata.context", context);
        out.set("value", value);
        return ApiResponse.json(200, out);
    }

    private static ApiResponse created(String entityId) {
        return new ApiResponse(204).header("OData-EntityId", entityId);
    }

    private static void requireGet(ApiRequest req) {
        if (!req.method().equals("GET")) {
            throw new ApiError(405, ApiError.QUERY_SYNTAX, "The HTTP method '" + req.method() + "' is not allowed for this resource.");
        }
    }
}
