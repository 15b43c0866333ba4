package io.gpm2dv.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;

import io.gpm2dv.audit.RollbackLedger.RollbackState;
import io.gpm2dv.rollback.RollbackService;
import io.gpm2dv.run.MigrationRunner;

/** {@code /api/runs/{id}/rollback}: roll a run back in one action, and follow it. */
@ApplicationScoped
@Named("rollbackApi")
public class RollbackApi {
    @Inject
    RollbackService rollbacks;

    @Inject
    MigrationRunner runner;

    /** {@code 202 {"status": "ROLLING_BACK"}}; a second call while it runs, or after, answers the current state. */
    public void start(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        RollbackService.Request r = rollbacks.request(id, ApiRequests.operator(exchange), runner.activeRun());
        if (r.refusal().isPresent()) {
            RollbackService.Refusal no = r.refusal().get();
            ApiJson.error(no.status(), no.code(), no.message()).writeTo(exchange);
            return;
        }
        ApiJson.ok(202, answer(r.state().orElseThrow())).writeTo(exchange);
    }

    /** {@code {"status": "ROLLING_BACK" | "DONE" | "FAILED", "deleted", "restored", "failed"}}. */
    public void get(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<RollbackState> state = rollbacks.state(id);
        if (state.isEmpty()) {
            ApiJson.error(404, "not-found", "no rollback of run " + id).writeTo(exchange);
            return;
        }
        ApiJson.ok(200, answer(state.get())).writeTo(exchange);
    }

    static Map<String, Object> answer(RollbackState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", s.runId());
        m.put("status", s.status());
        m.put("deleted", s.deleted());
        m.put("restored", s.restored());
        m.put("failed", s.failed());
        m.put("mismatches", s.mismatches());
        m.put("requestedBy", s.requestedBy());
        m.put("startedAt", s.startedAt());
        m.put("finishedAt", s.finishedAt());
        return m;
    }
}
