package io.gpm2dv.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the emulator answers: status, headers and body text; {@code OData-Version} is added by the HTTP front. */
public final class ApiResponse {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String JSON_TYPE = "application/json; odata.metadata=minimal";

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    public ApiResponse(int status) {
        this.status = status;
    }

    public static ApiResponse json(int status, JsonNode body) {
        ApiResponse r = new ApiResponse(status);
        r.body = body.toString();
        r.headers.put("Content-Type", JSON_TYPE);
        return r;
    }

    public static ApiResponse text(int status, String text) {
        ApiResponse r = new ApiResponse(status);
        r.body = text;
        r.headers.put("Content-Type", "text/plain");
        return r;
    }

    public static ApiResponse error(ApiError e, boolean withAnnotations) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("code", e.code());
        inner.put("message", e.getMessage());
        if (withAnnotations) {
            e.annotations().forEach(inner::put);
        }
        return json(e.status(), error);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }
}
