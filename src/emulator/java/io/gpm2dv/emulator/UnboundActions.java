package io.gpm2dv.emulator;

import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The unbound actions the emulator serves besides the metadata API: the chunked note/attachment upload
 * (API §12.4; an upload that is never committed creates nothing) and {@code PublishXml} / {@code PublishAllXml}
 * (API §15.3, 204; the emulator needs no publishing, new columns are usable at once — the spec's assumption).
 */
final class UnboundActions {
    private final RecordStore store;
    private final EntityWrites writes;

    UnboundActions(RecordStore store, EntityWrites writes) {
        this.store = store;
        this.writes = writes;
    }

    static boolean handles(String name) {
        return BlockUploads.ACTIONS.contains(name) || name.equals("PublishXml") || name.equals("PublishAllXml");
    }

    ApiResponse run(String name, ApiRequest req, String apiBase) {
        ObjectNode body = name.equals("PublishAllXml") && (req.body() == null || req.body().isBlank())
                ? ApiResponse.JSON.createObjectNode() : RecordOperations.body(req);
        return switch (name) {
            case "PublishAllXml" -> new ApiResponse(204);
            case "PublishXml" -> {
                if (!body.path("ParameterXml").isTextual()) {
                    throw ApiError.payload("The parameter 'ParameterXml' of PublishXml is missing.");
                }
                yield new ApiResponse(204);
            }
            case "UploadBlock" -> {
                store.uploads().upload(body);
                yield new ApiResponse(204);
            }
            case "InitializeAnnotationBlocksUpload", "InitializeAttachmentBlocksUpload" -> {
                TableDef t = table(name.contains("Annotation") ? "annotation" : "activitymimeattachment");
                ObjectNode target = target(t, body);
                store.read(view -> BodyRules.read(view, t, target.deepCopy(), true)); // refuse a bad Target now
                ObjectNode out = ApiResponse.JSON.createObjectNode();
                out.put("@odata.context", apiBase + "$metadata#Microsoft.Dynamics.CRM." + name + "Response");
                out.put("FileContinuationToken", store.uploads().open(t, target));
                yield ApiResponse.json(200, out);
            }
            default -> commit(name, body, apiBase);
        };
    }

    private ApiResponse commit(String name, ObjectNode body, String apiBase) {
        boolean note = name.equals("CommitAnnotationBlocksUpload");
        TableDef t = table(note ? "annotation" : "activitymimeattachment");
        ObjectNode target = target(t, body);
        UUID id = ValueRules.guid(target.get(t.primaryKey())).orElseThrow(() -> ApiError.payload(
                "The Target of a block upload must include the id of the new record ('" + t.primaryKey() + "')."));
        byte[] content = store.uploads().commit(t, id, body);
        target.put(note ? "documentbody" : "body", Base64.getEncoder().encodeToString(content));
        // The record is created as a POST of the Target with the assembled content would create it, so:
        // - the organization's maxuploadfilesize applies to the assembled base64 text (0x80044a02, API §12.3);
        // - block upload makes new records only (API §12.4: "the Target must include the id you want"), so an id
        //   that already exists fails like a duplicate create, 412 DuplicateRecord 0x80040237, and the existing
        //   record is left as it was. What Dataverse answers there is unverified; this is the emulator's choice.
        // The session ends either way: a refused commit creates nothing and needs a new Initialize.
        store.write(tx -> writes.create(tx, t, target, null, null));
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("@odata.context", apiBase + "$metadata#Microsoft.Dynamics.CRM." + name + "Response");
        out.put(note ? "AnnotationId" : "ActivityMimeAttachmentId", id.toString());
        out.put("FileSizeInBytes", content.length);
        return ApiResponse.json(200, out);
    }

    private TableDef table(String logicalName) {
        return store.schema().require(logicalName);
    }

    private static ObjectNode target(TableDef t, ObjectNode body) {
        JsonNode target = body.get("Target");
        if (!(target instanceof ObjectNode o)) {
            throw ApiError.payload("The parameter 'Target' is missing or not an entity.");
        }
        if (!o.path("@odata.type").asText("").replace("#", "").equals(t.odataType())) {
            throw ApiError.payload("The Target must be of type '" + t.odataType() + "'.");
        }
        return o.deepCopy();
    }
}
