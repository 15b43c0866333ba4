package io.gpm2dv.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.kafka.StageReplay;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunRefusal;

/**
 * {@code POST /api/replay}: re-runs one stage of one object from its input topic ({@link StageReplay}); refused while a
 * run is in progress, and no run starts until the stage's routes are running again.
 */
@ApplicationScoped
@Named("replayApi")
public class ReplayApi {
    private static final Logger LOG = Logger.getLogger(ReplayApi.class);
    private static final long STOP_SECONDS = 30;

    @Inject
    StageReplay replay;

    @Inject
    MigrationRunner runner;

    @Inject
    MappingSpecs specs;

    @Inject
    CamelContext camel;

    public void replay(Exchange exchange) throws Exception {
        JsonNode body = ApiRequests.json(exchange);
        if (body == null || !body.isObject()) {
            ApiJson.error(400, "bad-request", "the body must be JSON {\"stage\", \"object\", \"from\"}").writeTo(exchange);
            return;
        }
        String stageName = body.path("stage").asText("");
        Optional<StageReplay.Stage> stage = StageReplay.Stage.of(stageName);
        if (stage.isEmpty()) {
            ApiJson.error(422, "unknown-stage", "'stage' must be map, owner or sink").writeTo(exchange);
            return;
        }
        String object = body.path("object").asText("");
        MappingSpec spec = specs.current();
        if (spec.find(object).isEmpty()) {
            ApiJson.error(422, "unknown-object", "'object' must be an object of the map in force, such as clients")
                    .writeTo(exchange);
            return;
        }
        StageReplay.From from;
        try {
            from = StageReplay.From.parse(body.path("from").isValueNode() ? body.path("from").asText() : null);
        } catch (IllegalArgumentException e) {
            ApiJson.error(422, "bad-from", e.getMessage()).writeTo(exchange);
            return;
        }
        List<StageReplay.StageConsumer> consumers = replay.consumers(spec, stage.get(), object);
        for (StageReplay.StageConsumer c : consumers) {
            if (camel.getRoute(c.routeId()) == null) {
                ApiJson.error(422, "no-route", "this process has no route " + c.routeId()).writeTo(exchange);
                return;
            }
        }
        String operator = ApiRequests.operator(exchange);
        Optional<StageReplay.Result> result;
        try {
            result = runner.whileNoRun("replaying " + stage.get().label() + " of " + object,
                    () -> replay.replay(consumers, from, routes()));
        } catch (StageReplay.GroupBusyException e) {
            ApiJson.error(409, "group-active", SafeText.of(e)).writeTo(exchange);
            return;
        }
        if (result.isEmpty()) {
            ApiJson.error(409, RunRefusal.RUN_IN_PROGRESS, "run " + runner.activeRun().orElse("(ended just now)")
                    + " is in progress in this process; replay a stage when it has ended").writeTo(exchange);
            return;
        }
        LOG.infof("Replay of %s for %s from %s by %s: %d partition(s) of %s", stage.get().label(), object,
                body.path("from").asText(), operator, result.get().partitions(), result.get().groups());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stage", stage.get().label());
        answer.put("object", object);
        answer.put("from", body.path("from").asText());
        answer.put("groups", result.get().groups());
        answer.put("partitions", result.get().partitions());
        answer.put("offsets", result.get().offsets());
        ApiJson.ok(202, answer).writeTo(exchange);
    }

    /** The stage's Camel routes: stopped gracefully (the current poll batch finishes and commits), then started. */
    private StageReplay.Routes routes() {
        return new StageReplay.Routes() {
            @Override
            public void stop(String routeId) throws Exception {
                camel.getRouteController().stopRoute(routeId, STOP_SECONDS, TimeUnit.SECONDS);
            }

            @Override
            public void start(String routeId) throws Exception {
                camel.getRouteController().startRoute(routeId);
            }
        };
    }
}
