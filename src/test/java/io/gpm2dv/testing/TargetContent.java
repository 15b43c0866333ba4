package io.gpm2dv.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.emulator.DataverseEmulator;

/**
 * What a migration left in Dataverse, comparable between two runs into an empty target: every record of the tables
 * the migration writes, by table and id, without the columns that only say when a write happened (modified and
 * load times, row versions, the run number tag, who modified it last).
 */
public final class TargetContent {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Columns that differ between two identical loads because they record when, not what. */
    private static final List<String> WHEN = List.of("modifiedon", "versionnumber", "importsequencenumber",
            "overriddencreatedon");
    /**
     * Activity parties get a fresh id from Dataverse each time their activity is written: they are compared as the
     * set of parties of each activity ({@code activityparty/<activity id>}), not by their own id.
     */
    private static final String PARTY = "activityparty";

    private TargetContent() {
    }

    /** What differs between two contents, as "table/id column" lines (values left out: they are personal data). */
    public static java.util.List<String> diff(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.Set<String> ids = new java.util.TreeSet<>(expected.keySet());
        ids.addAll(actual.keySet());
        for (String id : ids) {
            JsonNode a = expected.get(id);
            JsonNode b = actual.get(id);
            if (a == null || b == null) {
                out.add(id + (a == null ? " only in the second" : " only in the first"));
                continue;
            }
            if (!a.isObject() || !b.isObject()) { // the parties of an activity, as a whole
                if (!a.equals(b)) {
                    out.add(id);
                }
                continue;
            }
            java.util.Set<String> columns = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(columns::add);
            b.fieldNames().forEachRemaining(columns::add);
            for (String c : columns) {
                // Dataverse reads an unset column as null: a column set to null equals one never set
                boolean bothEmpty = (a.path(c).isMissingNode() || a.path(c).isNull())
                        && (b.path(c).isMissingNode() || b.path(c).isNull());
                if (!bothEmpty && !a.path(c).equals(b.path(c))) {
                    out.add(id + " " + c);
                }
            }
        }
        return out;
    }

    /** table/id → record, for every table of the environment (the seeded ones and every one the migration writes). */
    public static Map<String, JsonNode> of(DataverseEmulator emulator) {
        try {
            JsonNode tables = JSON.readTree(emulator.stateAsJson()).path("tables");
            Map<String, JsonNode> out = new TreeMap<>();
            Map<String, List<String>> parties = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> t = tables.fields(); t.hasNext();) {
                Map.Entry<String, JsonNode> rows = t.next();
                String table = rows.getKey();
                for (Iterator<Map.Entry<String, JsonNode>> it = rows.getValue().fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> r = it.next();
                    ObjectNode copy = ((ObjectNode) r.getValue()).deepCopy();
                    WHEN.forEach(copy::remove);
                    // who last modified a record is Dataverse's to set on every write, a rollback's included
                    copy.remove(List.of("_modifiedby_value", "_modifiedby_value" + "@Microsoft.Dynamics.CRM.lookuplogicalname"));
                    if ("annotation".equals(table) || "systemuser".equals(table) || !copy.hasNonNull("new_gensolveid")) {
                        // notes, seeded users and every record without a source row (the seeded environment, the
                        // price lists the load creates): created at load or seed time
                        copy.remove("createdon");
                    }
                    if (PARTY.equals(table)) {
                        copy.remove("activitypartyid");
                        parties.computeIfAbsent(copy.path("_activityid_value").asText(), k -> new ArrayList<>())
                                .add(copy.toString());
                    } else {
                        out.put(table + "/" + r.getKey(), copy);
                    }
                }
            }
            parties.forEach((activity, rows) -> {
                Collections.sort(rows);
                ArrayNode set = JSON.createArrayNode();
                rows.forEach(set::add);
                out.put(PARTY + "/" + activity, set);
            });
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
