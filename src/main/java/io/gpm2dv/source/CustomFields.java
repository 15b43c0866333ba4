package io.gpm2dv.source;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The export's custom form fields (export format §8.13–8.14): every definition, and the values grouped by the entity
 * they belong to ({@code CLIENT 1042} → its values), read once. The definitions are few and kept as objects; the
 * values, one or more per row of the files they belong to, are encoded once into {@link OffHeap} memory with a sorted
 * {@link LongColumn} of entity ids per entity type, and decoded when a row asks for its own: the heap holds none of
 * them for the whole run (issue 12).
 */
public final class CustomFields {
    /** One custom_field_definitions row. */
    public record Definition(long id, String fieldKey, String label, String appliesTo, String formName, String dataType,
            boolean multiSelect, boolean allowFreeText, boolean includesTime, List<String> options, Integer maxLength,
            Integer decimalPlaces, Integer displayOrder, boolean active) {

        /** The custom column the field becomes: {@code new_cf_<field_key>}. */
        public String column() {
            return "new_cf_" + fieldKey;
        }
    }

    /** One custom_field_values row; personal data: never logged. */
    public record Value(long id, long fieldId, String entityType, long entityId, Long formEntryId, OffsetDateTime recordedAt,
            String raw, String parseStatus, String text, BigDecimal number, String date, Boolean bool, List<String> options) {
    }

    /** Entity type of each export file that custom values may belong to (CF_ENTITY codes). */
    public static final Map<GpmFile, String> ENTITY_OF_FILE = Map.of(GpmFile.CLIENTS, "CLIENT", GpmFile.APPOINTMENTS,
            "APPOINTMENT", GpmFile.PRACTITIONERS, "PRACTITIONER", GpmFile.CONDITIONS, "CONDITION");

    /** The values of one entity type: entity ids ascending, and where each one's values start in the encoded bytes. */
    private record EntityValues(LongColumn entityIds, LongColumn starts) {
    }

    private final Map<Long, Definition> definitions;
    private final Map<String, EntityValues> values = new TreeMap<>();
    private final Map<Long, Long> countByField = new HashMap<>();
    private final ByteBuffer encoded;

    public CustomFields(Collection<Definition> definitions, Collection<Value> values) {
        Map<Long, Definition> defs = new LinkedHashMap<>();
        definitions.stream().sorted(Comparator.comparing((Definition d) -> d.displayOrder() == null ? Integer.MAX_VALUE
                : d.displayOrder()).thenComparingLong(Definition::id)).forEach(d -> defs.put(d.id(), d));
        this.definitions = defs;
        // stable: one entity's values keep the export's order
        List<Value> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(Value::entityType).thenComparingLong(Value::entityId));
        ValueCodec.Writer out = new ValueCodec.Writer();
        for (int i = 0; i < sorted.size(); ) {
            String type = sorted.get(i).entityType();
            long[] ids = new long[16];
            long[] starts = new long[17];
            int n = 0;
            for (; i < sorted.size() && sorted.get(i).entityType().equals(type); i++) {
                Value v = sorted.get(i);
                if (n == 0 || ids[n - 1] != v.entityId()) {
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                        starts = Arrays.copyOf(starts, n * 2 + 1);
                    }
                    ids[n] = v.entityId();
                    starts[n++] = out.size();
                }
                out.write(v);
                countByField.merge(v.fieldId(), 1L, Long::sum);
            }
            starts[n] = out.size();
            this.values.put(type, new EntityValues(LongColumn.of(ids, n), LongColumn.of(starts, n + 1)));
        }
        this.encoded = out.finish();
    }

    public static CustomFields none() {
        return new CustomFields(List.of(), List.of());
    }

    static Definition definition(SourceRow r) {
        return new Definition(r.id(), r.get("field_key"), r.get("label"), r.get("applies_to"), r.get("form_name"),
                r.get("data_type"), Boolean.TRUE.equals(r.bool("is_multi_select")), Boolean.TRUE.equals(r.bool("allow_free_text")),
                Boolean.TRUE.equals(r.bool("includes_time")),
                r.isNull("picklist_options") ? List.of() : List.copyOf(r.stringArray("picklist_options")),
                r.integer("max_length"), r.integer("decimal_places"), r.integer("display_order"),
                Boolean.TRUE.equals(r.bool("is_active")));
    }

    static Value value(SourceRow r) {
        return new Value(r.id(), r.longValue("custom_field_id"), r.get("entity_type"), r.longValue("entity_id"),
                r.longValue("form_entry_id"), r.isNull("recorded_at") ? null : r.timestamp("recorded_at"), r.get("value_raw"),
                r.get("parse_status"), r.get("value_text"), r.isNull("value_number") ? null : r.decimal("value_number"),
                r.get("value_date"), r.bool("value_boolean"),
                r.isNull("value_options") ? null : List.copyOf(r.stringArray("value_options")));
    }

    /** Every definition, in display order. */
    public Collection<Definition> definitions() {
        return definitions.values();
    }

    public Definition definition(long id) {
        return definitions.get(id);
    }

    /** The values recorded for one entity ({@code CLIENT}, 1042), in the export's order; empty when none. */
    public List<Value> valuesOf(String entityType, long entityId) {
        EntityValues of = values.get(entityType);
        int i = of == null ? -1 : of.entityIds().binarySearch(entityId);
        if (i < 0) {
            return List.of();
        }
        List<Value> out = new ArrayList<>(2);
        ValueCodec.read(encoded, entityType, (int) of.starts().get(i), (int) of.starts().get(i + 1), out::add);
        return out;
    }

    /** The ids of the entities of one type that have values, ascending. */
    public long[] entityIds(String entityType) {
        EntityValues of = values.get(entityType);
        return of == null ? new long[0] : of.entityIds().range(0, of.entityIds().size());
    }

    /** Every value, by entity type in name order, then entity id ascending (orphan reports and samples walk them). */
    public void forEachValue(Consumer<Value> each) {
        values.forEach((type, of) -> ValueCodec.read(encoded, type, (int) of.starts().get(0),
                (int) of.starts().get(of.entityIds().size()), each));
    }

    /** How many values the export holds for a field. */
    public long countOf(long fieldId) {
        return countByField.getOrDefault(fieldId, 0L);
    }
}
