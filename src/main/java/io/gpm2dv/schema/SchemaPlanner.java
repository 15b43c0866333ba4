package io.gpm2dv.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.gpm2dv.mapping.CustomFieldValues;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.mapping.MappingSpec.ObjectMap;
import io.gpm2dv.schema.SchemaPlan.Column;
import io.gpm2dv.schema.SchemaPlan.Type;
import io.gpm2dv.source.CustomFields;
import io.gpm2dv.source.CustomFields.Definition;

/**
 * Builds the {@link SchemaPlan} from the map in force (every object and variant) and the export's custom field
 * definitions. Nothing is listed by hand: a table named {@code new_*} is a custom table, a target column named
 * {@code new_*} a custom column whose type follows from its transform (or the entry's {@code type:}), a
 * {@code source-key-column} brings {@code new_gensolveid} and its alternate key {@code new_gensolveid_key}.
 * A column several entries write (e.g. contact's {@code new_referraltype}, written by referrers and clients) is one
 * column: the types must agree, options are merged, the largest length wins.
 */
public final class SchemaPlanner {
    public static final String SOURCE_KEY_COLUMN = "new_gensolveid";
    public static final String SOURCE_KEY = "new_gensolveid_key";
    public static final int SOURCE_KEY_MAX = 100;
    public static final int PRACTITIONER_MAX = 200;
    public static final String PRIMARY_NAME = "new_name";
    public static final int PRIMARY_NAME_MAX = 200;
    public static final int DEFAULT_PRECISION = 2;

    private final Function<String, List<String>> codeLists;

    public SchemaPlanner(Function<String, List<String>> codeLists) {
        this.codeLists = codeLists;
    }

    public SchemaPlan plan(MappingSpec spec, CustomFields fields) {
        Map<String, String> written = new LinkedHashMap<>();
        Map<String, SchemaPlan.Table> tables = new LinkedHashMap<>();
        Map<String, Column> columns = new LinkedHashMap<>();
        Map<String, SchemaPlan.Key> keys = new LinkedHashMap<>();
        Map<String, String> setToTable = new LinkedHashMap<>();
        List<String> untypedConstants = new ArrayList<>();
        for (ObjectMap om : spec.objects()) {
            for (ObjectMap shape : om.allShapes()) {
                setToTable.putIfAbsent(shape.entitySet(), shape.table());
            }
        }
        for (ObjectMap om : spec.objects()) {
            for (ObjectMap shape : om.allShapes()) {
                String table = shape.table();
                written.putIfAbsent(table, shape.entitySet());
                if (table.startsWith("new_") && !tables.containsKey(table)) {
                    int nameMax = shape.columns().stream().filter(c -> PRIMARY_NAME.equals(c.target()) && c.max() != null)
                            .mapToInt(ColumnMap::max).max().orElse(PRIMARY_NAME_MAX);
                    tables.put(table, new SchemaPlan.Table(table, shape.entitySet(), tableDisplay(om.object()), PRIMARY_NAME,
                            nameMax));
                }
                if (shape.sourceKeyColumn()) {
                    add(columns, new Column(table, SOURCE_KEY_COLUMN, "Gensolve id", Type.String, SOURCE_KEY_MAX, null,
                            Map.of(), null, "source key of " + om.object()));
                    keys.putIfAbsent(table, new SchemaPlan.Key(table, SOURCE_KEY, List.of(SOURCE_KEY_COLUMN)));
                }
                if (shape.practitionerColumn() != null && shape.practitionerColumn().startsWith("new_")) {
                    add(columns, new Column(table, shape.practitionerColumn(), "Gensolve practitioner", Type.String,
                            PRACTITIONER_MAX, null, Map.of(), null, "original practitioner of " + om.object()));
                }
                for (ColumnMap c : shape.columns()) {
                    List<ColumnMap> entries = c.candidates() == null ? List.of(c) : c.candidates();
                    for (ColumnMap e : entries) {
                        if (e.target() != null && e.target().startsWith("new_") && !PRIMARY_NAME.equals(e.target())) {
                            Column col = column(table, e, c.transformName(), om.object(), setToTable);
                            if (col != null) {
                                add(columns, col);
                            } else {
                                untypedConstants.add(table + "." + e.target());
                            }
                        }
                    }
                }
            }
        }
        List<String> notPlanned = new ArrayList<>();
        for (Definition d : fields.definitions()) {
            String object = CustomFieldValues.OBJECT_OF_ENTITY.get(d.appliesTo());
            ObjectMap om = object == null ? null : spec.find(object).orElse(null);
            if (om == null) {
                notPlanned.add("custom field " + d.fieldKey() + " (" + d.appliesTo() + "): no object of the map carries "
                        + d.appliesTo() + " records, so its column and its " + count(fields, d) + " value(s) are not migrated");
                continue;
            }
            if (spec.customFieldTargets().containsKey(d.fieldKey())) {
                continue; // the map sends it to an existing column: nothing to create
            }
            add(columns, customFieldColumn(om.table(), d));
        }
        for (String untyped : untypedConstants) {
            if (!columns.containsKey(untyped)) {
                throw new IllegalArgumentException("the map's column " + untyped + " is a constant without a type: add a "
                        + "type: to the entry");
            }
        }
        return new SchemaPlan(written, List.copyOf(tables.values()), List.copyOf(columns.values()),
                List.copyOf(keys.values()), notPlanned);
    }

