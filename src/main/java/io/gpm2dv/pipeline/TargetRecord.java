package io.gpm2dv.pipeline;

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

    /** Whether the table has the run tag {@code importsequencenumber} (email attachments have none). */
    public boolean runTag = true;
    /**
     * The practice-side activity party owner resolution adds (appointment organizer, email sender or recipient);
     * the client side is already in {@link #attributes}.
     */
    public UserParty userParty;
    /** Activities: column that keeps {@link #practitionerLabel} when the fallback owner stands in for the practitioner. */
    public String practitionerColumn;
    /** {@code "<display_name> (GPM <id>)"}, or {@code "Unknown practitioner (GPM <id>)"}. */
    public String practitionerLabel;
    /** A file the sink streams into the record (a document), instead of bytes in the message. */
    public FileRef file;

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

    /**
     * A practice-side party: {@code user} is {@code owner} (the record's owner, fallback included) or
     * {@code practitioner} (only a resolved practitioner's user; else {@code address} as {@code addressused}).
     */
    public record UserParty(String collection, int mask, String user, String address) {
    }

    /**
     * A document's bytes in the export package: path relative to the export root, size and SHA-256 as
     * documents.csv states them, and the column that takes them ({@code documentbody}, {@code body}).
     */
    public record FileRef(String path, long size, String sha256, String column) {
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
