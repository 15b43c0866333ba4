package io.gpm2dv.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The records of every table, with the alternate-key indexes. Reads share a lock; every write request runs as
 * one transaction under the exclusive lock with an undo log, so a bulk request is all-or-nothing and no reader
 * ever sees half of it.
 */
public final class RecordStore {
    private final Schema schema;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final Map<String, LinkedHashMap<UUID, ObjectNode>> tables = new HashMap<>();
    /** table → key name → canonical key value → record id. */
    private final Map<String, Map<String, Map<String, UUID>>> keyIndex = new HashMap<>();
    private long version = 1_000_000;
    private Runnable afterCommit = () -> { };
    private final Privileges privileges = new Privileges();
    private final BlockUploads uploads = new BlockUploads();
    /**
     * Lookup columns indexed by the record they point at (table → column), so that what refers to a record is found
     * without a scan: an activity's parties are looked up at every write of the activity, and a scan of all parties
     * made a migration's activity writes cost O(n²) under the write lock (Dataverse indexes lookups).
     */
    private static final Map<String, String> REFERENCE_INDEXED = Map.of("activityparty", "_activityid_value");
    /** table → referenced id (the lookup's value) → ids of the rows referring to it. */
    private final Map<String, Map<String, Set<UUID>>> referenceIndex = new HashMap<>();
    /** "table/id" → committed writes of that record since the last reset: what a client delivered, not what is kept. */
    private final Map<String, Integer> deliveries = new LinkedHashMap<>();

    /** The transaction the current thread is running, so that a change set's requests share one (API §5). */
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    public RecordStore(Schema schema) {
        this.schema = schema;
    }

    private final List<Runnable> onClear = new ArrayList<>();

    /** Runs on every {@link #clear()} (state other classes keep beside the records, e.g. key jobs). */
    void onClear(Runnable hook) {
        onClear.add(hook);
    }

    /** The privileges of callers: environment state, so a reset restores them. */
    public Privileges privileges() {
        return privileges;
    }

    /** The open chunked uploads (API §12.4), forgotten on reset. */
    BlockUploads uploads() {
        return uploads;
    }

    /** The schema (which the metadata API changes under this store's write lock). */
    public Schema schema() {
        return schema;
    }

    /** Runs after every committed write, still under the write lock (state-file persistence). */
    void afterCommit(Runnable hook) {
        this.afterCommit = hook;
    }

