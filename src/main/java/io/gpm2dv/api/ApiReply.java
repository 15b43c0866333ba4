package io.gpm2dv.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** What an API call answers: status, content type, body and extra headers; written onto the Camel message. */
public record ApiReply(int status, String contentType, String body, Map<String, String> headers) {

    public static ApiReply json(int status, String json) {
        return new ApiReply(status, "application/json", json, Map.of());
    }

    public static ApiReply text(int status, String contentType, String body) {
        return new ApiReply(status, contentType, body, Map.of());
    }

    public ApiReply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiReply(status, contentType, body, h);
    }

    /** Replaces the message with this answer (request headers do not travel back to the caller). */
    public void writeTo(Exchange exchange) {
        Message out = exchange.getMessage();
        out.getHeaders().clear();
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        headers.forEach(out::setHeader);
        out.setBody(body);
    }
}
