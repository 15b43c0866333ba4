package io.gpm2dv.pipeline;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record a stage could not pass on, as published to {@code migration.dead-letter}: where it came from (file,
 * row, column of the export; or topic, partition and offset of the message a stage could not read), why (a
 * reason that names column and fault, never a value), and the record itself so it can be replayed once fixed.
 * The payload holds personal data and is never logged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadLetter(String runId, String stage, String object, String key, String file, Long row,
        String column, String reason, String code, JsonNode payload, Instant at, String topic, Integer partition,
        Long offset) {

    /** Object of a message no stage could read: it belongs to no object of the map. */
    public static final String UNREADABLE = "unreadable";

    /** A dead letter of a record read from the export (extract) or from a message the stage could read. */
    public static DeadLetter of(String runId, String stage, String object, String key, String file, Long row,
            String column, String reason, String code, JsonNode payload) {
        return new DeadLetter(runId, stage, object, key, file, row, column, reason, code, payload, Instant.now(), null,
                null, null);
    }

    /** The same dead letter, saying which message it came from. */
    public DeadLetter from(Delivery d) {
        return new DeadLetter(runId, stage, object, key, file, row, column, reason, code, payload, at, d.topic(),
                d.partition(), d.offset());
    }

    /**
     * A message {@code stage} could not read at all: keyed by its position (its own key may be missing or wrong),
     * with the raw text as payload for whoever repairs it.
     */
    public static DeadLetter unreadable(String runId, String stage, Delivery d, String reason, JsonNode rawText) {
        return new DeadLetter(runId, stage, UNREADABLE, d.position(), null, null, null, reason, null, rawText,
                Instant.now(), d.topic(), d.partition(), d.offset());
    }
}
