package io.gpm2dv.emulator;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Routes one Web API request (already past the token check) to the operation it names and turns refusals into
 * Dataverse error bodies. Plain Java: tests and a later {@code $batch} can call it without HTTP.
 */
public final class WebApi {
    private final RecordStore store;
    private final Identity identity;
    private final RecordOperations records;
    private final BulkActions bulk;
    private final BatchExecutor batch;
    private final MetadataApi metadata;
    private final UnboundActions actions;
    private final EntityWrites writes;

    WebApi(RecordStore store, Identity identity, BulkActions bulk) {
        this.store = store;
        this.identity = identity;
        this.writes = new EntityWrites(identity);
        this.records = new RecordOperations(store, writes);
        this.bulk = bulk;
        this.batch = new BatchExecutor(this, store);
        this.metadata = new MetadataApi(store, bulk::supported);
        this.actions = new UnboundActions(store, writes);
    }

    /** Answers {@code req}; {@code apiBase} is {@code <base url>/api/data/<version>/}. */
    public ApiResponse handle(ApiRequest req, String apiBase) {
        return handle(req, apiBase, identity.applicationUserId());
    }

    /** Answers {@code req} from the caller whose systemuser is {@code caller} (what WhoAmI reports). */
    ApiResponse handle(ApiRequest req, String apiBase, UUID caller) {
        try {
            metadata.settleKeys();
            return dispatch(req, apiBase, caller);
        } catch (ApiError e) {
            return ApiResponse.error(e, req.prefers("odata.include-annotations"));
        }
    }

    /** One part of a {@code $batch}: the same handling, without settling key jobs inside a change set's lock. */
    ApiResponse handlePart(ApiRequest req, String apiBase) {
        try {
            return dispatch(req, apiBase, identity.applicationUserId());
        } catch (ApiError e) {
            return ApiResponse.error(e, req.prefers("odata.include-annotations"));
        }
    }

    private ApiResponse dispatch(ApiRequest req, String apiBase, UUID caller) {
        ResourcePath path = ResourcePath.parse(req.resource());
        String method = req.method();
        if (path.name().equals("WhoAmI")) {
            requireMethod(method, "GET");
            return whoAmI(apiBase, caller);
        }
        if (path.name().equals("$batch") && path.keyText() == null && path.segments().isEmpty()) {
            requireMethod(method, "POST");
            return batch.run(req, apiBase);
        }
        if (path.name().equals("EntityDefinitions") || path.name().equals("RelationshipDefinitions")) {
            return metadata.handle(req, path, apiBase);
        }
        if (UnboundActions.handles(path.name()) && path.keyText() == null && path.segments().isEmpty()) {
            requireMethod(method, "POST");
            return actions.run(path.name(), req, apiBase);
        }
        if (path.name().equals("$metadata")) {
            throw new ApiError(501, ApiError.NOT_IMPLEMENTED, "The emulator does not implement '" + path.name() + "' yet.");
        }
        TableDef t = store.read(view -> view.schema()).bySet(path.name())
                .orElseThrow(() -> ApiError.noSuchSegment(path.name()));
        if (path.keyText() == null) {
            if (path.segments().isEmpty()) {
                if (method.equals("GET")) {
                    return store.read(view -> QueryRunner.list(view, req, t, apiBase));
                }
                requireMethod(method, "POST");
                return records.create(req, t, apiBase);
            }
            String segment = path.segments().get(0);
            if (path.segments().size() == 1 && segment.equals("$count")) {
                requireMethod(method, "GET");
                return store.read(view -> QueryRunner.count(view, req, t));
            }
            if (path.segments().size() == 1 && segment.startsWith("Microsoft.Dynamics.CRM.")) {
                requireMethod(method, "POST");
                return bulk.run(req, t, segment.substring("Microsoft.Dynamics.CRM.".length()), apiBase);
            }
            throw ApiError.noSuchSegment(segment);
        }
        KeyRef key = KeyRef.parse(t, path.keyText());
        if (path.segments().size() == 1 && t.logicalName().equals("duplicaterule")
                && path.segments().get(0).equals("Microsoft.Dynamics.CRM.PublishDuplicateRule")) {
            requireMethod(method, "POST");
            return DuplicateDetection.publish(store, key, apiBase);
        }
        if (path.segments().size() == 1 && t.parties().containsKey(path.segments().get(0))) {
            return parties(req, t, key, path.segments().get(0), apiBase);
        }
        if (!path.segments().isEmpty()) {
            requireMethod(method, "GET");
            return property(t, key, path, apiBase);
        }
        return switch (method) {
            case "GET" -> records.retrieve(req, t, key, apiBase);
            case "PATCH" -> records.patch(req, t, key, apiBase);
            case "DELETE" -> records.delete(t, key);
            default -> throw methodNotAllowed(method);
        };
    }

