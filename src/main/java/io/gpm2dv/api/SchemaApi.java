package io.gpm2dv.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.schema.PlanMarkdown;
import io.gpm2dv.schema.SchemaApplier;
import io.gpm2dv.schema.SchemaCheck;
import io.gpm2dv.schema.SchemaPlan;
import io.gpm2dv.schema.SchemaStep;

/** {@code /api/schema}: what the target lacks of the schema plan (JSON, or the Markdown checklist), and applying it. */
@ApplicationScoped
@Named("schemaApi")
public class SchemaApi {
    private static final Logger LOG = Logger.getLogger(SchemaApi.class);

    @Inject
    SchemaStep schema;

    private volatile Thread applying;

    public void plan(Exchange exchange) {
        SchemaPlan plan = schema.plan();
        schema.writePlan(plan);
        if (ApiRequests.accepts(exchange, "text/markdown")) {
            ApiReply.text(200, "text/markdown; charset=utf-8", PlanMarkdown.render(plan, schema.planSource()))
                    .writeTo(exchange);
            return;
        }
        List<SchemaCheck.Missing> missing = schema.check(plan);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("missing", missing.stream().map(m -> Map.of("kind", m.kind().name(), "table", m.table(),
                "name", m.name() == null ? "" : m.name())).toList());
        answer.put("steps", missing.stream().map(SchemaCheck.Missing::item).toList());
        answer.put("applying", applying != null && applying.isAlive());
        ApiJson.ok(200, answer).writeTo(exchange);
    }

    public synchronized void apply(Exchange exchange) {
        if (applying == null || !applying.isAlive()) {
            applying = new Thread(() -> {
                try {
                    SchemaApplier.Result r = schema.planAndApply();
                    LOG.infof("Schema plan applied through the API: %d item(s) created, %d still missing",
                            r.created().size(), r.remaining().size());
                } catch (RuntimeException e) {
                    LOG.errorf("Applying the schema plan failed: %s", SafeText.of(e));
                }
            }, "gpm2dv-schema-apply");
            applying.start();
        }
        ApiJson.ok(202, Map.of("status", "APPLYING")).writeTo(exchange);
    }
}
