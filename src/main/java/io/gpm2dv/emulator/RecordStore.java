package io.gpm2dv.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    public RecordStore(Schema schema) {
        this.schema = schema;
        for (TableDef t : schema.tables()) {
            tables.put(t.logicalName(), new LinkedHashMap<>());
            Map<String, Map<String, UUID>> byKey = new HashMap<>();
            t.keys().forEach(k -> byKey.put(k.name(), new HashMap<>()));
            keyIndex.put(t.logicalName(), byKey);
        }
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

    public <T> T write(Function<Tx, T> work) {
        lock.writeLock().lock();
        try {
            Tx tx = new Tx();
            try {
                T result = work.apply(tx);
                if (!tx.undo.isEmpty()) {
                    afterCommit.run();
                }
                return result;
            } catch (RuntimeException e) {
                tx.rollback();
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Read access to the committed records (or, inside a transaction, to its own writes). */
    public class View {
        public Optional<ObjectNode> get(String table, UUID id) {
            return Optional.ofNullable(rows(table).get(id));
        }

        public Collection<ObjectNode> all(String table) {
            return rows(table).values();
        }

        /** The record whose alternate key {@code key} has these values (column → value), if any. */
        public Optional<UUID> findByKey(String table, KeyDef key, Map<String, JsonNode> values) {
            String canon = canonical(key, values::get);
            return canon == null ? Optional.empty()
                    : Optional.ofNullable(keyIndex.get(table).get(key.name()).get(canon));
        }

        public Schema schema() {
            return schema;
        }
    }

    /** A write transaction: every change is undone if the request fails. */
    public final class Tx extends View {
        private final Deque<Object[]> undo = new ArrayDeque<>();

        /** Stores {@code record} (replacing any previous version) after checking every alternate key. */
        public void put(String table, UUID id, ObjectNode record) {
            TableDef t = schema.require(table);
            for (KeyDef key : t.keys()) {
                String canon = canonical(key, record::get);
                UUID holder = canon == null ? null : keyIndex.get(table).get(key.name()).get(canon);
                if (holder != null && !holder.equals(id)) {
                    throw ApiError.duplicateKey(key);
                }
            }
            undo.push(new Object[] {table, id, rows(table).get(id)});
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

        private void rollback() {
            while (!undo.isEmpty()) {
                Object[] u = undo.pop();
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
        LinkedHashMap<UUID, ObjectNode> rows = tables.get(table);
        if (rows == null) {
            throw new IllegalArgumentException("no table " + table);
        }
        return rows;
    }

    private void rawPut(TableDef t, UUID id, ObjectNode record) {
        rawRemove(t, id);
        rows(t.logicalName()).put(id, record);
        for (KeyDef key : t.keys()) {
            String canon = canonical(key, record::get);
            if (canon != null) {
                keyIndex.get(t.logicalName()).get(key.name()).put(canon, id);
            }
        }
    }

    private void rawRemove(TableDef t, UUID id) {
        ObjectNode old = rows(t.logicalName()).remove(id);
        if (old == null) {
            return;
        }
        for (KeyDef key : t.keys()) {
            String canon = canonical(key, old::get);
            if (canon != null) {
                keyIndex.get(t.logicalName()).get(key.name()).remove(canon, id);
            }
        }
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
            state.path("tables").fields().forEachRemaining(e -> {
                TableDef t = schema.table(e.getKey())
                        .orElseThrow(() -> new IllegalStateException("state file names unknown table " + e.getKey()));
                e.getValue().fields().forEachRemaining(r -> rawPut(t, UUID.fromString(r.getKey()), (ObjectNode) r.getValue()));
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    void clear() {
        lock.writeLock().lock();
        try {
            tables.values().forEach(Map::clear);
            keyIndex.values().forEach(byKey -> byKey.values().forEach(Map::clear));
        } finally {
            lock.writeLock().unlock();
        }
    }
}
