package io.gpm2dv.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Dataverse record to write, as it travels {@code dv.<table>.mapped} → owner resolution →
 * {@code dv.<table>.ready} → sink. The mapper fills the columns; owner resolution adds the owner and any
 * directory lookups (root business unit, matched system user); the sink adds the create-only columns.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TargetRecord {
    /** Owner decided by the practitioner named in the row, the configured fallback owner, or none (the table has no owner). */
    public enum OwnerRule { PRACTITIONER, FALLBACK, NONE }

    public String runId;
    public int runNumber;
    /** Pipeline object the record comes from ({@code clients}, {@code sites}, …). */
    public String object;
    /** Migration key, e.g. {@code client-1042}; also the Kafka message key. */
    public String key;
    public String sourceFile;
    public long sourceRow;

    public String table;
    public String entitySet;
    public String primaryKey;
    /** Deterministic record id; for system users it is the matched user, set by owner resolution. */
    public UUID id;

    /** Column values and {@code <navigation>@odata.bind} entries, as sent to Dataverse. */
    public ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    /** Columns valid only on create ({@code overriddencreatedon}); the sink drops them on update. */
    public ObjectNode createOnly = JsonNodeFactory.instance.objectNode();
    /** Lookups to records of this migration: a child is never written before these exist. */
    public List<ParentRef> parents = new ArrayList<>();
    /** Lookups resolved against the target's directory by owner resolution (e.g. the root business unit). */
    public List<DirectoryRef> directoryRefs = new ArrayList<>();
    /** Desired statecode/statuscode, applied by a second write after the data columns (API §10). */
    public StateChange state;

    public OwnerRule ownerRule = OwnerRule.NONE;
    public Long ownerPractitionerId;
    /** Set by owner resolution: how the owner was found (see {@code owner.OwnerOutcome}). */
    public String ownerOutcome;

    /** Update an existing record only, never create one (system users are matched, not migrated). */
    public boolean updateOnly;
    /** For system users: the practitioner whose matched user this record updates. */
    public Long matchPractitionerId;

    /** A lookup to another record of the migration, bound by that record's deterministic id. */
    public record ParentRef(String navigation, String entitySet, UUID id, String key) {
    }

    /** A lookup owner resolution fills in, e.g. {@code parentbusinessunitid} → {@code root-businessunit}. */
    public record DirectoryRef(String navigation, String entitySet, String directoryKey) {
    }

    public record StateChange(int statecode, int statuscode) {
    }

    /** The columns this record sends (bind keys without their {@code @odata.bind} suffix). */
    public java.util.Set<String> columnNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        attributes.fieldNames().forEachRemaining(n -> names.add(n.replace("@odata.bind", "")));
        createOnly.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The {@code @odata.bind} value addressing this record. */
    public String bindPath() {
        return "/" + entitySet + "(" + id + ")";
    }
}
