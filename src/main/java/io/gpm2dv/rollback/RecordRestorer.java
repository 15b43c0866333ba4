package io.gpm2dv.rollback;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.audit.BeforeImages.BeforeImage;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.sink.RecordImages;
import io.gpm2dv.sink.RecordWriter;

/**
 * Undoes one write of a run from its before-image: a record the run created is deleted; one it updated gets back the
 * values it had (a closed activity is reopened first, as closed records are read-only, and its state is set last).
 * Afterwards {@link #isAsBefore} reads the record back to check it. No Camel and no ledger here.
 */
public class RecordRestorer {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DELETE = "delete";
    static final String RESTORE = "restore";

    private final DataverseClient client;

    public RecordRestorer(DataverseClient client) {
        this.client = client;
    }

    /** What undoing one record did: DONE, or GONE when the record was already absent. */
    public enum Outcome { DONE, GONE }

    public static String action(BeforeImage image) {
        return image.existed() ? RESTORE : DELETE;
    }

    public Outcome undo(BeforeImage image) {
        UUID id = UUID.fromString(image.targetId());
        if (!image.existed()) {
            if ("businessunit".equals(image.table())) {
                disable(image.entitySet(), id); // Dataverse deletes only a disabled business unit
            }
            return client.deleteIfPresent(image.entitySet(), id) ? Outcome.DONE : Outcome.GONE;
        }
        ObjectNode body = parse(image.image());
        JsonNode statecode = body.remove("statecode");
        JsonNode statuscode = body.remove("statuscode");
        Integer open = RecordWriter.openStatus(image.table());
        if (open != null) {
            JsonNode current = client.retrieve(image.entitySet(), id, "statecode", false).orElse(null);
            if (current == null) {
                return Outcome.GONE;
            }
            if (current.path("statecode").asInt(0) != 0) {
                client.patch(image.entitySet(), id, JsonNodeFactory.instance.objectNode().put("statecode", 0)
                        .put("statuscode", open), true);
            }
        }
        try {
            if (body.size() > 0) {
                client.patch(image.entitySet(), id, body, true);
            }
            if (statecode != null && !statecode.isNull() && (statecode.asInt() != 0 || open == null)) {
                ObjectNode state = JsonNodeFactory.instance.objectNode();
                state.set("statecode", statecode);
                state.set("statuscode", statuscode);
                client.patch(image.entitySet(), id, state, true);
            }
        } catch (DataverseException e) {
            if (e.isMissingRecord()) {
                return Outcome.GONE;
            }
            throw e;
        }
        return Outcome.DONE;
    }

    private void disable(String entitySet, UUID id) {
        try {
            client.patch(entitySet, id, JsonNodeFactory.instance.objectNode().put("isdisabled", true), true);
        } catch (DataverseException e) {
            if (!e.isRecordFault() && !e.isMissingRecord()) {
                throw e;
            }
        }
    }

    /**
     * Whether the record is as it was before the run: absent when the run created it; else every column of the image
     * read back with the value it had (lookups by the id they point at).
     */
    public boolean isAsBefore(BeforeImage image) {
        UUID id = UUID.fromString(image.targetId());
        if (!image.existed()) {
            return client.retrieve(image.entitySet(), id, primaryKeyGuess(image), false).isEmpty();
        }
        ObjectNode expected = parse(image.image());
        StringBuilder select = new StringBuilder();
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String column = name.endsWith("@odata.bind")
                    ? "_" + RecordImages.lookupAttribute(name.substring(0, name.length() - "@odata.bind".length())) + "_value"
                    : name;
            if (select.indexOf(column) < 0) {
                select.append(select.length() == 0 ? "" : ",").append(column);
            }
        }
        if (select.length() == 0) {
            return true;
        }
        JsonNode actual = client.retrieve(image.entitySet(), id, select.toString(), false).orElse(null);
        if (actual == null) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().endsWith("@odata.bind")) {
                if (!sameValue(f.getValue(), actual.get(f.getKey()))) {
                    return false;
                }
                continue;
            }
            String navigation = f.getKey().substring(0, f.getKey().length() - "@odata.bind".length());
            JsonNode read = actual.get("_" + RecordImages.lookupAttribute(navigation) + "_value");
            if (f.getValue().isNull()) {
                // an unbind stands alone unless the image rebinds the same lookup through another navigation property
                if (!rebinds(expected, navigation) && read != null && !read.isNull()) {
                    return false;
                }
                continue;
            }
            String path = f.getValue().asText();
            String boundId = path.substring(path.indexOf('(') + 1, path.length() - 1);
            if (read == null || !boundId.equalsIgnoreCase(read.asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean rebinds(ObjectNode image, String navigation) {
        String attribute = RecordImages.lookupAttribute(navigation);
        for (Iterator<Map.Entry<String, JsonNode>> it = image.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().endsWith("@odata.bind") && !f.getValue().isNull() && attribute.equals(RecordImages.lookupAttribute(
                    f.getKey().substring(0, f.getKey().length() - "@odata.bind".length())))) {
                return true;
            }
        }
        return false;
    }

    /** Two column values alike: both empty, equal numbers (scale aside), or equal. */
    static boolean sameValue(JsonNode expected, JsonNode actual) {
        boolean expectedEmpty = expected == null || expected.isNull();
        boolean actualEmpty = actual == null || actual.isNull();
        if (expectedEmpty || actualEmpty) {
            return expectedEmpty == actualEmpty;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static String primaryKeyGuess(BeforeImage image) {
        return switch (image.table()) {
            case "appointment", "email", "task" -> "activityid";
            default -> image.table() + "id";
        };
    }

    private static ObjectNode parse(String image) {
        try {
            return image == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) JSON.readTree(image);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a before-image in the ledger is not JSON", e);
        }
    }
}
