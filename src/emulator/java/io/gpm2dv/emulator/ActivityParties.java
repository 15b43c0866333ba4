package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Activity parties written through an activity's collection ({@code email_activity_parties},
 * {@code appointment_activity_parties}, API §11): each item has one {@code partyid_<table>@odata.bind} or an
 * {@code addressused}, and a {@code participationtypemask} the activity allows (1–4 for emails, 5–7 for
 * appointments); anything else fails with {@code 0x80094006} (400 assumed). The parties replace earlier ones.
 */
final class ActivityParties {
    static final String MASK_NOT_FOUND = "0x80094006";

    private ActivityParties() {
    }

    /** Removes the party collections from {@code body} and returns them (collection name → items). */
    static Map<String, JsonNode> extract(TableDef t, ObjectNode body) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (String collection : t.parties().keySet()) {
            JsonNode v = body.remove(collection);
            if (v != null) {
                out.put(collection, v);
            }
        }
        return out;
    }

    /** Writes the parties of activity {@code id}, replacing those of the same collection. */
    static void write(RecordStore.Tx tx, TableDef t, UUID id, Map<String, JsonNode> collections) {
        TableDef party = tx.schema().require("activityparty");
        for (Map.Entry<String, JsonNode> c : collections.entrySet()) {
            if (!(c.getValue() instanceof ArrayNode items)) {
                throw ApiError.payload("The value of the collection navigation property '" + c.getKey()
                        + "' must be an array of activityparty objects.");
            }
            List<ObjectNode> rows = new ArrayList<>();
            for (JsonNode item : items) {
                rows.add(row(tx, t, party, id, c.getKey(), item));
            }
            for (ObjectNode existing : of(tx, t, id)) {
                tx.remove("activityparty", UUID.fromString(existing.get("activitypartyid").asText()));
            }
            for (ObjectNode r : rows) {
                r.put("versionnumber", tx.nextVersion());
                tx.put("activityparty", UUID.fromString(r.get("activitypartyid").asText()), r);
            }
        }
    }

    private static ObjectNode row(RecordStore.Tx tx, TableDef t, TableDef party, UUID activityId, String collection,
            JsonNode item) {
        if (!(item instanceof ObjectNode o)) {
            throw ApiError.payload("Every item of '" + collection + "' must be an activityparty object.");
        }
        JsonNode mask = o.get("participationtypemask");
        List<Integer> allowed = t.parties().get(collection);
        if (mask == null || !mask.isIntegralNumber() || !allowed.contains(mask.asInt())) {
            // ActivityPartyParticipationTypeMaskNotFound; the 400 is the spec's assumption
            throw new ApiError(400, MASK_NOT_FOUND, "The participation type mask " + (mask == null ? "(none)" : mask.asText())
                    + " is not valid for an activity party of " + t.logicalName() + "; expected one of " + allowed + ".");
        }
        ObjectNode fields = o.deepCopy();
        fields.remove("activitypartyid");
        ObjectNode changes = BodyRules.readParty(tx, party, fields);
        boolean bound = changes.hasNonNull("_partyid_value");
        boolean address = changes.hasNonNull("addressused") && !changes.get("addressused").asText().isBlank();
        if (!bound && !address) {
            throw ApiError.payload("An activity party of '" + collection
                    + "' needs a 'partyid_<table>@odata.bind' or an 'addressused'.");
        }
        ObjectNode r = ApiResponse.JSON.createObjectNode();
        r.put("activitypartyid", UUID.randomUUID().toString());
        r.setAll(changes);
        EntityWrites.setLookup(r, "activityid", t.logicalName(), activityId);
        r.put("_activityid_value" + BodyRules.NAVIGATION, "activityid_" + t.logicalName());
        return r;
    }

    /** The parties of activity {@code id}. */
    static List<ObjectNode> of(RecordStore.View view, TableDef t, UUID id) {
        return view.referring("activityparty", "_activityid_value", id);
    }
}
