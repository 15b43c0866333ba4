package io.gpm2dv.schema;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The few Web API calls the schema step makes (API §15), so the check and the applier run against any Dataverse (the
 * product's client in production, a plain HTTP client in tests). Paths are relative to {@code /api/data/v9.2/}.
 */
public interface MetadataHttp {
    /** GET with {@code Consistency: Strong}; null when the resource does not exist (404). */
    JsonNode get(String path);

    /** POST; {@code headers} e.g. {@code MSCRM.SolutionUniqueName}. Fails on anything but 2xx. */
    void post(String path, ObjectNode body, Map<String, String> headers);
}
