package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Duplicate detection (API §9): off unless the request sends {@code MSCRM.SuppressDuplicateDetection: false};
 * then every published rule ({@code duplicaterules} + {@code duplicateruleconditions}, published with
 * {@code PublishDuplicateRule}) for the table is evaluated, and a match fails with 500 {@code 0x80040333}.
 * Only exact-match conditions are modelled; blank values never match.
 */
final class DuplicateDetection {
    static final String DUPLICATES_FOUND = "0x80040333";

    private DuplicateDetection() {
    }

    static boolean requested(ApiRequest req) {
        return "false".equalsIgnoreCase(String.valueOf(req.header("MSCRM.SuppressDuplicateDetection")).trim());
    }

    static void check(RecordStore.View view, TableDef t, ObjectNode record) {
        UUID self = UUID.fromString(record.get(t.primaryKey()).asText());
        for (ObjectNode rule : view.all("duplicaterule")) {
            if (rule.path("statuscode").asInt() != 2 || !t.logicalName().equals(rule.path("baseentityname").asText())
                    || !t.logicalName().equals(rule.path("matchingentityname").asText())) {
                continue;
            }
            List<ObjectNode> conditions = new ArrayList<>();
            for (ObjectNode c : view.all("duplicaterulecondition")) {
                if (rule.get("duplicateruleid").asText().equals(c.path("_regardingobjectid_value").asText())) {
                    conditions.add(c);
                }
            }
            if (conditions.isEmpty()) {
                continue;
            }
            boolean caseSensitive = rule.path("iscasesensitive").asBoolean(false);
            for (ObjectNode other : view.all(t.logicalName())) {
                if (!other.get(t.primaryKey()).asText().equals(self.toString())
                        && matches(conditions, record, other, caseSensitive)) {
                    throw new ApiError(500, DUPLICATES_FOUND,
                            "A record was not created or updated because a duplicate of the current record already exists.");
                }
            }
        }
    }

    private static boolean matches(List<ObjectNode> conditions, ObjectNode a, ObjectNode b, boolean caseSensitive) {
        for (ObjectNode c : conditions) {
            String x = text(a.get(c.path("baseattributename").asText()), caseSensitive);
            String y = text(b.get(c.path("matchingattributename").asText()), caseSensitive);
            if (x == null || !x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode v, boolean caseSensitive) {
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        return caseSensitive ? v.asText() : v.asText().toLowerCase(Locale.ROOT);
    }

    /** {@code POST duplicaterules({id})/Microsoft.Dynamics.CRM.PublishDuplicateRule}: publishes at once (the job is not modelled). */
    static ApiResponse publish(RecordStore store, KeyRef key, String apiBase) {
        store.write(tx -> {
            UUID id = key.resolve(tx).orElseThrow(key::notFound);
            ObjectNode r = tx.get("duplicaterule", id).orElseThrow().deepCopy();
            r.put("statecode", 1);
            r.put("statuscode", 2);
            r.put("versionnumber", tx.nextVersion());
            tx.put("duplicaterule", id, r);
            return null;
        });
        ObjectNode out = ApiResponse.JSON.createObjectNode();
        out.put("@odata.context", apiBase + "$metadata#Microsoft.Dynamics.CRM.PublishDuplicateRuleResponse");
        out.put("JobId", UUID.randomUUID().toString());
        return ApiResponse.json(200, out);
    }
}
