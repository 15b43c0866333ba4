package io.gpm2dv.emulator;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Create and update of one record inside a write transaction: system columns (created/modified, owner,
 * owning business unit, version), {@code overriddencreatedon}, state/status pairs, read-only closed records and
 * computed names.
 */
final class EntityWrites {
    private final Identity identity;

    EntityWrites(Identity identity) {
        this.identity = identity;
    }

    /**
     * Creates a record. {@code urlId}/{@code urlKey} come from an upsert URL; key values from the URL are copied in
     * when the body omits them (body values win, API §3.5).
     */
    ObjectNode create(RecordStore.Tx tx, TableDef t, ObjectNode body, UUID urlId, KeyRef urlKey) {
        if (!t.writable() || !t.creatable()) {
            throw ApiError.notSupported("Create", t.logicalName());
        }
        ObjectNode fields = body.deepCopy();
        Map<String, JsonNode> parties = ActivityParties.extract(t, fields);
        ObjectNode changes = BodyRules.read(tx, t, fields, true);
        if (changes.hasNonNull("overriddencreatedon")
                && !tx.privileges().holds(identity.applicationUserId(), Privileges.OVERRIDE_CREATED_ON)) {
            // the real outcome (an error or a silent ignore) is unverified; the spec assumes 403 PrivilegeDenied
            throw Privileges.denied(Privileges.OVERRIDE_CREATED_ON);
        }
        UUID bodyId = ValueRules.guid(changes.get(t.primaryKey())).orElse(null);
        if (changes.has(t.primaryKey()) && bodyId == null) {
            throw ApiError.payload("The primary key '" + t.primaryKey() + "' must be a GUID.");
        }
        if (urlId != null && bodyId != null && !urlId.equals(bodyId)) {
            throw ApiError.payload("The id in the request body does not match the id in the URL.");
        }
        UUID id = urlId != null ? urlId : bodyId != null ? bodyId : UUID.randomUUID();
        if (tx.get(t.logicalName(), id).isPresent()) {
            throw ApiError.duplicateId();
        }
        if (urlKey != null && !urlKey.isPrimary()) {
            urlKey.values().forEach((column, value) -> {
                if (!changes.hasNonNull(column)) {
                    changes.set(column, ValueRules.convert(tx.schema(), t, t.columns().get(column), value));
                }
            });
        }
        String now = ValueRules.now();
        ObjectNode r = ApiResponse.JSON.createObjectNode();
        r.put(t.primaryKey(), id.toString());
        r.setAll(changes);
        if (t.columns().containsKey("overriddencreatedon")) {
            // the source creation time goes to createdon; overriddencreatedon records when the load happened (API §10)
            JsonNode overridden = changes.get("overriddencreatedon");
            boolean given = overridden != null && !overridden.isNull();
            r.put("createdon", given ? overridden.asText() : now);
            r.set("overriddencreatedon", given ? r.textNode(now) : NullNode.instance);
        } else if (t.columns().containsKey("createdon")) {
            r.put("createdon", now);
        }
        if (t.columns().containsKey("createdby")) {
            setLookup(r, "createdby", "systemuser", identity.applicationUserId());
        }
        if (t.columns().containsKey("ownerid") && !r.hasNonNull("_ownerid_value")) {
            setLookup(r, "ownerid", "systemuser", identity.applicationUserId());
            r.put("_ownerid_value" + BodyRules.NAVIGATION, "ownerid");
        }
        if (t.columns().containsKey("statecode")) {
            ColumnDef state = t.columns().get("statecode");
            int status = r.has("statuscode") && !r.get("statuscode").isNull() ? r.get("statuscode").asInt()
                    : state.defaultStatus().get(0);
            checkPair(t, id, 0, status);
            r.put("statecode", 0);
            r.put("statuscode", status);
        }
        for (String required : t.required()) {
            ColumnDef c = t.columns().get(required);
            if (!r.hasNonNull(c.readName())) {
                throw new ApiError(400, ApiError.INVALID_ARGUMENT, "A value for '" + required
                        + "' is required to create a record of type '" + t.logicalName() + "'.");
            }
        }
        TableRules.apply(tx, t, r, true);
        finish(tx, t, id, r, now);
        ActivityParties.write(tx, t, id, parties);
        return r;
    }

    /** Updates an existing record; when addressed by an alternate key, the key columns of the body are dropped (API §3.5). */
    ObjectNode update(RecordStore.Tx tx, TableDef t, UUID id, ObjectNode body, KeyRef urlKey) {
        if (!t.writable()) {
            throw ApiError.notSupported("Update", t.logicalName());
        }
        ObjectNode existing = tx.get(t.logicalName(), id).orElseThrow(() -> ApiError.notFound(t.logicalName(), id));
        ObjectNode fields = body.deepCopy();
        Map<String, JsonNode> parties = ActivityParties.extract(t, fields);
        ObjectNode changes = BodyRules.read(tx, t, fields, false);
        if (changes.has(t.primaryKey())
                && !ValueRules.guid(changes.get(t.primaryKey())).map(id::equals).orElse(false)) {
            throw ApiError.payload("The id in the request body does not match the id of the record being updated.");
        }
        if (urlKey != null && !urlKey.isPrimary()) {
            urlKey.key().columns().forEach(changes::remove);
        }
        requireOpen(t, existing, changes, parties.keySet());
        if (t.columns().containsKey("statecode") && (changes.has("statecode") || changes.has("statuscode"))) {
            int state = changes.has("statecode") ? changes.get("statecode").asInt() : existing.path("statecode").asInt();
            int status = changes.has("statuscode") && !changes.get("statuscode").isNull()
                    ? changes.get("statuscode").asInt() : t.columns().get("statecode").defaultStatus().get(state);
            checkPair(t, id, state, status);
            changes.put("statecode", state);
            changes.put("statuscode", status);
        }
        ObjectNode r = existing.deepCopy();
        r.setAll(changes);
        TableRules.apply(tx, t, r, false);
        finish(tx, t, id, r, ValueRules.now());
        ActivityParties.write(tx, t, id, parties); // assumed: a PATCH with the collection replaces the parties
        return r;
    }

