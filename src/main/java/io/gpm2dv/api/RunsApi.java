package io.gpm2dv.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.run.ClientSample;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.run.RunProgress;
import io.gpm2dv.run.RunRefusal;
import io.gpm2dv.run.RunRequest;
import io.gpm2dv.run.RunStart;

/** {@code /api/runs}: start a run, list the runs, one run's live progress and, once finished, its reconciliation. */
@ApplicationScoped
@Named("runsApi")
public class RunsApi {
    private static final Logger LOG = Logger.getLogger(RunsApi.class);

    @Inject
    MigrationRunner runner;

    @Inject
    RunRegistry runs;

    @Inject
    RunProgress progress;

    @Inject
    MappingSpecs specs;

    @Inject
    MigrationConfig config;

    public void start(Exchange exchange) {
        JsonNode body = ApiRequests.json(exchange);
        String kind = body == null ? RunRequest.FULL : body.path("kind").asText(RunRequest.FULL);
        RunRequest request;
        switch (kind) {
            case RunRequest.FULL, RunRequest.DELTA -> request = RunRequest.of(kind);
            case RunRequest.SAMPLE -> {
                int size = body.path("sampleSize").asInt(ClientSample.DEFAULT_SIZE);
                if (size < ClientSample.MIN_SIZE || size > ClientSample.MAX_SIZE) {
                    ApiJson.error(422, "invalid-sample-size", "sampleSize must be between " + ClientSample.MIN_SIZE
                            + " and " + ClientSample.MAX_SIZE + ", not " + size).writeTo(exchange);
                    return;
                }
                request = RunRequest.sample(size);
            }
            default -> {
                ApiJson.error(422, "unsupported-kind", "kind must be full, sample or delta, not '" + kind + "'")
                        .writeTo(exchange);
                return;
            }
        }
        startRun(exchange, request);
    }

    /** Starts a run in its own thread and answers 202 (or 409 with why it cannot start). */
    void startRun(Exchange exchange, RunRequest request) {
        String kind = request.kind();
        String operator = ApiRequests.operator(exchange);
        RunStart start = runner.start(request, operator);
        if (start.refused()) {
            RunRefusal r = start.refusal();
            ApiJson.error(409, r.code(), r.message()).writeTo(exchange);
            return;
        }
        Thread t = new Thread(() -> {
            try {
                RunOutcome outcome = runner.execute(start);
                LOG.infof("Run %d ended %s", start.run().runNumber(), outcome.status());
            } catch (RuntimeException e) {
                LOG.error("Run " + start.run().runNumber() + " failed unexpectedly", e);
            }
        }, "gpm2dv-run-" + start.run().runNumber());
        t.start();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", start.run().runId());
        answer.put("number", start.run().runNumber());
        answer.put("kind", kind);
        answer.put("status", "RUNNING");
        ApiJson.ok(202, answer).writeTo(exchange);
    }

    public void list(Exchange exchange) {
        ApiJson.ok(200, runs.list().stream().map(RunsApi::summary).toList()).writeTo(exchange);
    }

    public void get(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<RunRegistry.RunRow> row = runs.find(id);
        if (row.isEmpty()) {
            ApiJson.error(404, "not-found", "no run " + id).writeTo(exchange);
            return;
        }
        Map<String, Object> answer = summary(row.get());
        List<RunProgress.ObjectProgress> objects = progress.of(id).orElseGet(() -> progress.of(id, specs.current()));
        answer.put("objects", objects);
        if (!"RUNNING".equals(row.get().status())) {
            reconciliation(row.get().runNumber()).ifPresent(r -> answer.put("reconciliation", r));
        }
        ApiJson.ok(200, answer).writeTo(exchange);
    }

    private static Map<String, Object> summary(RunRegistry.RunRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.runId());
        m.put("number", r.runNumber());
        m.put("kind", r.mode());
        m.put("status", r.status());
        m.put("operator", r.operator());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("mappingSha256", r.mappingSha256());
        return m;
    }

    /** The run's reconciliation as the report directory holds it ({@code runs/<number>/reconciliation.json}). */
    private Optional<JsonNode> reconciliation(int runNumber) {
        Path file = config.reportDir().resolve("runs").resolve(Integer.toString(runNumber)).resolve("reconciliation.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiJson.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            LOG.warnf("Cannot read %s: %s", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