    private static long count(CustomFields fields, Definition d) {
        return fields.countOf(d.id());
    }

    /** A custom field's column (target-mapping §2, "Custom form field → custom column"). */
    public static Column customFieldColumn(String table, Definition d) {
        String origin = "custom field " + d.fieldKey() + (d.active() ? "" : " (inactive)");
        return switch (d.dataType()) {
            case "TEXT" -> {
                int max = CustomFieldValues.textMax(d);
                yield new Column(table, d.column(), d.label(), max > CustomFieldValues.STRING_MAX ? Type.Memo : Type.String,
                        max, null, Map.of(), null, origin);
            }
            case "NUMBER" -> new Column(table, d.column(), d.label(), Type.Decimal, null,
                    d.decimalPlaces() == null ? DEFAULT_PRECISION : d.decimalPlaces(), Map.of(), null, origin);
            case "DATE" -> new Column(table, d.column(), d.label(), d.includesTime() ? Type.DateTime : Type.DateOnly, null,
                    null, Map.of(), null, origin);
            case "BOOLEAN" -> new Column(table, d.column(), d.label(), Type.Boolean, null, null, Map.of(), null, origin);
            case "PICKLIST" -> {
                Map<Integer, String> options = new LinkedHashMap<>();
                for (int i = 0; i < d.options().size(); i++) {
                    options.put(CustomFieldValues.FIRST_OPTION + i, d.options().get(i));
                }
                yield new Column(table, d.column(), d.label(), d.multiSelect() ? Type.MultiSelectPicklist : Type.Picklist,
                        null, null, options, null, origin);
            }
            default -> throw new IllegalArgumentException("custom field " + d.fieldKey() + " has an unknown data type "
                    + d.dataType());
        };
    }

    /** The column a map entry writes; {@code transform} is the entry's (or, for candidates, its parent's). */
    private Column column(String table, ColumnMap c, String transform, String object, Map<String, String> setToTable) {
        String origin = object + (c.source() == null ? "" : "." + c.source());
        Type type = c.type() != null ? Type.valueOf(c.type()) : inferred(c, transform);
        if (type == null) {
            if ("constant".equals(transform)) {
                return null; // typed by another entry of the same column, else the merge below reports it
            }
            throw new IllegalArgumentException("the map's column " + table + "." + c.target() + " (" + object
                    + ") has transform '" + transform + "', which says nothing of its type: add a type: to the entry");
        }
        Integer max = null;
        Integer precision = null;
        Map<Integer, String> options = Map.of();
        String lookupTable = null;
        switch (type) {
            case String, Memo -> max = c.max() == null ? CustomFieldValues.STRING_MAX : c.max();
            case Decimal, Money -> precision = c.precision() == null ? DEFAULT_PRECISION : c.precision();
            case Picklist, MultiSelectPicklist -> options = options(c);
            case Lookup -> {
                lookupTable = setToTable.get(c.lookupSet());
                if (lookupTable == null) {
                    lookupTable = singular(c.lookupSet());
                }
            }
            default -> {
            }
        }
        String display = c.label() != null ? c.label() : columnDisplay(c, transform);
        return new Column(table, c.target(), display, type, max, precision, options, lookupTable, origin);
    }

