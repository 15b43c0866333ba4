package io.gpm2dv.deadletter;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record a stage could not pass on, as published to {@code migration.dead-letter}: where it came from
 * (file, row, column), why, and the record itself so it can be replayed once fixed. The payload holds
 * personal data and is never logged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadLetter(String runId, String stage, String object, String key, String file, Long row,
        String column, String reason, String code, JsonNode payload, Instant at) {
}
