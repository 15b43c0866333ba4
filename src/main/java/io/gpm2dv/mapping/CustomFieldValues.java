package io.gpm2dv.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.gpm2dv.mapping.MappingSpec.ObjectMap;
import io.gpm2dv.source.CustomFields;
import io.gpm2dv.source.CustomFields.Definition;
import io.gpm2dv.source.CustomFields.Value;
import io.gpm2dv.source.SourceRow;

/**
 * Custom form field values (export format §8.14) on the record of the entity they belong to: each field is the
 * column {@code new_cf_<field_key>} of the table of the object its {@code applies_to} names. A value that does not
 * fit its column (INVALID parse status, a picklist answer that is not an option, text over MaxLength, a number out
 * of range) leaves the column empty and goes with its raw text into the record's {@code -unmapped} note, and the
 * report lists it. Of several form entries for one field and record the latest {@code recorded_at} wins; the
 * earlier ones are kept in the note.
 */
public final class CustomFieldValues {
    /** Which pipeline object carries the custom fields of each CF_ENTITY (by object name, so new objects need no code). */
    public static final Map<String, String> OBJECT_OF_ENTITY = Map.of("CLIENT", "clients", "APPOINTMENT", "appointments",
            "PRACTITIONER", "practitioners", "CONDITION", "conditions");
    /** String columns take at most 4,000 characters; a longer TEXT field is a Memo column. */
    public static final int STRING_MAX = 4000;
    /** MaxLength of a TEXT field without max_length. */
    public static final int DEFAULT_TEXT_MAX = 4000;
    /** Dataverse's Decimal range. */
    public static final BigDecimal DECIMAL_LIMIT = new BigDecimal("100000000000");
    public static final int FIRST_OPTION = 100_000_000;

    public static final String CF_INVALID = "CF_INVALID";
    public static final String CF_NOT_AN_OPTION = "CF_NOT_AN_OPTION";
    public static final String CF_FREE_TEXT = "CF_FREE_TEXT";
    public static final String CF_TOO_LONG = "CF_TOO_LONG";
    public static final String CF_OUT_OF_RANGE = "CF_OUT_OF_RANGE";
    public static final String CF_SUPERSEDED = "CF_SUPERSEDED";
    public static final String CF_NO_COLUMN = "CF_NO_COLUMN";

    private static final Comparator<Value> LATEST_LAST = Comparator
            .comparing((Value v) -> v.recordedAt() == null ? null : v.recordedAt().toInstant(),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Value::id);

    private CustomFieldValues() {
    }

    /** What a value becomes: the column's Web API value, or why it cannot go there (null value). */
    public record Converted(JsonNode value, String why, String code) {
        static Converted of(JsonNode v) {
            return new Converted(v, null, null);
        }

        static Converted unfit(String why, String code) {
            return new Converted(null, why, code);
        }
    }

