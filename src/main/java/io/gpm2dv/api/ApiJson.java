package io.gpm2dv.api;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The API's JSON: ISO instants, and the one error shape {@code {"error", "message"}}. */
final class ApiJson {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ApiJson() {
    }

    static ApiReply ok(int status, Object value) {
        return ApiReply.json(status, write(value));
    }

    static ApiReply error(int status, String code, String message) {
        return ApiReply.json(status, write(Map.of("error", code, "message", message)));
    }

    /** JSON text the ledger holds (a before-image) as a tree, so it is answered as JSON rather than as a string. */
    static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(json);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
    }
}