    /**
     * Closed records are read-only (API §10: "Closed/completed records are read-only: write all data columns before
     * changing state"): on a table that declares read-only states (completed and canceled activities; an
     * appointment's Scheduled state 3 is open) an update may change only statecode and statuscode, so a client can
     * close a record again or reopen it with {@code {"statecode":0,...}} alone and then write its columns. Any other
     * column or party collection in the update, even with an unchanged value or beside a reopening statecode, is
     * refused with 400: Dataverse's own code and wording for this refusal are unverified (InvalidArgument here).
     * Columns not valid for update (e.g. overriddencreatedon) were already dropped and do not count.
     */
    static void requireOpen(TableDef t, ObjectNode existing, ObjectNode changes, Collection<String> parties) {
        int state = existing.path("statecode").asInt(0);
        if (!t.readOnlyStates().contains(state)) {
            return;
        }
        Set<String> refused = new TreeSet<>(parties);
        changes.fieldNames().forEachRemaining(name -> {
            String column = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
            if (column.startsWith("_") && column.endsWith("_value")) {
                column = column.substring(1, column.length() - "_value".length());
            }
            if (!column.equals(t.primaryKey()) && !column.equals("statecode") && !column.equals("statuscode")) {
                refused.add(column);
            }
        });
        if (!refused.isEmpty()) {
            String label = t.columns().get("statecode").options().getOrDefault(state, Integer.toString(state));
            throw new ApiError(400, ApiError.INVALID_ARGUMENT, t.logicalName() + " With Id = "
                    + existing.path(t.primaryKey()).asText() + " is closed (statecode " + state + " " + label
                    + ") and cannot be edited: a closed record is read-only, only statecode and statuscode can change. "
                    + "Reopen it first with an update that sets only statecode 0 and its statuscode. Refused: "
                    + String.join(", ", refused) + ".");
        }
    }

    private void finish(RecordStore.Tx tx, TableDef t, UUID id, ObjectNode r, String now) {
        if (t.columns().containsKey("modifiedon")) {
            r.put("modifiedon", now);
        }
        if (t.columns().containsKey("modifiedby")) {
            setLookup(r, "modifiedby", "systemuser", identity.applicationUserId());
        }
        if (t.columns().containsKey("owningbusinessunit") && r.hasNonNull("_ownerid_value")) {
            UUID owner = UUID.fromString(r.get("_ownerid_value").asText());
            String ownerTable = r.path("_ownerid_value" + BodyRules.LOGICAL_NAME).asText("systemuser");
            String bu = tx.get(ownerTable, owner).map(u -> u.path("_businessunitid_value").asText(null)).orElse(null);
            setLookup(r, "owningbusinessunit", "businessunit", bu == null ? identity.rootBusinessUnitId() : UUID.fromString(bu));
            boolean team = ownerTable.equals("team");
            r.putNull(team ? "_owninguser_value" : "_owningteam_value");
            setLookup(r, team ? "owningteam" : "owninguser", ownerTable, owner);
        }
        for (Map.Entry<String, List<String>> computed : t.computed().entrySet()) {
            StringBuilder value = new StringBuilder();
            for (String part : computed.getValue()) {
                String v = r.path(part).asText("");
                if (!v.isBlank()) {
                    value.append(value.length() == 0 ? "" : " ").append(v);
                }
            }
            r.put(computed.getKey(), value.toString());
        }
        Iterator<String> names = r.fieldNames();
        while (names.hasNext()) {
            if (names.next().equals("versionnumber")) {
                names.remove();
            }
        }
        r.put("versionnumber", tx.nextVersion());
        tx.put(t.logicalName(), id, r);
    }

    static void setLookup(ObjectNode r, String column, String table, UUID id) {
        r.put("_" + column + "_value", id.toString());
        r.put("_" + column + "_value" + BodyRules.LOGICAL_NAME, table);
    }

    private static void checkPair(TableDef t, UUID id, int state, int status) {
        ColumnDef statusColumn = t.columns().get("statuscode");
        Integer stateOfStatus = statusColumn.stateOfStatus().get(status);
        if (stateOfStatus == null || stateOfStatus != state) {
            String stateLabel = t.columns().get("statecode").options().getOrDefault(state, Integer.toString(state));
            String type = Character.toUpperCase(t.logicalName().charAt(0)) + t.logicalName().substring(1);
            // status not verified: Dataverse rejects the pair; the spec assumes 400
            throw new ApiError(400, ApiError.INVALID_ARGUMENT, status + " is not a valid status code for state code "
                    + type + "State." + stateLabel + " on " + t.logicalName() + " with Id " + id + ".");
        }
    }
}
