package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The single-record requests: create (POST), retrieve (GET), update/upsert (PATCH, with the If-Match /
 * If-None-Match semantics of API §3.5) and delete.
 */
final class RecordOperations {
    static final String CANNOT_DELETE_DUE_TO_ASSOCIATION = "0x80040227";

    private final RecordStore store;
    private final EntityWrites writes;

    RecordOperations(RecordStore store, EntityWrites writes) {
        this.store = store;
        this.writes = writes;
    }

    ApiResponse create(ApiRequest req, TableDef t, String apiBase) {
        ObjectNode body = body(req);
        List<String> select = Representation.select(t, req.query().get("$select"));
        boolean detect = DuplicateDetection.requested(req);
        ObjectNode created = store.write(tx -> {
            ObjectNode r = writes.create(tx, t, body, null, null);
            if (detect) {
                DuplicateDetection.check(tx, t, r);
            }
            return r;
        });
        UUID id = UUID.fromString(created.get(t.primaryKey()).asText());
        if (req.prefers("return=representation")) {
            // OData answers a 201 with the new entity's Location (OData-EntityId is then not returned, API §3.1)
            return represent(req, t, created, select, apiBase, 201).header("Preference-Applied", "return=representation")
                    .header("Location", apiBase + t.entitySetName() + "(" + id + ")");
        }
        return new ApiResponse(204).header("OData-EntityId", apiBase + t.entitySetName() + "(" + id + ")");
    }

    ApiResponse retrieve(ApiRequest req, TableDef t, KeyRef key, String apiBase) {
        List<String> select = Representation.select(t, req.query().get("$select"));
        return store.read(view -> {
            UUID id = key.resolve(view).orElseThrow(key::notFound);
            ObjectNode record = view.get(t.logicalName(), id).orElseThrow();
            String ifNoneMatch = req.header("If-None-Match");
            if (ifNoneMatch != null && ifNoneMatch.equals(Representation.etag(record))) {
                return new ApiResponse(304);
            }
            return represent(req, t, record, select, apiBase, 200);
        });
    }

    ApiResponse patch(ApiRequest req, TableDef t, KeyRef key, String apiBase) {
        ObjectNode body = body(req);
        List<String> select = Representation.select(t, req.query().get("$select"));
        String ifMatch = req.header("If-Match");
        boolean createOnly = "*".equals(req.header("If-None-Match"));
        boolean[] created = {false};
        boolean detect = DuplicateDetection.requested(req);
        ObjectNode written = store.write(tx -> {
            ObjectNode r = upsert(tx, t, key, body, ifMatch, createOnly, created);
            if (detect) {
                DuplicateDetection.check(tx, t, r);
            }
            return r;
        });
        if (req.prefers("return=representation")) {
            return represent(req, t, written, select, apiBase, created[0] ? 201 : 200)
                    .header("Preference-Applied", "return=representation")
                    .header("ETag", Representation.etag(written));
        }
        String address = key.isPrimary() ? t.entitySetName() + "(" + written.get(t.primaryKey()).asText() + ")" : key.urlForm();
        return new ApiResponse(204).header("OData-EntityId", apiBase + address);
    }

    private ObjectNode upsert(RecordStore.Tx tx, TableDef t, KeyRef key, ObjectNode body, String ifMatch, boolean createOnly,
            boolean[] created) {
        Optional<UUID> existing = key.resolve(tx);
        if (existing.isEmpty()) {
            if (ifMatch != null) {
                throw key.notFound();
            }
            created[0] = true;
            return writes.create(tx, t, body, key.isPrimary() ? key.id() : null, key);
        }
        if (createOnly) {
            throw ApiError.matchingKeyExists();
        }
        ObjectNode current = tx.get(t.logicalName(), existing.get()).orElseThrow();
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(Representation.etag(current))) {
            throw new ApiError(412, ApiError.CONCURRENCY_MISMATCH,
                    "The version of the existing record doesn't match the RowVersion property provided.");
        }
        return writes.update(tx, t, existing.get(), body, key);
    }

    ApiResponse delete(TableDef t, KeyRef key) {
        if (!t.writable()) {
            throw ApiError.notSupported("Delete", t.logicalName());
        }
        store.write(tx -> {
            UUID id = key.resolve(tx).orElseThrow(key::notFound);
            restrict(tx, t, id);
            ActivityParties.of(tx, t, id).forEach(p -> tx.remove("activityparty", UUID.fromString(p.get("activitypartyid").asText())));
            return tx.remove(t.logicalName(), id);
        });
        return new ApiResponse(204);
    }

    /** Restrict relationships (e.g. business_unit_parent_business_unit): rows pointing at the record block its delete. */
    private static void restrict(RecordStore.View view, TableDef t, UUID id) {
        for (String relation : t.restrictDelete()) {
            String[] parts = relation.split("\\.");
            if (!view.referring(parts[0], "_" + parts[1] + "_value", id).isEmpty()) {
                // CannotDeleteDueToAssociation, 405 per Microsoft's status list; the hex code is unverified
                throw new ApiError(405, CANNOT_DELETE_DUE_TO_ASSOCIATION, "The object you tried to delete is associated "
                        + "with another object and cannot be deleted.");
            }
        }
    }

    private ApiResponse represent(ApiRequest req, TableDef t, ObjectNode record, List<String> select, String apiBase,
            int status) {
        List<String> applied = new ArrayList<>();
        String annotations = QueryRunner.annotations(req, applied);
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("@odata.context", apiBase + "$metadata#" + t.entitySetName()
                + (select == null ? "" : "(" + String.join(",", select) + ")") + "/$entity");
        ObjectNode rendered = store.read(view -> Representation.render(view, t, record, select, annotations));
        out.setAll(rendered);
        ApiResponse r = ApiResponse.json(status, out);
        if (!applied.isEmpty()) {
            r.header("Preference-Applied", String.join(",", applied));
        }
        return r;
    }

    static ObjectNode body(ApiRequest req) {
        if (req.body() == null || req.body().isBlank()) {
            throw ApiError.payload("The request body is empty; a JSON object was expected.");
        }
        try {
            JsonNode node = ApiResponse.JSON.readTree(req.body());
            if (!(node instanceof ObjectNode o)) {
                throw ApiError.payload("A JSON object was expected in the request body.");
            }
            return o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.payload("Invalid JSON in the request body: " + e.getOriginalMessage());
        }
    }
}
