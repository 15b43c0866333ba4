package io.gpm2dv.dataverse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Web API operations the migration uses, on top of {@link DataverseHttp}. */
@ApplicationScoped
public class DataverseClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE_SIZE = 5000;

    @Inject
    DataverseHttp http;

    private final Map<String, Boolean> bulkSupport = new ConcurrentHashMap<>();

    /** {@code WhoAmI}: the caller's UserId, BusinessUnitId and OrganizationId. */
    public JsonNode whoAmI() {
        return http.get("WhoAmI", null).json();
    }

    /** Signs in as every application user and checks Dataverse accepts each (see {@link DataverseHttp#signInEveryUser}). */
    public void signInEveryUser() {
        http.signInEveryUser();
    }

    /** Every row of a query, page by page ({@code odata.maxpagesize}, following {@code @odata.nextLink}). */
    public void queryAll(String entitySet, String select, String filter, Consumer<JsonNode> rowConsumer) {
        queryAll(entitySet, select, filter, false, rowConsumer);
    }

    /**
     * Every row of a query; with {@code lookupAnnotations} each lookup value says which table it points at and through
     * which navigation property it was bound (what a restore body needs).
     */
    public void queryAll(String entitySet, String select, String filter, boolean lookupAnnotations,
            Consumer<JsonNode> rowConsumer) {
        StringBuilder path = new StringBuilder(entitySet).append("?$select=").append(select);
        if (filter != null) {
            path.append("&$filter=").append(encode(filter));
        }
        String next = path.toString();
        Map<String, String> prefer = Map.of("Prefer", "odata.maxpagesize=" + MAX_PAGE_SIZE + (lookupAnnotations
                ? ",odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname,"
                        + "Microsoft.Dynamics.CRM.associatednavigationproperty\"" : ""));
        while (next != null) {
            JsonNode page = http.get(next, prefer).json();
            page.path("value").forEach(rowConsumer);
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
    }

    public List<JsonNode> queryAll(String entitySet, String select, String filter) {
        List<JsonNode> rows = new ArrayList<>();
        queryAll(entitySet, select, filter, rows::add);
        return rows;
    }

    /** Whether the table has no row at all ({@code $top=1}: one request, whatever its size). */
    public boolean isEmpty(String entitySet, String primaryKey) {
        return http.get(entitySet + "?$select=" + primaryKey + "&$top=1", Map.of()).json().path("value").isEmpty();
    }

    /** Counts rows by paging (the {@code $count} of the Web API stops at 5,000). */
    public long count(String entitySet, String primaryKey, String filter) {
        long[] n = {0};
        queryAll(entitySet, primaryKey, filter, row -> n[0]++);
        return n[0];
    }

    /** The rows among {@code ids} that exist, with the selected columns, keyed by id. */
    public Map<UUID, JsonNode> retrieveExisting(String entitySet, String primaryKey, Collection<UUID> ids,
            String select, int chunkSize) {
        return retrieveExisting(entitySet, primaryKey, ids, select, chunkSize, false);
    }

    /** As above; with {@code lookupAnnotations} lookups carry their table and navigation property. */
    public Map<UUID, JsonNode> retrieveExisting(String entitySet, String primaryKey, Collection<UUID> ids,
            String select, int chunkSize, boolean lookupAnnotations) {
        Map<UUID, JsonNode> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += chunkSize) {
            StringBuilder filter = new StringBuilder();
            for (UUID id : all.subList(from, Math.min(all.size(), from + chunkSize))) {
                if (filter.length() > 0) {
                    filter.append(" or ");
                }
                filter.append(primaryKey).append(" eq ").append(id);
            }
            queryAll(entitySet, select, filter.toString(), lookupAnnotations,
                    row -> found.put(UUID.fromString(row.path(primaryKey).asText()), row));
        }
        return found;
    }

    /** {@code UpsertMultiple}: all targets or none (standard tables are transactional). */
    public void upsertMultiple(String entitySet, List<ObjectNode> targets) {
        bulk(entitySet, "UpsertMultiple", targets);
    }

    /** {@code UpdateMultiple}: each target carries its primary key. */
    public void updateMultiple(String entitySet, List<ObjectNode> targets) {
        bulk(entitySet, "UpdateMultiple", targets);
    }

    /** {@code PATCH <set>(<id>)}: an upsert, or with {@code updateOnly} an update that never creates. */
    public void patch(String entitySet, UUID id, ObjectNode body, boolean updateOnly) {
        Map<String, String> headers = updateOnly ? Map.of("If-Match", "*") : Map.of();
        http.send("PATCH", entitySet + "(" + id + ")", body.toString(), headers);
    }

    /** An unbound action ({@code InitializeAnnotationBlocksUpload}, {@code UploadBlock}, …) and its JSON answer (null on 204). */
    public JsonNode action(String name, ObjectNode body) {
        DataverseResponse r = http.send("POST", name, body.toString(), null);
        return r.body() == null || r.body().isBlank() ? null : r.json();
    }

    /** {@code GET <set>(<id>)?$select=…}: the record, or empty when there is none. */
    public java.util.Optional<JsonNode> retrieve(String entitySet, UUID id, String select, boolean lookupAnnotations) {
        try {
            Map<String, String> prefer = lookupAnnotations ? Map.of("Prefer", "odata.include-annotations=\""
                    + "Microsoft.Dynamics.CRM.lookuplogicalname,Microsoft.Dynamics.CRM.associatednavigationproperty\"")
                    : null;
            return java.util.Optional.of(http.get(entitySet + "(" + id + ")?$select=" + select, prefer).json());
        } catch (DataverseException e) {
            if (e.isMissingRecord()) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /** {@code DELETE <set>(<id>)}: true when it deleted the record, false when there was none. */
    public boolean deleteIfPresent(String entitySet, UUID id) {
        try {
            http.send("DELETE", entitySet + "(" + id + ")", null, null);
            return true;
        } catch (DataverseException e) {
            if (e.isMissingRecord()) {
                return false;
            }
            throw e;
        }
    }

    /** {@code DELETE <set>(<id>)}; a record already gone is not an error. */
    public void delete(String entitySet, UUID id) {
        try {
            http.send("DELETE", entitySet + "(" + id + ")", null, null);
        } catch (DataverseException e) {
            if (!e.isMissingRecord()) {
                throw e;
            }
        }
    }

    /**
     * Whether the table supports a bulk message, by the {@code sdkmessagefilters} query Microsoft documents
     * (an empty answer means unsupported). Cached per table and message.
     */
    public boolean supportsBulk(String logicalName, String message) {
        return bulkSupport.computeIfAbsent(logicalName + "/" + message, k -> {
            String path = "sdkmessagefilters?$select=sdkmessagefilterid"
                    + "&$filter=" + encode("sdkmessageid/name eq @message and primaryobjecttypecode eq @table")
                    + "&@message=" + encode("'" + message + "'") + "&@table=" + encode("'" + logicalName + "'");
            return http.get(path, null).json().path("value").size() > 0;
        });
    }

    private void bulk(String entitySet, String message, List<ObjectNode> targets) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("Targets");
        targets.forEach(array::add);
        http.send("POST", entitySet + "/Microsoft.Dynamics.CRM." + message, body.toString(), null, targets.size());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