    public <T> T read(Function<View, T> work) {
        lock.readLock().lock();
        try {
            return work.apply(new View());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} as one transaction. Called inside another write on the same thread (a change set), it joins
     * that transaction: a failure undoes only its own changes, and nothing commits before the outermost write ends.
     */
    public <T> T write(Function<Tx, T> work) {
        lock.writeLock().lock();
        try {
            Tx outer = current.get();
            Tx tx = outer != null ? outer : new Tx();
            int savepoint = tx.undo.size();
            if (outer == null) {
                current.set(tx);
            }
            try {
                T result = work.apply(tx);
                if (outer == null && !tx.undo.isEmpty()) {
                    tx.written.forEach(w -> deliveries.merge(w, 1, Integer::sum));
                    afterCommit.run();
                }
                return result;
            } catch (RuntimeException e) {
                tx.rollbackTo(savepoint);
                throw e;
            } finally {
                if (outer == null) {
                    current.remove();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Read access to the committed records (or, inside a transaction, to its own writes). */
    public class View {
        public Privileges privileges() {
            return privileges;
        }

        public Optional<ObjectNode> get(String table, UUID id) {
            return Optional.ofNullable(rows(table).get(id));
        }

        public Collection<ObjectNode> all(String table) {
            return rows(table).values();
        }

        /** The rows of {@code table} whose lookup {@code column} holds {@code target}. */
        public List<ObjectNode> referring(String table, String column, UUID target) {
            List<ObjectNode> out = new ArrayList<>();
            String value = target.toString();
            if (column.equals(REFERENCE_INDEXED.get(table))) {
                for (UUID id : referenceIndex.getOrDefault(table, Map.of()).getOrDefault(value, Set.of())) {
                    out.add(rows(table).get(id));
                }
                return out;
            }
            for (ObjectNode r : rows(table).values()) {
                if (value.equals(r.path(column).asText())) {
                    out.add(r);
                }
            }
            return out;
        }

        /** The record whose alternate key {@code key} has these values (column → value), if any. */
        public Optional<UUID> findByKey(String table, KeyDef key, Map<String, JsonNode> values) {
            String canon = canonical(key, values::get);
            return canon == null ? Optional.empty()
                    : Optional.ofNullable(index(table, key.name()).get(canon));
        }

        public Schema schema() {
            return schema;
        }
    }

    /** A write transaction: every change is undone if the request fails. */
    public final class Tx extends View {
        private final Deque<Object[]> undo = new ArrayDeque<>();
        private final List<String> written = new ArrayList<>();

        /** Stores {@code record} (replacing any previous version) after checking every alternate key. */
        public void put(String table, UUID id, ObjectNode record) {
            TableDef t = schema.require(table);
            for (KeyDef key : t.keys()) {
                String canon = canonical(key, record::get);
                UUID holder = canon == null ? null : index(table, key.name()).get(canon);
                if (holder != null && !holder.equals(id)) {
                    throw ApiError.duplicateKey(key);
                }
            }
            undo.push(new Object[] {table, id, rows(table).get(id), Boolean.TRUE});
            written.add(table + "/" + id);
            rawPut(t, id, record);
        }

        public boolean remove(String table, UUID id) {
            ObjectNode old = rows(table).get(id);
            if (old == null) {
                return false;
            }
            undo.push(new Object[] {table, id, old});
            rawRemove(schema.require(table), id);
            return true;
        }

        /** The next row version ({@code versionnumber}, the ETag). */
        public long nextVersion() {
            return ++version;
        }

        /** Registers how to undo a change that is not a record (e.g. a schema change made inside a change set). */
        public void onRollback(Runnable undoIt) {
            undo.push(new Object[] {null, null, undoIt});
        }

        private void rollbackTo(int savepoint) {
            while (undo.size() > savepoint) {
                Object[] u = undo.pop();
                if (u[0] == null) {
                    ((Runnable) u[2]).run();
                    continue;
                }
                if (u.length == 4) {
                    written.remove(written.size() - 1); // an undone put was never delivered
                }
                TableDef t = schema.require((String) u[0]);
                UUID id = (UUID) u[1];
                rawRemove(t, id);
                if (u[2] != null) {
                    rawPut(t, id, (ObjectNode) u[2]);
                }
            }
        }
    }

    private LinkedHashMap<UUID, ObjectNode> rows(String table) {
        if (schema.table(table).isEmpty()) {
            throw new IllegalArgumentException("no table " + table);
        }
        return tables.computeIfAbsent(table, k -> new LinkedHashMap<>());
    }

    private Map<String, UUID> index(String table, String key) {
        return keyIndex.computeIfAbsent(table, k -> new HashMap<>()).computeIfAbsent(key, k -> new HashMap<>());
    }

    /**
     * Indexes the rows of {@code t} for {@code key} (a key that just became Active). Returns false, indexing
     * nothing, when two rows share a value: such a key fails to activate.
     */
    boolean buildIndex(TableDef t, KeyDef key) {
        Map<String, UUID> built = new HashMap<>();
        for (Map.Entry<UUID, ObjectNode> r : rows(t.logicalName()).entrySet()) {
            String canon = canonical(key, r.getValue()::get);
            if (canon != null && built.put(canon, r.getKey()) != null) {
                return false;
            }
        }
        index(t.logicalName(), key.name()).putAll(built);
        return true;
    }

    private void rawPut(TableDef t, UUID id, ObjectNode record) {
        rawRemove(t, id);
        rows(t.logicalName()).put(id, record);
        String referenced = referenceOf(t, record);
        if (referenced != null) {
            referenceIndex.computeIfAbsent(t.logicalName(), k -> new HashMap<>())
                    .computeIfAbsent(referenced, k -> new LinkedHashSet<>()).add(id);
        }
        for (KeyDef key : t.keys()) {
            String canon = canonical(key, record::get);
            if (canon != null) {
                index(t.logicalName(), key.name()).put(canon, id);
            }
        }
    }

    private void rawRemove(TableDef t, UUID id) {
        ObjectNode old = rows(t.logicalName()).remove(id);
        if (old == null) {
            return;
        }
        String referenced = referenceOf(t, old);
        if (referenced != null) {
            Map<String, Set<UUID>> byTarget = referenceIndex.get(t.logicalName());
            Set<UUID> ids = byTarget == null ? null : byTarget.get(referenced);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    byTarget.remove(referenced);
                }
            }
        }
        for (KeyDef key : t.keys()) {
            String canon = canonical(key, old::get);
            if (canon != null) {
                index(t.logicalName(), key.name()).remove(canon, id);
            }
        }
    }

    /** The value of {@code t}'s reference-indexed lookup in {@code record}, or null. */
    private static String referenceOf(TableDef t, ObjectNode record) {
        String column = REFERENCE_INDEXED.get(t.logicalName());
        JsonNode v = column == null ? null : record.get(column);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * The index entry of a key: its values joined, case-folded because Dataverse's collation is
     * case-insensitive. Null when a key column is empty (such rows are not indexed, so many may lack a value).
     */
    static String canonical(KeyDef key, Function<String, JsonNode> valueOf) {
        List<String> parts = new ArrayList<>();
        for (String column : key.columns()) {
            JsonNode v = valueOf.apply(column);
            if (v == null || v.isNull() || v.isMissingNode()) {
                return null;
            }
            parts.add(v.asText().toLowerCase(Locale.ROOT));
        }
        return String.join("\u0001", parts);
    }

    /** Every record, by table, for the state dump and the state file. */
    public ObjectNode toJson() {
        return read(view -> {
            ObjectNode root = ApiResponse.JSON.createObjectNode();
            root.put("version", version);
            root.set("schema", schema.extensions());
            ObjectNode all = root.putObject("tables");
            for (TableDef t : schema.tables()) {
                ObjectNode rows = all.putObject(t.logicalName());
                rows(t.logicalName()).forEach((id, r) -> rows.set(id.toString(), r.deepCopy()));
            }
            return root;
        });
    }

    /** Replaces or adds the records in {@code state} (the {@link #toJson()} shape); unknown tables are refused. */
    void load(JsonNode state) {
        lock.writeLock().lock();
        try {
            version = Math.max(version, state.path("version").asLong(version));
            for (JsonNode change : state.path("schema")) {
                schema.apply((ObjectNode) change); // before the records, which rawPut indexes by every key
            }
            state.path("tables").fields().forEachRemaining(e -> {
                TableDef t = schema.table(e.getKey())
                        .orElseThrow(() -> new IllegalStateException("state file names unknown table " + e.getKey()));
                e.getValue().fields().forEachRemaining(r -> rawPut(t, UUID.fromString(r.getKey()), (ObjectNode) r.getValue()));
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Committed writes per record ("table/id" → count) since the last reset; seeding is not counted. */
    public Map<String, Integer> deliveries() {
        return read(view -> new LinkedHashMap<>(deliveries));
    }

    void forgetDeliveries() {
        lock.writeLock().lock();
        try {
            deliveries.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    void clear() {
        lock.writeLock().lock();
        try {
            tables.clear();
            keyIndex.clear();
            referenceIndex.clear();
            schema.reset();
            privileges.reset();
            uploads.reset();
            onClear.forEach(Runnable::run);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