    /** {@code GET /{set}({key})/{column}} and {@code .../{column}/$value} (e.g. a note's documentbody). */
    private ApiResponse property(TableDef t, KeyRef key, ResourcePath path, String apiBase) {
        String column = path.segments().get(0);
        boolean raw = path.segments().size() == 2 && path.segments().get(1).equals("$value");
        if (path.segments().size() > 2 || (path.segments().size() == 2 && !raw) || t.columnByReadName(column).isEmpty()) {
            throw ApiError.noSuchSegment(String.join("/", path.segments()));
        }
        return store.read(view -> {
            UUID id = key.resolve(view).orElseThrow(key::notFound);
            JsonNode v = view.get(t.logicalName(), id).orElseThrow().get(column);
            if (raw) {
                return v == null || v.isNull() ? new ApiResponse(204) : ApiResponse.text(200, v.asText());
            }
            ObjectNode out = ApiResponse.JSON.createObjectNode();
            out.put("@odata.context", apiBase + "$metadata#" + t.entitySetName() + "(" + id + ")/" + column);
            out.set("value", v == null ? ApiResponse.JSON.nullNode() : v);
            return ApiResponse.json(200, out);
        });
    }

    /** {@code GET} or {@code PUT {"value":[...]}} of an activity's party collection (API §11). */
    private ApiResponse parties(ApiRequest req, TableDef t, KeyRef key, String collection, String apiBase) {
        if (req.method().equals("PUT")) {
            JsonNode value = RecordOperations.body(req).get("value");
            store.write(tx -> {
                UUID id = key.resolve(tx).orElseThrow(key::notFound);
                EntityWrites.requireOpen(t, tx.get(t.logicalName(), id).orElseThrow(), ApiResponse.JSON.createObjectNode(),
                        java.util.List.of(collection));
                ActivityParties.write(tx, t, id, java.util.Map.of(collection, value == null ? ApiResponse.JSON.nullNode() : value));
                return null;
            });
            return new ApiResponse(204);
        }
        requireMethod(req.method(), "GET");
        TableDef party = store.schema().require("activityparty");
        return store.read(view -> {
            UUID id = key.resolve(view).orElseThrow(key::notFound);
            ObjectNode out = ApiResponse.JSON.createObjectNode();
            out.put("@odata.context", apiBase + "$metadata#activityparties");
            var value = out.putArray("value");
            ActivityParties.of(view, t, id).forEach(p -> value.add(Representation.render(view, party, p, null, null)));
            return ApiResponse.json(200, out);
        });
    }

    private ApiResponse whoAmI(String apiBase, UUID caller) {
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("@odata.context", apiBase + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
        out.put("BusinessUnitId", identity.rootBusinessUnitId().toString());
        out.put("UserId", caller.toString());
        out.put("OrganizationId", identity.organizationId().toString());
        return ApiResponse.json(200, out);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw methodNotAllowed(method);
        }
    }

    private static ApiError methodNotAllowed(String method) {
        return new ApiError(405, ApiError.QUERY_SYNTAX, "The HTTP method '" + method + "' is not allowed for this resource.");
    }
}
