package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Runs a {@code $batch} (API §5): parts in order, each through the same request handling as a standalone request;
 * a change set as one transaction (any failure undoes all of it, and only the failure is reported); by default
 * the batch stops at the first failure and answers with that failure's status, with
 * {@code Prefer: odata.continue-on-error} it goes on and answers 200.
 */
final class BatchExecutor {
    private static final Pattern VERSIONED = Pattern.compile("^(?:https?://[^/]+)?/api/data/(v9\\.[012])/(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("^\\$([A-Za-z0-9_.\\-]+)(/.*)?$");

    private final WebApi api;
    private final RecordStore store;

    BatchExecutor(WebApi api, RecordStore store) {
        this.api = api;
        this.store = store;
    }

    /** One answered part, as the response writer needs it. */
    record Result(String contentId, ApiResponse response) {
    }

    /** One answered top-level item: a single request, or a change set's answers. */
    record Answer(boolean changeSet, List<Result> results) {
    }

    /** Thrown inside a change set's transaction to undo it. */
    private static final class ChangeSetFailed extends RuntimeException {
        final Result failure;

        ChangeSetFailed(Result failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    ApiResponse run(ApiRequest req, String apiBase) {
        List<BatchParser.Item> items = BatchParser.parse(req.header("Content-Type"), req.body());
        boolean continueOnError = req.prefers("odata.continue-on-error");
        String serviceRoot = apiBase.substring(0, apiBase.indexOf("/api/data/"));
        List<Answer> answers = new ArrayList<>();
        Integer failedStatus = null;
        for (BatchParser.Item item : items) {
            Answer a = item.changeSet() ? changeSet(item, serviceRoot, req.version()) : single(item, serviceRoot, req.version());
            Result last = a.results().get(a.results().size() - 1);
            if (last.response().status() >= 400 && !continueOnError) {
                // stop at the first failure: the answer holds only that failure, with its status (API §5)
                answers.clear();
                answers.add(new Answer(a.changeSet(), List.of(last)));
                failedStatus = last.response().status();
                break;
            }
            answers.add(a);
        }
        ApiResponse out = BatchResponseWriter.write(failedStatus == null ? 200 : failedStatus, answers);
        if (continueOnError) {
            out.header("Preference-Applied", "odata.continue-on-error");
        }
        return out;
    }

    private Answer single(BatchParser.Item item, String serviceRoot, String version) {
        BatchParser.Part p = item.parts().get(0);
        return new Answer(false, List.of(new Result(p.contentId(), execute(p, serviceRoot, version, Map.of()))));
    }

    private Answer changeSet(BatchParser.Item item, String serviceRoot, String version) {
        Map<String, String> created = new HashMap<>();
        try {
            List<Result> results = store.write(tx -> {
                List<Result> out = new ArrayList<>();
                for (BatchParser.Part p : item.parts()) {
                    ApiResponse r = execute(p, serviceRoot, version, created);
                    Result result = new Result(p.contentId(), r);
                    if (r.status() >= 400) {
                        throw new ChangeSetFailed(result);
                    }
                    String location = r.headers().getOrDefault("OData-EntityId", r.headers().get("Location"));
                    if (p.contentId() != null && location != null) {
                        created.put(p.contentId(), location);
                    }
                    out.add(result);
                }
                return out;
            });
            return new Answer(true, results);
        } catch (ChangeSetFailed f) {
            // a failing change set reports only its failure (spec: unverified)
            return new Answer(true, List.of(f.failure));
        }
    }

    private ApiResponse execute(BatchParser.Part p, String serviceRoot, String version, Map<String, String> created) {
        try {
            String url = resolveUrl(p.url(), created);
            String body = p.body() == null ? null : resolveBody(p.body(), created);
            int q = url.indexOf('?');
            String pathPart = q < 0 ? url : url.substring(0, q);
            String query = q < 0 ? null : url.substring(q + 1);
            String partVersion = version;
            String resource;
            Matcher m = VERSIONED.matcher(pathPart);
            if (m.matches()) {
                partVersion = m.group(1);
                resource = m.group(2);
            } else if (pathPart.startsWith("http") || pathPart.startsWith("/")) {
                throw ApiError.noSuchSegment(pathPart);
            } else {
                resource = pathPart; // relative to the service root of the batch
            }
            resource = HttpFront.decodePath(resource);
            if (ResourcePath.parse(resource).name().equals("$batch")) {
                throw ApiError.payload("A $batch request cannot be nested in another $batch request.");
            }
            ApiRequest inner = new ApiRequest(p.method(), partVersion, resource, HttpFront.parseQuery(query), p.headers(), body);
            ApiResponse r = api.handlePart(inner, serviceRoot + "/api/data/" + partVersion + "/");
            if (r.headers().containsKey("OData-EntityId") && !r.headers().containsKey("Location")
                    && (p.method().equals("POST") || r.status() == 201)) {
                r.header("Location", r.headers().get("OData-EntityId"));
            }
            return r;
        } catch (ApiError e) {
            return ApiResponse.error(e, false);
        }
    }

    /** {@code $1} or {@code $1/segment} at the start of a request URL. */
    private static String resolveUrl(String url, Map<String, String> created) {
        String u = url.startsWith("/$") ? url.substring(1) : url;
        Matcher m = REFERENCE.matcher(u);
        if (!m.matches() || m.group(1).equals("batch") || m.group(1).equals("metadata")) {
            return url;
        }
        return reference(m, created);
    }

    private static String reference(Matcher m, Map<String, String> created) {
        String target = created.get(m.group(1));
        if (target == null) {
            throw ApiError.payload("Content-ID Reference: '$" + m.group(1) + "' does not exist in the batch context.");
        }
        return target + (m.group(2) == null ? "" : m.group(2));
    }

    /** {@code "$1"} as the value of an {@code @odata.bind} or {@code @odata.id}, at any depth of a JSON body. */
    private static String resolveBody(String body, Map<String, String> created) {
        JsonNode node;
        try {
            node = ApiResponse.JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return body; // the request itself reports the bad JSON
        }
        return replace(node, created) ? node.toString() : body;
    }

    private static boolean replace(JsonNode node, Map<String, String> created) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (v.isTextual() && (name.endsWith("@odata.bind") || name.equals("@odata.id"))) {
                    Matcher m = REFERENCE.matcher(v.asText());
                    if (m.matches()) {
                        o.set(name, TextNode.valueOf(reference(m, created)));
                        changed = true;
                    }
                } else {
                    changed |= replace(v, created);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode v : a) {
                changed |= replace(v, created);
            }
        }
        return changed;
    }
}
