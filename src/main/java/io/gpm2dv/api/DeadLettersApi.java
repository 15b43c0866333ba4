package io.gpm2dv.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.run.DeadLetterRetry;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;

/** {@code POST /api/dead-letters/retry}: send a run's retryable dead letters again, in a retry run. */
@ApplicationScoped
@Named("deadLettersApi")
public class DeadLettersApi {
    private static final Logger LOG = Logger.getLogger(DeadLettersApi.class);

    @Inject
    DeadLetterRetry retry;

    @Inject
    RunRegistry runs;

    @Inject
    MigrationRunner runner;

    /** {@code 202 {"retried", "permanent", "runId"}} ({@code runId}: the retry run, null when nothing was retryable). */
    public void retry(Exchange exchange) {
        JsonNode body = ApiRequests.json(exchange);
        String runId = body == null ? null : body.path("runId").asText(null);
        if (runId == null || runs.find(runId).isEmpty()) {
            ApiJson.error(404, "not-found", "no run " + runId).writeTo(exchange);
            return;
        }
        if (runner.activeRun().isPresent()) {
            ApiJson.error(409, "run-in-progress", "a run is in progress; retry once it has ended").writeTo(exchange);
            return;
        }
        DeadLetterRetry.Retry r = retry.start(runId, ApiRequests.operator(exchange));
        if (r.start() != null && r.start().refused()) {
            ApiJson.error(409, r.start().refusal().code(), r.start().refusal().message()).writeTo(exchange);
            return;
        }
        if (r.start() != null) {
            Thread t = new Thread(() -> {
                try {
                    RunOutcome outcome = retry.execute(runId, r.start());
                    LOG.infof("Retry run %d ended %s", r.start().run().runNumber(), outcome.status());
                } catch (RuntimeException e) {
                    LOG.error("Retry run failed unexpectedly", e);
                }
            }, "gpm2dv-retry-" + r.start().run().runNumber());
            t.start();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("retried", r.retried());
        answer.put("permanent", r.permanent());
        answer.put("runId", r.start() == null ? null : r.start().runId());
        ApiJson.ok(202, answer).writeTo(exchange);
    }
}
