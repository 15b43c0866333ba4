package io.gpm2dv.emulator;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a create or update body the way Dataverse does: unknown properties and undeclared navigation
 * properties are refused, {@code @odata.bind} targets must exist, values are checked per column, and values
 * of columns not valid for the message are ignored rather than rejected (API §3.1).
 */
final class BodyRules {
    static final String LOGICAL_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    static final String NAVIGATION = "@Microsoft.Dynamics.CRM.associatednavigationproperty";
    public static final String OWNER_NOT_ENABLED = "0x8004022b";

    private BodyRules() {
    }

    /** The changes a body asks for, in stored form (lookups as {@code _<column>_value} plus their target table). */
    static ObjectNode read(RecordStore.View view, TableDef t, ObjectNode body, boolean create) {
        ObjectNode changes = ApiResponse.JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            JsonNode value = f.getValue();
            if (name.equals("@odata.type")) {
                String type = value.asText().startsWith("#") ? value.asText().substring(1) : value.asText();
                if (!type.equals(t.odataType())) {
                    throw ApiError.payload("A resource with type '" + type + "' was found, but it is not assignable "
                            + "to the expected type '" + t.odataType() + "'.");
                }
            } else if (name.endsWith("@odata.bind")) {
                bind(view, t, name.substring(0, name.length() - "@odata.bind".length()), value, create, changes);
            } else if (name.contains("@")) {
                continue; // instance and property annotations (e.g. @odata.etag) carry no data
            } else {
                column(view, t, name, value, create, changes);
            }
        }
        return changes;
    }

    /**
     * An activity party's fields: {@code activityparty} is not creatable on its own, so its values are read as a
     * create of that table would read them, but only through its activity.
     */
    static ObjectNode readParty(RecordStore.View view, TableDef party, ObjectNode body) {
        return read(view, party, body, true);
    }

    private static void column(RecordStore.View view, TableDef t, String name, JsonNode value, boolean create,
            ObjectNode changes) {
        ColumnDef c = t.column(name).orElseThrow(() -> ApiError.unknownProperty(t, name));
        if (c.type().isLookup()) {
            if (c.targets().containsKey(name)) {
                throw ApiError.payload("A 'PrimitiveValue' node with non-null value was found when trying to read the "
                        + "value of the navigation property '" + name + "'; however, a 'StartArray' node, a 'StartObject' "
                        + "node, or a 'PrimitiveValue' node with null value was expected.");
            }
            throw ApiError.unknownProperty(t, name);
        }
        if (!c.isValidFor(create)) {
            return;
        }
        JsonNode stored = ValueRules.convert(view.schema(), t, c, value);
        if (t.uploadLimited().contains(name) && stored.isTextual()) {
            long limit = maxUploadFileSize(view);
            if (stored.asText().length() > limit) {
                throw new ApiError(400, ApiError.FILE_TOO_BIG, "Attachment file size is too big.");
            }
        }
        changes.set(name, stored);
    }

    private static void bind(RecordStore.View view, TableDef t, String nav, JsonNode value, boolean create,
            ObjectNode changes) {
        ColumnDef c = t.columnOfNavigation(nav).orElseThrow(() -> ApiError.undeclaredNavigation(nav));
        if (!c.isValidFor(create)) {
            return;
        }
        String readName = c.readName();
        if (value == null || value.isNull()) {
            changes.set(readName, NullNode.instance);
            changes.set(readName + LOGICAL_NAME, NullNode.instance);
            changes.set(readName + NAVIGATION, NullNode.instance);
            return;
        }
        if (!value.isTextual()) {
            throw ApiError.payload("The value of '" + nav + "@odata.bind' must be a record URL.");
        }
        ResourcePath ref = ResourcePath.ofRecordUrl(value.asText());
        TableDef target = view.schema().require(c.targets().get(nav));
        if (c.type() == ColumnType.Owner && ref.name().equals("teams")) {
            target = view.schema().require("team"); // ownerid targets systemuser or team through one navigation property
        }
        if (!ref.name().equals(target.entitySetName())) {
            throw ApiError.payload("The navigation property '" + nav + "' of type '" + t.odataType() + "' expects '"
                    + target.odataType() + "' but the URI '" + value.asText() + "' addresses '" + ref.name() + "'.");
        }
        KeyRef key = KeyRef.parse(target, ref.keyText());
        UUID id = key.resolve(view).orElseThrow(key::notFound);
        if (c.type() == ColumnType.Owner && target.logicalName().equals("systemuser")
                && view.get("systemuser", id).map(u -> u.path("isdisabled").asBoolean(false)).orElse(false)) {
            throw new ApiError(400, OWNER_NOT_ENABLED, "The specified owner has been disabled.");
        }
        changes.put(readName, id.toString());
        changes.put(readName + LOGICAL_NAME, target.logicalName());
        changes.put(readName + NAVIGATION, nav);
    }

    /** The organization's {@code maxuploadfilesize}: the longest base64 text a note or attachment may hold (API §12.3). */
    static long maxUploadFileSize(RecordStore.View view) {
        return view.all("organization").stream().findFirst()
                .map(o -> o.path("maxuploadfilesize").asLong(EmulatorOptions.MAX_UPLOAD_FILE_SIZE))
                .orElse(EmulatorOptions.MAX_UPLOAD_FILE_SIZE);
    }
}
