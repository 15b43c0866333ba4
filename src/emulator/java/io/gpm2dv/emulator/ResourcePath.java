package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A Web API resource path split into its entity set (or function) name, the text inside its parentheses
 * (a record key) and the segments after it ({@code $count}, {@code Microsoft.Dynamics.CRM.UpsertMultiple}, a column).
 */
public record ResourcePath(String name, String keyText, List<String> segments) {

    public static ResourcePath parse(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        int i = 0;
        while (i < path.length() && path.charAt(i) != '(' && path.charAt(i) != '/') {
            i++;
        }
        String name = path.substring(0, i);
        String keyText = null;
        if (i < path.length() && path.charAt(i) == '(') {
            int close = closingParenthesis(path, i);
            keyText = path.substring(i + 1, close);
            i = close + 1;
        }
        List<String> segments = new ArrayList<>();
        if (i < path.length()) {
            if (path.charAt(i) != '/') {
                throw ApiError.query("Bad Request - Error in query syntax.");
            }
            for (String s : path.substring(i + 1).split("/")) {
                if (!s.isEmpty()) {
                    segments.add(s);
                }
            }
        }
        return new ResourcePath(name, keyText, List.copyOf(segments));
    }

    /** Index of the parenthesis closing the one at {@code open}; quotes (with '' escapes) are skipped. */
    static int closingParenthesis(String s, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ')' && !quoted) {
                return i;
            }
        }
        throw ApiError.query("Bad Request - Error in query syntax.");
    }

    /**
     * The entity set and key of a record URL as used in {@code @odata.bind} and {@code @odata.id}: absolute
     * ({@code http://host/api/data/v9.2/accounts(...)}), rooted ({@code /accounts(...)}) or relative.
     */
    public static ResourcePath ofRecordUrl(String url) {
        String u = url;
        int api = u.indexOf("/api/data/");
        if (api >= 0) {
            int afterVersion = u.indexOf('/', api + "/api/data/".length());
            u = afterVersion < 0 ? "" : u.substring(afterVersion + 1);
        }
        ResourcePath p = parse(u);
        if (p.keyText() == null || !p.segments().isEmpty()) {
            throw ApiError.payload("The URI '" + url + "' is not valid because it is not based on a record address.");
        }
        return p;
    }
}