    /** The CF_ENTITY whose fields {@code object} carries, or null. */
    public static String entityOf(String object) {
        return OBJECT_OF_ENTITY.entrySet().stream().filter(e -> e.getValue().equals(object)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** MaxLength of a TEXT field's column. */
    public static int textMax(Definition d) {
        return d.maxLength() == null || d.maxLength() <= 0 ? DEFAULT_TEXT_MAX : d.maxLength();
    }

    /**
     * Puts the row's custom values on the draft: {@code base} is the object's own shape (whose table has the
     * columns), {@code shape} the one this row takes; a variant on another table (a QUICK appointment's task) has no
     * such columns, so its values go to the note.
     */
    static void apply(CustomFields fields, Map<String, MappingSpec.CustomFieldTarget> targets, ObjectMap base,
            ObjectMap shape, SourceRow row, RecordDraft draft) {
        String entity = entityOf(base.object());
        if (entity == null) {
            return;
        }
        List<Value> values = fields.valuesOf(entity, row.id());
        if (values.isEmpty()) {
            return;
        }
        boolean hasColumns = shape.table().equals(base.table());
        List<Value> sorted = new ArrayList<>(values);
        sorted.sort(LATEST_LAST);
        for (int i = 0; i < sorted.size(); i++) {
            Value v = sorted.get(i);
            Definition d = fields.definition(v.fieldId());
            if (d == null || "EMPTY".equals(v.parseStatus())) {
                continue;
            }
            String label = "custom field " + d.fieldKey() + " (" + d.label() + ")";
            MappingSpec.CustomFieldTarget onto = targets.get(d.fieldKey());
            String column = onto == null ? d.column() : onto.target();
            boolean superseded = sorted.subList(i + 1, sorted.size()).stream()
                    .anyMatch(later -> later.fieldId() == v.fieldId() && !"EMPTY".equals(later.parseStatus()));
            if (superseded) {
                draft.unmapped(label, v.raw(), "earlier form entry, a later one is on the column", CF_SUPERSEDED, column);
                continue;
            }
            if (!hasColumns) {
                draft.unmapped(label, v.raw(), "this record is a " + shape.table() + ", which has no such column",
                        CF_NO_COLUMN, column);
                continue;
            }
            Converted c = onto == null ? convert(d, v) : convertOnto(d, v, onto);
            if (c.value() == null) {
                draft.unmapped(label, v.raw(), c.why(), c.code(), column);
                draft.attributes.putNull(column); // left empty, never a guess
            } else {
                draft.attributes.set(column, c.value());
            }
        }
    }

    /**
     * A value for an existing column: as for its own column, except that a Choice answer takes the option value the map
     * gives for its label (a label the map does not give is not guessed).
     */
    static Converted convertOnto(Definition d, Value v, MappingSpec.CustomFieldTarget onto) {
        Converted c = convert(d, v);
        if (c.value() == null || !"PICKLIST".equals(d.dataType()) || onto.values() == null) {
            return c;
        }
        List<String> values = new ArrayList<>();
        for (String o : v.options()) {
            Integer value = onto.values().get(o);
            if (value == null) {
                return Converted.unfit("not among the options the map gives for " + onto.target(), CF_NOT_AN_OPTION);
            }
            values.add(value.toString());
        }
        return Converted.of(d.multiSelect() ? JsonNodeFactory.instance.textNode(String.join(",", values))
                : JsonNodeFactory.instance.numberNode(Integer.parseInt(values.get(0))));
    }

    /** The column value of one OK value, or why it does not fit (parse status INVALID included). */
    public static Converted convert(Definition d, Value v) {
        if (!"OK".equals(v.parseStatus())) {
            return Converted.unfit("not a valid " + d.dataType().toLowerCase() + " in Gensolve", CF_INVALID);
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        switch (d.dataType()) {
            case "TEXT" -> {
                String text = v.text() == null ? v.raw() : v.text();
                if (text.codePointCount(0, text.length()) > textMax(d)) {
                    return Converted.unfit("longer than the column's " + textMax(d) + " characters", CF_TOO_LONG);
                }
                return Converted.of(json.textNode(text));
            }
            case "NUMBER" -> {
                if (v.number() == null) {
                    return Converted.unfit("no number", CF_INVALID);
                }
                int places = d.decimalPlaces() == null ? 2 : d.decimalPlaces();
                BigDecimal n;
                try {
                    n = v.number().setScale(places, java.math.RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    return Converted.unfit("more than " + places + " decimal places", CF_OUT_OF_RANGE);
                }
                if (n.abs().compareTo(DECIMAL_LIMIT) > 0) {
                    return Converted.unfit("outside the column's range", CF_OUT_OF_RANGE);
                }
                return Converted.of(json.numberNode(n));
            }
            case "DATE" -> {
                if (v.date() == null) {
                    return Converted.unfit("no date", CF_INVALID);
                }
                try {
                    return Converted.of(json.textNode(d.includesTime()
                            ? OffsetDateTime.parse(v.date()).toInstant().toString()
                            : LocalDate.parse(v.date()).toString()));
                } catch (DateTimeParseException e) {
                    return Converted.unfit("not a " + (d.includesTime() ? "timestamp" : "date"), CF_INVALID);
                }
            }
            case "BOOLEAN" -> {
                return v.bool() == null ? Converted.unfit("not Y or N", CF_INVALID) : Converted.of(json.booleanNode(v.bool()));
            }
            case "PICKLIST" -> {
                if (v.options() == null || v.options().isEmpty()) {
                    return d.allowFreeText()
                            ? Converted.unfit("a free-text answer, not one of the options", CF_FREE_TEXT)
                            : Converted.unfit("not one of the field's options", CF_NOT_AN_OPTION);
                }
                if (!d.multiSelect() && v.options().size() > 1) {
                    return Converted.unfit("several answers to a single-choice field", CF_NOT_AN_OPTION);
                }
                List<String> values = new ArrayList<>();
                for (String o : v.options()) {
                    int i = d.options().indexOf(o);
                    if (i < 0) {
                        return Converted.unfit("not one of the field's options", CF_NOT_AN_OPTION);
                    }
                    values.add(Integer.toString(FIRST_OPTION + i));
                }
                // Choices travel as the option values joined by commas
                return Converted.of(d.multiSelect() ? json.textNode(String.join(",", values))
                        : json.numberNode(Integer.parseInt(values.get(0))));
            }
            default -> {
                return Converted.unfit("of an unknown data type " + d.dataType(), CF_INVALID);
            }
        }
    }
}
