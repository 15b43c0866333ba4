package io.gpm2dv.emulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a {@code $batch} answer as Dataverse does (API §5): {@code batchresponse_<guid>} and
 * {@code changesetresponse_<guid>} boundaries, CRLF line breaks, each part an embedded {@code HTTP/1.1 <status>}
 * response with its headers ({@code OData-EntityId}, {@code Location}, {@code REQ_ID}) and body.
 */
final class BatchResponseWriter {
    private static final String CRLF = "\r\n";
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"), Map.entry(201, "Created"),
            Map.entry(204, "No Content"), Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Request Entity Too Large"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"));

    private BatchResponseWriter() {
    }

    static ApiResponse write(int status, List<BatchExecutor.Answer> answers) {
        String batch = "batchresponse_" + UUID.randomUUID();
        StringBuilder b = new StringBuilder();
        for (BatchExecutor.Answer a : answers) {
            b.append("--").append(batch).append(CRLF);
            if (a.changeSet()) {
                String cs = "changesetresponse_" + UUID.randomUUID();
                b.append("Content-Type: multipart/mixed; boundary=").append(cs).append(CRLF).append(CRLF);
                for (BatchExecutor.Result r : a.results()) {
                    b.append("--").append(cs).append(CRLF);
                    part(b, r);
                }
                b.append("--").append(cs).append("--").append(CRLF);
            } else {
                part(b, a.results().get(0));
            }
        }
        b.append("--").append(batch).append("--").append(CRLF);
        return ApiResponse.text(status, b.toString()).header("Content-Type", "multipart/mixed; boundary=" + batch);
    }

    private static void part(StringBuilder b, BatchExecutor.Result r) {
        b.append("Content-Type: application/http").append(CRLF);
        b.append("Content-Transfer-Encoding: binary").append(CRLF);
        if (r.contentId() != null) {
            b.append("Content-ID: ").append(r.contentId()).append(CRLF);
        }
        b.append(CRLF);
        ApiResponse resp = r.response();
        b.append("HTTP/1.1 ").append(resp.status()).append(' ').append(reason(resp.status())).append(CRLF);
        if (resp.status() >= 400) {
            b.append("REQ_ID: ").append(UUID.randomUUID()).append(CRLF);
        }
        resp.headers().forEach((k, v) -> b.append(k).append(": ").append(v).append(CRLF));
        b.append("OData-Version: 4.0").append(CRLF);
        b.append(CRLF);
        if (resp.body() != null && resp.status() != 204 && resp.status() != 304) {
            b.append(resp.body()).append(CRLF);
        }
    }

    static String reason(int status) {
        return REASONS.getOrDefault(status, "Status " + status);
    }
}
