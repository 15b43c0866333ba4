package io.gpm2dv.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.mapping.MapInForce;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.mapping.validation.MappingError;
import io.gpm2dv.mapping.validation.MappingValidation;
import io.gpm2dv.run.MappingConfirmation;
import io.gpm2dv.run.MigrationRunner;

/** {@code /api/mapping}: the map in force, replacing it, confirming it. */
@ApplicationScoped
@Named("mappingApi")
public class MappingApi {
    private static final Logger LOG = Logger.getLogger(MappingApi.class);

    @Inject
    MappingSpecs specs;

    @Inject
    MappingConfirmation confirmation;

    @Inject
    MigrationRunner runner;

    @Inject
    MappingValidation validation;

    public void get(Exchange exchange) {
        MapInForce map = specs.inForce();
        ApiReply.text(200, "text/yaml; charset=utf-8", map.text())
                .withHeader("X-Mapping-Sha256", map.sha256())
                .withHeader("X-Mapping-Confirmed", Boolean.toString(confirmation.isConfirmed(map)))
                .writeTo(exchange);
    }

    public void put(Exchange exchange) {
        if (runner.activeRun().isPresent()) {
            ApiJson.error(409, "run-in-progress", "the map cannot change while run " + runner.activeRun().get()
                    + " is in progress").writeTo(exchange);
            return;
        }
        byte[] yaml = body(exchange);
        List<MappingError> errors = yaml.length == 0 ? List.of(new MappingError(1, "the map is empty"))
                : validation.validate(yaml);
        if (!errors.isEmpty()) {
            ApiJson.ok(422, Map.of("errors", errors)).writeTo(exchange);
            return;
        }
        String who = ApiRequests.operator(exchange);
        MapInForce map = specs.replace(yaml, who);
        LOG.infof("Map %s uploaded by %s: it is the map in force, not confirmed", map.sha256(), who);
        ApiJson.ok(200, status(map, false)).writeTo(exchange);
    }

    public void confirm(Exchange exchange) {
        JsonNode body = ApiRequests.json(exchange);
        String reviewed = body == null ? null : body.path("sha256").asText(null);
        if (reviewed == null || reviewed.isBlank()) {
            ApiJson.error(400, "bad-request", "the body must be {\"sha256\": \"<SHA-256 of the map you reviewed>\"}")
                    .writeTo(exchange);
            return;
        }
        MapInForce map = specs.inForce();
        if (!confirmation.confirm(map, reviewed, ApiRequests.operator(exchange))) {
            ApiJson.error(409, "not-map-in-force", "the map you reviewed (" + reviewed.trim() + ") is not the map in force ("
                    + map.sha256() + "): review the map in force (GET /api/mapping) and confirm that").writeTo(exchange);
            return;
        }
        ApiJson.ok(200, status(map, true)).writeTo(exchange);
    }

    private static Map<String, Object> status(MapInForce map, boolean confirmed) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sha256", map.sha256());
        s.put("origin", map.origin().name().toLowerCase());
        s.put("confirmed", confirmed);
        return s;
    }

    private static byte[] body(Exchange exchange) {
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        return bytes == null ? new byte[0] : bytes;
    }
}
