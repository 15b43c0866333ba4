package io.gpm2dv.emulator;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * How many records a Web API request touches, for the modelled execution time of service protection: the
 * {@code Targets} of a CreateMultiple/UpdateMultiple/UpsertMultiple, the operations inside a {@code $batch},
 * otherwise one. Read without building the JSON tree, and forgiving: a body it cannot read counts as one.
 */
final class RequestCost {
    private static final Pattern BATCH_OPERATION = Pattern.compile("(?m)^(GET|POST|PATCH|PUT|DELETE) \\S+ HTTP/1\\.[01]\\s*$");

    private RequestCost() {
    }

    static int records(String resource, String body) {
        if (body == null || body.isEmpty() || resource == null) {
            return 1;
        }
        if (resource.equals("$batch")) {
            Matcher m = BATCH_OPERATION.matcher(body);
            int n = 0;
            while (m.find()) {
                n++;
            }
            return Math.max(1, n);
        }
        if (resource.endsWith("Multiple") && resource.contains("/Microsoft.Dynamics.CRM.")) {
            return Math.max(1, targets(body));
        }
        return 1;
    }

    private static int targets(String body) {
        try (JsonParser p = ApiResponse.JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return 1;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("Targets".equals(name) && value == JsonToken.START_ARRAY) {
                    int n = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        n++;
                    }
                    return n;
                }
                p.skipChildren();
            }
            return 1;
        } catch (IOException e) {
            return 1;
        }
    }
}
