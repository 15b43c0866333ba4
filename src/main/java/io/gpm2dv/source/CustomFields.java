package io.gpm2dv.source;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export's custom form fields (export format §8.13–8.14): every definition, and the values grouped by the entity
 * they belong to ({@code CLIENT 1042} → its values), read once. Memory grows with the number of values, not with the
 * rows of the files the values belong to.
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

    private final Map<Long, Definition> definitions;
    private final Map<String, Map<Long, List<Value>>> values;

    public CustomFields(Collection<Definition> definitions, Collection<Value> values) {
        Map<Long, Definition> defs = new LinkedHashMap<>();
        definitions.stream().sorted(Comparator.comparing((Definition d) -> d.displayOrder() == null ? Integer.MAX_VALUE
                : d.displayOrder()).thenComparingLong(Definition::id)).forEach(d -> defs.put(d.id(), d));
        this.definitions = defs;
        Map<String, Map<Long, List<Value>>> byEntity = new HashMap<>();
        for (Value v : values) {
            byEntity.computeIfAbsent(v.entityType(), k -> new HashMap<>())
                    .computeIfAbsent(v.entityId(), k -> new ArrayList<>(2)).add(v);
        }
        this.values = byEntity;
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

    /** The values recorded for one entity ({@code CLIENT}, 1042); empty when none. */
    public List<Value> valuesOf(String entityType, long entityId) {
        return values.getOrDefault(entityType, Map.of()).getOrDefault(entityId, List.of());
    }

    /** Every value, grouped by entity type and id (orphan reporting walks them). */
    public Map<String, Map<Long, List<Value>>> byEntity() {
        return values;
    }
}
