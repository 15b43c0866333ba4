package io.gpm2dv.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.dataverse.DataverseClient;

/** The verifier's reads through the product's Dataverse client (retries, throttling, token renewal included). */
@ApplicationScoped
public class DataverseTargetReader implements TargetReader {
    @Inject
    DataverseClient dataverse;

    @Override
    public Map<UUID, JsonNode> rows(String entitySet, String primaryKey, Collection<UUID> ids, String select) {
        return dataverse.retrieveExisting(entitySet, primaryKey, ids, select, Math.max(1, ids.size()));
    }

    @Override
    public Map<UUID, List<JsonNode>> parties(Collection<UUID> activityIds) {
        Map<UUID, List<JsonNode>> out = new HashMap<>();
        if (activityIds.isEmpty()) {
            return out;
        }
        String filter = String.join(" or ", activityIds.stream().map(id -> "_activityid_value eq " + id).toList());
        dataverse.queryAll("activityparties", PARTY_SELECT, filter, row -> out.computeIfAbsent(
                UUID.fromString(row.path("_activityid_value").asText()), k -> new ArrayList<>()).add(row));
        return out;
    }
}
