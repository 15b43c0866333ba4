package io.gpm2dv.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads written records back in pages and compares them: records are taken one at a time (object by object), held
 * in a chunk per table and read by id with only the columns they sent; parties are read for the chunk's activities.
 * Each column's check goes to the consumer; the summary counts them. Holds one chunk at a time, no run's keys.
 */
public final class ReadBack implements AutoCloseable {
    /** Where a table is read: entity set and primary key. */
    public record TableRef(String entitySet, String primaryKey) {
    }

    static final int MAX_EXAMPLES = 20;

    private final TargetReader reader;
    private final Function<String, TableRef> tables;
    private final int chunkSize;
    private final int fileChunkSize;
    private final Consumer<ColumnCheck> each;
    /** A chunk per table of the object being read (an object's variants and notes share its key range). */
    private final Map<String, List<SentRecord>> chunks = new java.util.LinkedHashMap<>();
    private final Map<String, Integer> filesInChunk = new HashMap<>();
    private String object;
    private long checked;
    private long columns;
    private long mismatches;
    private final Map<String, Long> perObject = new TreeMap<>();
    private final List<VerificationSummary.Example> examples = new ArrayList<>();

    public ReadBack(TargetReader reader, Function<String, TableRef> tables, int chunkSize, int fileChunkSize,
            Consumer<ColumnCheck> each) {
        this.reader = reader;
        this.tables = tables;
        this.chunkSize = chunkSize;
        this.fileChunkSize = fileChunkSize;
        this.each = each;
    }

    /**
     * Takes the next written record; reads and compares its table's chunk when it is full, and every chunk when the
     * object changes (so the checks come object by object).
     */
    public void accept(SentRecord r) {
        if (object != null && !object.equals(r.object())) {
            flushAll();
        }
        object = r.object();
        List<SentRecord> chunk = chunks.computeIfAbsent(r.table(), t -> new ArrayList<>());
        chunk.add(r);
        int files = filesInChunk.merge(r.table(), r.sent().has(ColumnComparison.FILE) ? 1 : 0, Integer::sum);
        if (chunk.size() >= chunkSize || files >= fileChunkSize) {
            flush(r.table(), chunk);
        }
    }

    /** Reads and compares what is left, and returns the summary. */
    public VerificationSummary finish() {
        flushAll();
        return new VerificationSummary(checked, columns, mismatches, Map.copyOf(perObject), List.copyOf(examples));
    }

    @Override
    public void close() {
        flushAll();
    }

    private void flushAll() {
        chunks.forEach(this::flush);
    }

    private void flush(String table, List<SentRecord> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        TableRef ref = tables.apply(table);
        Set<String> select = new LinkedHashSet<>();
        select.add(ref.primaryKey());
        boolean withParties = false;
        List<UUID> ids = new ArrayList<>();
        for (SentRecord r : chunk) {
            ids.add(r.id());
            for (ColumnComparison.Column c : ColumnComparison.columns(table, r.sent())) {
                if (c.kind() == ColumnComparison.Kind.PARTIES) {
                    withParties = true;
                } else {
                    select.add(c.readName());
                }
            }
        }
        Map<UUID, JsonNode> rows = reader.rows(ref.entitySet(), ref.primaryKey(), ids, String.join(",", select));
        Map<UUID, List<JsonNode>> parties = withParties ? reader.parties(ids) : Map.of();
        for (SentRecord r : chunk) {
            checked++;
            for (ColumnCheck c : ColumnComparison.compare(r, rows.get(r.id()), parties.getOrDefault(r.id(), List.of()))) {
                columns++;
                if (!c.matches()) {
                    mismatches++;
                    perObject.merge(c.object(), 1L, Long::sum);
                    if (examples.size() < MAX_EXAMPLES) {
                        examples.add(new VerificationSummary.Example(c.object(), c.key(), c.column(), c.sentKind(), c.readKind()));
                    }
                }
                each.accept(c);
            }
        }
        chunk.clear();
        filesInChunk.put(table, 0);
    }
}
