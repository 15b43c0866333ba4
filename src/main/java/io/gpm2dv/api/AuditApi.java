package io.gpm2dv.api;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.gpm2dv.audit.AuditLog;

/**
 * {@code GET /api/audit?runId=…&sourceId=…}: the audit log of a run or of one source record — every write (created or
 * updated, when, by whom) with the before-image of a record it updated, and every rollback step. JSON, or CSV with
 * {@code Accept: text/csv}. Before-images hold the record's earlier values: the answer is for the operator, never logged.
 */
@ApplicationScoped
@Named("auditApi")
public class AuditApi {
    static final List<String> HEADER = List.of("runId", "stage", "object", "sourceId", "key", "table", "targetId",
            "operation", "at", "operator", "applicationUser", "beforeImage");

    @Inject
    AuditLog audit;

    public void query(Exchange exchange) {
        String runId = exchange.getMessage().getHeader("runId", String.class);
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        if (runId == null && sourceId == null) {
            ApiJson.error(400, "bad-request", "give runId, sourceId or both").writeTo(exchange);
            return;
        }
        String accept = exchange.getMessage().getHeader("Accept", "", String.class);
        if (accept.contains("text/csv")) {
            StringWriter csv = new StringWriter();
            csv.append(String.join(",", HEADER)).append("\r\n");
            audit.query(runId, sourceId, l -> csv.append(String.join(",", List.of(csv(l.runId()), csv(l.stage()),
                    csv(l.object()), csv(l.sourceId()), csv(l.recordKey()), csv(l.table()), csv(l.targetId()),
                    csv(l.operation()), csv(l.at().toString()), csv(l.operator()), csv(l.applicationUser()),
                    csv(l.beforeImage())))).append("\r\n"));
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
            exchange.getMessage().setBody(csv.toString());
            return;
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        audit.query(runId, sourceId, l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runId", l.runId());
            m.put("stage", l.stage());
            m.put("object", l.object());
            m.put("sourceId", l.sourceId());
            m.put("key", l.recordKey());
            m.put("table", l.table());
            m.put("targetId", l.targetId());
            m.put("operation", l.operation());
            m.put("at", l.at());
            m.put("operator", l.operator());
            m.put("applicationUser", l.applicationUser());
            m.put("beforeImage", l.beforeImage() == null ? null : ApiJson.tree(l.beforeImage()));
            lines.add(m);
        });
        ApiJson.ok(200, lines).writeTo(exchange);
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    static String csv(String v) {
        if (v == null) {
            return "";
        }
        return v.matches("(?s).*[,\"\r\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
