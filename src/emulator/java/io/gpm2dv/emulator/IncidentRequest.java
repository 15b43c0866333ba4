package io.gpm2dv.emulator;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /emulator/incidents}:
 * {@code {"status": 503|429, "seconds": 90, "afterRequests": 0, "entitySet": "accounts", "retryAfterSeconds": 70}}.
 */
final class IncidentRequest {
    private IncidentRequest() {
    }

    static Incident parse(String body) {
        JsonNode j;
        try {
            j = ApiResponse.JSON.readTree(body == null ? "{}" : body);
        } catch (Exception e) {
            throw ApiError.payload("The incident is not JSON.");
        }
        try {
            return new Incident(j.path("status").asInt(503), Duration.ofMillis((long) (j.path("seconds").asDouble(60) * 1000)),
                    j.path("afterRequests").asLong(0), j.hasNonNull("entitySet") ? j.get("entitySet").asText() : null,
                    j.path("retryAfterSeconds").asInt(0));
        } catch (IllegalArgumentException e) {
            throw ApiError.payload(e.getMessage());
        }
    }
}
