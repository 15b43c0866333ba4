package io.gpm2dv.schema;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.dataverse.DataverseHttp;

/** {@link MetadataHttp} over the product's Dataverse client (token, retries, throttling). */
@ApplicationScoped
public class DataverseMetadataHttp implements MetadataHttp {
    @Inject
    DataverseHttp http;

    @Override
    public JsonNode get(String path) {
        try {
            return http.get(path, Map.of("Consistency", "Strong")).json();
        } catch (DataverseException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void post(String path, ObjectNode body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        http.send("POST", path, body.toString(), all);
    }
}
