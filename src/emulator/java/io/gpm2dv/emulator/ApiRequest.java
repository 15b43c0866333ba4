package io.gpm2dv.emulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One Web API call, independent of HTTP: method, the resource path after {@code /api/data/<version>/}
 * (percent-decoded), decoded query parameters in order, headers (lower-case names) and body text.
 */
public record ApiRequest(String method, String version, String resource, Map<String, String> query,
        Map<String, String> headers, String body) {

    public ApiRequest {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = lower;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code Prefer} lists {@code preference} (compared case-insensitively, without spaces). */
    public boolean prefers(String preference) {
        return preferValue(preference) != null;
    }

    /** The value of {@code Prefer: name=value}, or the bare name when it has no value, or null. */
    public String preferValue(String name) {
        String prefer = header("Prefer");
        if (prefer == null) {
            return null;
        }
        // preferences are comma-separated; a quoted value (a list of annotations) may hold commas itself
        for (String part : prefer.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq).trim();
            if (key.equalsIgnoreCase(name) || p.replace(" ", "").equalsIgnoreCase(name)) {
                return eq < 0 ? p : p.substring(eq + 1).trim();
            }
        }
        return null;
    }
}
