package io.gpm2dv.api;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;

/** What a route hands a bean: the operator the authentication found, the JSON body. */
final class ApiRequests {
    private ApiRequests() {
    }

    static String operator(Exchange exchange) {
        String who = exchange.getMessage().getHeader(ApiAuthentication.OPERATOR_HEADER, String.class);
        return who == null ? "unknown" : who;
    }

    /** Whether the caller asked for this media type (a plain {@code Accept} match, enough for the API's few types). */
    static boolean accepts(Exchange exchange, String mediaType) {
        String accept = exchange.getMessage().getHeader("Accept", String.class);
        return accept != null && accept.toLowerCase().contains(mediaType);
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    static JsonNode json(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return ApiJson.MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