    private static Type inferred(ColumnMap c, String transform) {
        return switch (transform) {
            case "text", "join", "template", "site-name", "email", "phone", "country-name", "subject-or-sms" ->
                    c.max() != null && c.max() > CustomFieldValues.STRING_MAX ? Type.Memo : Type.String;
            case "choice", "map" -> Type.Picklist;
            case "boolean", "equals" -> Type.Boolean;
            case "date" -> Type.DateOnly;
            case "timestamp" -> Type.DateTime;
            case "integer" -> Type.Integer;
            case "decimal" -> Type.Decimal;
            case "lookup", "regarding" -> Type.Lookup;
            default -> null;
        };
    }

    /** Options of a Choice: a code list from {@code first-value} (default 100000000), and/or an entry's {@code values}. */
    private Map<Integer, String> options(ColumnMap c) {
        Map<Integer, String> options = new LinkedHashMap<>();
        if (c.codeList() != null) {
            List<String> codes = codeLists.apply(c.codeList());
            int first = c.firstValue() == null ? CustomFieldValues.FIRST_OPTION : c.firstValue();
            for (int i = 0; i < codes.size(); i++) {
                options.put(first + i, codes.get(i));
            }
        }
        if (c.values() != null) {
            c.values().forEach((label, value) -> options.put(value, label));
        }
        return options;
    }

    /** One column per table and name: types must agree; options merge; the largest length and precision win. */
    private static void add(Map<String, Column> columns, Column c) {
        String id = c.table() + "." + c.logicalName();
        Column had = columns.get(id);
        if (had == null) {
            columns.put(id, c);
            return;
        }
        if (had.type() != c.type()) {
            throw new IllegalArgumentException("the column " + id + " is written as " + had.type() + " (" + had.origin()
                    + ") and as " + c.type() + " (" + c.origin() + "): give the entries one type");
        }
        Map<Integer, String> options = new java.util.TreeMap<>(had.options());
        options.putAll(c.options());
        columns.put(id, new Column(had.table(), had.logicalName(), had.displayName(), had.type(),
                maxOf(had.maxLength(), c.maxLength()), maxOf(had.precision(), c.precision()),
                options.isEmpty() ? Map.of() : new LinkedHashMap<>(options), had.lookupTable(), had.origin() + ", " + c.origin()));
    }

    private static Integer maxOf(Integer a, Integer b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Integer.valueOf(Math.max(a, b));
    }

    /** {@code conditions} → "Condition": a custom table is named for one of its records. */
    static String tableDisplay(String object) {
        String n = object.replace('_', ' ').replace('-', ' ');
        if (n.endsWith("s")) {
            n = n.substring(0, n.length() - 1);
        }
        return capitalised(n);
    }

    /** Words the admin reads in capitals (identifiers and bodies known by their initials). */
    private static final java.util.Set<String> INITIALS = java.util.Set.of("hpi", "cpn", "nhi", "acc", "acc45", "gp", "edi",
            "sms", "id");

    /**
     * A column's display name: its source column in words ({@code practitioner_type} → "Practitioner type",
     * {@code hpi_cpn} → "HPI CPN"); a lookup drops the trailing id ({@code insurer_organisation_id} → "Insurer
     * organisation"); a site's name is "Location".
     */
    static String columnDisplay(ColumnMap c, String transform) {
        if ("site-name".equals(transform)) {
            return "Location";
        }
        String name = c.source() != null ? c.source() : c.target().replaceFirst("^new_", "");
        List<String> words = new java.util.ArrayList<>(List.of(name.split("_")));
        if (("lookup".equals(transform) || "regarding".equals(transform)) && words.size() > 1
                && words.get(words.size() - 1).equals("id")) {
            words.remove(words.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(INITIALS.contains(w) ? w.toUpperCase(Locale.ROOT) : w);
        }
        return sb.length() == 0 ? c.target() : capitalised(sb.toString());
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** The table of an entity set the map does not write itself (Dataverse's plural rule, reversed). */
    static String singular(String entitySet) {
        if (entitySet.endsWith("ies")) {
            return entitySet.substring(0, entitySet.length() - 3) + "y";
        }
        if (entitySet.endsWith("ses") || entitySet.endsWith("xes")) {
            return entitySet.substring(0, entitySet.length() - 2);
        }
        return entitySet.endsWith("s") ? entitySet.substring(0, entitySet.length() - 1) : entitySet;
    }
}
