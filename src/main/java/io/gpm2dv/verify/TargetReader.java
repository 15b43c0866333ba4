package io.gpm2dv.verify;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** How the verifier reads Dataverse: records by id with the columns asked for, and the parties of activities. */
public interface TargetReader {
    /** The rows among {@code ids} that exist, with the {@code select}ed columns, keyed by id. */
    Map<UUID, JsonNode> rows(String entitySet, String primaryKey, Collection<UUID> ids, String select);

    /**
     * The activity parties of {@code activityIds}, read from the {@code activityparties} table (the emulator has no
     * {@code $expand}): each with {@code _activityid_value}, {@code _partyid_value}, {@code addressused} and
     * {@code participationtypemask}.
     */
    Map<UUID, List<JsonNode>> parties(Collection<UUID> activityIds);

    /** The select of {@link #parties}. */
    String PARTY_SELECT = "_activityid_value,_partyid_value,addressused,participationtypemask";
}
