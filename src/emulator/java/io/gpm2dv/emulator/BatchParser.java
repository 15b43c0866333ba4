package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code $batch} body (API §5): {@code multipart/mixed} with CRLF or bare LF line breaks, whose parts are
 * {@code application/http} requests or {@code changeset_} parts holding more of them. Refuses what Dataverse
 * refuses: nested change sets, a GET inside a change set (400 assumed) and more than 1000 requests (400 assumed).
 */
final class BatchParser {
    static final int MAX_REQUESTS = 1000;

    private BatchParser() {
    }

    /** One embedded HTTP request; {@code contentId} is null when the part has no {@code Content-ID}. */
    record Part(String contentId, String method, String url, Map<String, String> headers, String body) {
    }

    /** A top-level item: a single request ({@code changeSet == false}, one part) or a change set. */
    record Item(boolean changeSet, List<Part> parts) {
    }

    static List<Item> parse(String contentType, String body) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            throw ApiError.payload("The content type of a $batch request must be 'multipart/mixed' with a boundary.");
        }
        List<Item> items = new ArrayList<>();
        int count = 0;
        for (List<String> raw : split(body == null ? "" : body, boundary)) {
            Map<String, String> headers = new LinkedHashMap<>();
            List<String> content = headers(raw, headers);
            String type = headers.getOrDefault("content-type", "");
            String changeSetBoundary = boundary(type);
            if (changeSetBoundary != null) {
                List<Part> parts = new ArrayList<>();
                for (List<String> inner : split(String.join("\n", content), changeSetBoundary)) {
                    Map<String, String> innerHeaders = new LinkedHashMap<>();
                    List<String> request = headers(inner, innerHeaders);
                    if (boundary(innerHeaders.getOrDefault("content-type", "")) != null) {
                        throw ApiError.payload("Change sets cannot be nested in a $batch request.");
                    }
                    Part p = part(innerHeaders, request);
                    if (p.method().equals("GET")) {
                        // Dataverse: GETs are not allowed inside change sets; the 400 is the spec's assumption
                        throw ApiError.payload("A GET request is not allowed inside a change set.");
                    }
                    parts.add(p);
                }
                count += parts.size();
                items.add(new Item(true, List.copyOf(parts)));
            } else {
                count++;
                items.add(new Item(false, List.of(part(headers, content))));
            }
            if (count > MAX_REQUESTS) {
                // the limit is documented; the 400 for exceeding it is the spec's assumption
                throw ApiError.payload("The number of requests in a $batch exceeds the maximum of " + MAX_REQUESTS + ".");
            }
        }
        return items;
    }

    private static Part part(Map<String, String> partHeaders, List<String> content) {
        if (!partHeaders.getOrDefault("content-type", "").toLowerCase(Locale.ROOT).startsWith("application/http")) {
            throw ApiError.payload("Every part of a $batch must have 'Content-Type: application/http' or be a change set.");
        }
        int i = 0;
        while (i < content.size() && content.get(i).isBlank()) {
            i++;
        }
        if (i == content.size()) {
            throw ApiError.payload("A part of the $batch holds no HTTP request line.");
        }
        String[] line = content.get(i).trim().split(" ");
        if (line.length < 2 || (line.length == 3 && !line[2].startsWith("HTTP/")) || line.length > 3) {
            throw ApiError.payload("The request line '" + content.get(i).trim() + "' of a $batch part is not valid.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> body = headers(content.subList(i + 1, content.size()), headers);
        String text = String.join("\n", body).strip();
        return new Part(partHeaders.get("content-id"), line[0].toUpperCase(Locale.ROOT), line[1], headers,
                text.isEmpty() ? null : text);
    }

    /** Reads header lines up to the first blank line into {@code into} (lower-case names); returns what follows. */
    private static List<String> headers(List<String> lines, Map<String, String> into) {
        int i = 0;
        while (i < lines.size() && !lines.get(i).isBlank()) {
            String h = lines.get(i);
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw ApiError.payload("The header line '" + h + "' of a $batch part is not valid.");
            }
            into.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            i++;
        }
        return lines.subList(Math.min(i + 1, lines.size()), lines.size());
    }

    /** The parts between {@code --boundary} lines, each as its lines; the closing {@code --boundary--} is required. */
    static List<List<String>> split(String text, String boundary) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<List<String>> parts = new ArrayList<>();
        List<String> currentPart = null;
        boolean closed = false;
        for (String line : lines) {
            String t = line.stripTrailing();
            if (t.equals("--" + boundary + "--")) {
                if (currentPart != null) {
                    parts.add(currentPart);
                }
                closed = true;
                break;
            }
            if (t.equals("--" + boundary)) {
                if (currentPart != null) {
                    parts.add(currentPart);
                }
                currentPart = new ArrayList<>();
            } else if (currentPart != null) {
                currentPart.add(line);
            }
        }
        if (!closed) {
            throw ApiError.payload("The $batch body is not valid multipart content: the closing boundary '--" + boundary
                    + "--' is missing.");
        }
        return parts;
    }

    /** The {@code boundary} parameter of a {@code multipart/mixed} content type, or null. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }
}
