package io.gpm2dv.dataverse;

import java.net.http.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A successful Dataverse answer. */
public record DataverseResponse(int status, HttpHeaders headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new DataverseException(status, null, "answer is not JSON");
        }
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
