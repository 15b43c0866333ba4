package io.gpm2dv.sink;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.pipeline.TargetRecord;

/**
 * Before- and after-images of a write, as Web API bodies. The before-image of a record that existed is its values of
 * exactly the columns the write sends, read just before the write: a PATCH of it restores the record (rollback). The
 * after-image is what the write sent, files by reference (path, size, SHA-256) rather than bytes.
 * <p>
 * Lookups are written through {@code <navigation>@odata.bind} and read back as {@code _<attribute>_value}. Dataverse
 * names a lookup attribute ending in {@code id}; a polymorphic one's navigation property adds the target table
 * ({@code parentcustomerid_account}, {@code regardingobjectid_contact_appointment}), so the attribute is the
 * navigation property cut back to its last segment that ends in {@code id}.
 */
public final class RecordImages {
    public static final String LOOKUP_LOGICAL_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    public static final String NAVIGATION = "@Microsoft.Dynamics.CRM.associatednavigationproperty";
    static final String BIND = "@odata.bind";

    private RecordImages() {
    }

    /** The lookup attribute a navigation property writes. */
    public static String lookupAttribute(String navigation) {
        String n = navigation;
        while (!n.endsWith("id") && n.lastIndexOf('_') > 0) {
            n = n.substring(0, n.lastIndexOf('_'));
        }
        return n.endsWith("id") ? n : navigation;
    }

    /** The columns to read for the before-images of {@code records}: each sent column, lookups as {@code _x_value}. */
    static Set<String> selectFor(List<TargetRecord> records, boolean withState) {
        Set<String> columns = new LinkedHashSet<>();
        for (TargetRecord r : records) {
            for (Iterator<Map.Entry<String, JsonNode>> it = r.attributes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String name = f.getKey();
                if (name.endsWith(BIND)) {
                    columns.add("_" + lookupAttribute(name.substring(0, name.length() - BIND.length())) + "_value");
                } else if (!name.contains("@") && !f.getValue().isArray() && !name.equals(r.primaryKey)) {
                    columns.add(name); // a collection (activity parties) is not a column
                }
            }
        }
        if (withState) {
            columns.add("statecode");
            columns.add("statuscode");
        }
        return columns;
    }

    /**
     * The restore body of {@code r} from the row read before the write: every column the write sends, with the value
     * it had (null when it had none); lookups rebound to the record they pointed at, or unbound; the state last.
     */
    static ObjectNode beforeImage(TargetRecord r, JsonNode existing, boolean withState) {
        ObjectNode image = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (name.endsWith(BIND)) {
                String navigation = name.substring(0, name.length() - BIND.length());
                String value = "_" + lookupAttribute(navigation) + "_value";
                JsonNode id = existing.get(value);
                if (id == null || id.isNull()) {
                    image.putNull(name);
                } else {
                    String table = existing.path(value + LOOKUP_LOGICAL_NAME).asText(null);
                    String boundBy = existing.path(value + NAVIGATION).asText(navigation);
                    String set = table == null ? bindSet(f.getValue()) : entitySetOf(table);
                    if (!boundBy.equals(navigation)) {
                        image.putNull(name); // the lookup pointed at another table: unbind ours, bind that one
                    }
                    image.put(boundBy + BIND, "/" + set + "(" + id.asText() + ")");
                }
            } else if (!name.contains("@") && !f.getValue().isArray() && !name.equals(r.primaryKey)) {
                JsonNode v = existing.get(name);
                image.set(name, v == null ? JsonNodeFactory.instance.nullNode() : v.deepCopy());
            }
        }
        if (withState && existing.hasNonNull("statecode")) {
            image.set("statecode", existing.get("statecode").deepCopy());
            image.set("statuscode", existing.path("statuscode").deepCopy());
        }
        return image;
    }

    /** What the write sent: the columns (binds and collections included), files by reference. */
    static ObjectNode afterImage(TargetRecord r, boolean created) {
        ObjectNode sent = RecordWriter.body(r, !created);
        if (r.state != null) {
            sent.put("statecode", r.state.statecode());
            sent.put("statuscode", r.state.statuscode());
        }
        if (r.file != null) {
            sent.putObject("@gpm2dv.file").put("path", r.file.path()).put("size", r.file.size())
                    .put("sha256", r.file.sha256()).put("column", r.file.column());
        }
        return sent;
    }

    /** The entity set of a table by Dataverse's plural rule (the tables a migration binds to follow it). */
    public static String entitySetOf(String logicalName) {
        if (logicalName.endsWith("y") && !logicalName.endsWith("ey")) {
            return logicalName.substring(0, logicalName.length() - 1) + "ies";
        }
        return logicalName.endsWith("s") ? logicalName + "es" : logicalName + "s";
    }

    private static String bindSet(JsonNode bind) {
        String path = bind.asText("");
        int open = path.indexOf('(');
        return open > 1 ? path.substring(1, open) : path;
    }
}
