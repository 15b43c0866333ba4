package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Alternate keys created through the metadata API (API §15.4). Index creation is an asynchronous job: a key
 * reports {@code Pending}, then {@code InProgress}, then {@code Active} — or {@code Failed} when rows already share
 * a value. Each read of the table's keys advances it one step, and any request settles keys older than
 * {@code gpm2dv.emulator.keyActivationMillis} (default 10000). Until Active the key cannot address records
 * (community-reported; the refusal is the emulator's "key not valid" 400).
 */
final class KeyJobs {
    static final long ACTIVATION_MILLIS = Long.getLong("gpm2dv.emulator.keyActivationMillis", 10_000);
    private static final Set<ColumnType> KEYABLE = Set.of(ColumnType.Decimal, ColumnType.Integer, ColumnType.String,
            ColumnType.DateTime, ColumnType.DateOnly, ColumnType.Lookup, ColumnType.Picklist);
    private static final String[] STATUS = {"Pending", "InProgress", "Active", "Failed"};

    /** One key's job; {@code status} indexes {@link #STATUS}. */
    private static final class Job {
        final String table;
        final String schemaName;
        final List<String> columns;
        final long created = System.currentTimeMillis();
        final UUID metadataId = UUID.randomUUID();
        int status;
        int polls;

        Job(String table, String schemaName, List<String> columns) {
            this.table = table;
            this.schemaName = schemaName;
            this.columns = columns;
        }
    }

    private final RecordStore store;
    private final List<Job> jobs = new ArrayList<>();

    KeyJobs(RecordStore store) {
        this.store = store;
    }

    /** Starts building a key; returns its MetadataId. Every method runs under the store's write lock only. */
    UUID create(TableDef t, ObjectNode body) {
        return store.write(tx -> createLocked(t, body));
    }

    private UUID createLocked(TableDef t, ObjectNode body) {
        AttributeMetadata.logicalName(body.get("SchemaName"), "key");
        String name = body.get("SchemaName").asText();
        List<String> columns = new ArrayList<>();
        for (JsonNode c : body.path("KeyAttributes")) {
            ColumnDef col = t.column(c.asText()).orElseThrow(() -> AttributeMetadata.invalid(
                    "The key attribute '" + c.asText() + "' does not exist on the entity '" + t.logicalName() + "'."));
            if (!KEYABLE.contains(col.type())) {
                throw AttributeMetadata.invalid("The attribute '" + c.asText() + "' of type " + col.type()
                        + " cannot be part of a key.");
            }
            columns.add(col.name());
        }
        if (columns.isEmpty() || columns.size() > 16) {
            throw AttributeMetadata.invalid("A key needs between 1 and 16 'KeyAttributes'.");
        }
        long existing = t.keys().size() + jobs.stream().filter(j -> j.table.equals(t.logicalName()) && j.status < 2).count();
        if (existing >= 10) {
            throw AttributeMetadata.invalid("The entity '" + t.logicalName() + "' already has the maximum of 10 keys.");
        }
        boolean taken = t.keys().stream().anyMatch(k -> k.name().equalsIgnoreCase(name))
                || jobs.stream().anyMatch(j -> j.table.equals(t.logicalName()) && j.schemaName.equalsIgnoreCase(name) && j.status != 3);
        if (taken) {
            throw AttributeMetadata.invalid("A key with the SchemaName '" + name + "' already exists on the entity '"
                    + t.logicalName() + "'.");
        }
        Job j = new Job(t.logicalName(), name, List.copyOf(columns));
        jobs.add(j);
        return j.metadataId;
    }

    /** The keys of {@code t} as EntityKeyMetadata, advancing each building key one step (a poll). */
    List<ObjectNode> list(TableDef t) {
        return store.write(tx -> listLocked(tx.schema().require(t.logicalName())));
    }

    private List<ObjectNode> listLocked(TableDef t) {
        List<ObjectNode> out = new ArrayList<>();
        for (KeyDef k : t.keys()) {
            if (jobs.stream().noneMatch(j -> j.table.equals(t.logicalName()) && j.schemaName.equals(k.name()))) {
                out.add(render(t, k.name(), k.columns(), "Active", Identity.named("key:" + t.logicalName() + "." + k.name())));
            }
        }
        for (Job j : jobs) {
            if (j.table.equals(t.logicalName())) {
                if (j.status == 1 && j.polls >= 2) {
                    advance(j, 2);
                }
                out.add(render(t, j.schemaName, j.columns, STATUS[j.status], j.metadataId));
                j.polls++;
                if (j.status == 0) {
                    j.status = 1;
                }
            }
        }
        return out;
    }

    /** Activates (or fails) every key whose job has run long enough. */
    void settle() {
        long now = System.currentTimeMillis();
        store.write(tx -> {
            for (Job j : jobs) {
                if (j.status < 2 && now - j.created >= ACTIVATION_MILLIS) {
                    advance(j, 2);
                }
            }
            return null;
        });
    }

    /** Whether any key is still being built (so that requests need not take the write lock to settle). */
    boolean building() {
        return store.read(view -> jobs.stream().anyMatch(j -> j.status < 2));
    }

    private void advance(Job j, int to) {
        if (to < 2) {
            j.status = to;
            return;
        }
        store.write(tx -> {
            TableDef t = tx.schema().require(j.table);
            KeyDef key = new KeyDef(j.schemaName, j.columns);
            if (!store.buildIndex(t, key)) {
                j.status = 3; // existing duplicates block activation
                return null;
            }
            ObjectNode change = ApiResponse.JSON.createObjectNode();
            change.put("op", "key").put("table", j.table).put("name", j.schemaName);
            j.columns.forEach(change.putArray("columns")::add);
            tx.schema().apply(change);
            j.status = 2;
            return null;
        });
    }

    private static ObjectNode render(TableDef t, String name, List<String> columns, String status, UUID id) {
        ObjectNode k = ApiResponse.JSON.createObjectNode();
        k.put("@odata.type", "#Microsoft.Dynamics.CRM.EntityKeyMetadata");
        k.put("MetadataId", id.toString());
        k.put("SchemaName", name);
        k.put("LogicalName", name.toLowerCase(Locale.ROOT));
        k.put("EntityLogicalName", t.logicalName());
        columns.forEach(k.putArray("KeyAttributes")::add);
        k.put("EntityKeyIndexStatus", status);
        return k;
    }

    void reset() {
        store.write(tx -> {
            jobs.clear();
            return null;
        });
    }
}
