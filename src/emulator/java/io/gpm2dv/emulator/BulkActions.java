package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code CreateMultiple}, {@code UpdateMultiple} and {@code UpsertMultiple} (API §6): every target needs
 * {@code @odata.type}; the whole request is one transaction, so a failing target rolls back all the others.
 */
final class BulkActions {
    static final Set<String> ACTIONS = Set.of("CreateMultiple", "UpdateMultiple", "UpsertMultiple");

    private final RecordStore store;
    private final EntityWrites writes;
    private final Set<String> disabledTables;

    BulkActions(RecordStore store, EntityWrites writes, Set<String> disabledTables) {
        this.store = store;
        this.writes = writes;
        this.disabledTables = disabledTables;
    }

    /** Whether the table supports the bulk messages in this environment (also what sdkmessagefilters report). */
    boolean supported(TableDef t) {
        return t.bulk() && !disabledTables.contains(t.logicalName());
    }

    ApiResponse run(ApiRequest req, TableDef t, String action, String apiBase) {
        if (!ACTIONS.contains(action)) {
            throw ApiError.noSuchSegment("Microsoft.Dynamics.CRM." + action);
        }
        if (!supported(t)) {
            throw ApiError.notSupported(action, t.logicalName());
        }
        JsonNode targets = RecordOperations.body(req).get("Targets");
        if (!(targets instanceof ArrayNode array)) {
            throw ApiError.payload("The parameter 'Targets' of " + action + " is missing or not a collection.");
        }
        List<UUID> ids = store.write(tx -> {
            List<UUID> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                try {
                    out.add(one(tx, t, action, array.get(i)));
                } catch (ApiError e) {
                    // the message stays Dataverse's; which target failed is told only as an annotation
                    throw e.annotate("@Microsoft.PowerApps.CDS.ErrorDetails.TargetIndex", Integer.toString(i));
                }
            }
            return out;
        });
        if (!action.equals("CreateMultiple")) {
            return new ApiResponse(204);
        }
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("@odata.context", apiBase + "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse");
        ArrayNode idArray = out.putArray("Ids");
        ids.forEach(id -> idArray.add(id.toString()));
        return ApiResponse.json(200, out);
    }

    private UUID one(RecordStore.Tx tx, TableDef t, String action, JsonNode node) {
        if (!(node instanceof ObjectNode target)) {
            throw ApiError.payload("Every item of 'Targets' must be an entity object.");
        }
        if (!target.hasNonNull("@odata.type")) {
            // required by Microsoft's docs; the exact failure is unverified (the spec assumes 400)
            throw ApiError.payload("The '@odata.type' annotation is missing on an item of 'Targets'; " + action
                    + " requires the type of every target.");
        }
        Optional<UUID> bodyId = ValueRules.guid(target.get(t.primaryKey()));
        if (target.has(t.primaryKey()) && bodyId.isEmpty()) {
            throw ApiError.payload("The primary key '" + t.primaryKey() + "' must be a GUID.");
        }
        switch (action) {
            case "CreateMultiple" -> {
                return UUID.fromString(writes.create(tx, t, target, null, null).get(t.primaryKey()).asText());
            }
            case "UpdateMultiple" -> {
                UUID id = bodyId.orElseThrow(() -> ApiError.payload(
                        "UpdateMultiple requires the primary key '" + t.primaryKey() + "' in every target."));
                writes.update(tx, t, id, target, null);
                return id;
            }
            default -> {
                KeyRef key = address(t, target, bodyId);
                Optional<UUID> existing = key.resolve(tx);
                if (existing.isPresent()) {
                    writes.update(tx, t, existing.get(), target, key);
                    return existing.get();
                }
                return UUID.fromString(writes.create(tx, t, target, key.isPrimary() ? key.id() : null, key)
                        .get(t.primaryKey()).asText());
            }
        }
    }

    private static KeyRef address(TableDef t, ObjectNode target, Optional<UUID> bodyId) {
        JsonNode odataId = target.get("@odata.id");
        if (odataId != null && !odataId.isNull()) {
            ResourcePath ref = ResourcePath.ofRecordUrl(odataId.asText());
            if (!ref.name().equals(t.entitySetName())) {
                throw ApiError.payload("The '@odata.id' '" + odataId.asText() + "' does not address the entity set '"
                        + t.entitySetName() + "'.");
            }
            return KeyRef.parse(t, ref.keyText());
        }
        UUID id = bodyId.orElseThrow(() -> ApiError.payload(
                "UpsertMultiple requires every target to carry its primary key or an '@odata.id' key address."));
        return new KeyRef(t, id, null, java.util.Map.of(), id.toString());
    }
}
