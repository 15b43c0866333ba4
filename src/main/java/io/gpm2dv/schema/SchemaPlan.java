package io.gpm2dv.schema;

import java.util.List;
import java.util.Map;

/**
 * Everything custom the migration writes (target-mapping.md §3): custom tables, custom columns (with their type,
 * length, precision and Choice options), lookup relationships and alternate keys, in the order an admin (or the
 * applier) creates them — plus the custom values that cannot land because no object of the map carries their
 * entity, or their entity is not in the export.
 */
public record SchemaPlan(
        /** Every table the map writes, logical name → entity set (standard ones too: the check wants them present). */
        Map<String, String> written,
        List<Table> tables, List<Column> columns, List<Key> keys, List<String> notPlanned) {

    /** Column types the plan creates (Dataverse's names; Choices is MultiSelectPicklist). */
    public enum Type {
        String, Memo, Integer, Decimal, Money, Boolean, Picklist, MultiSelectPicklist, DateOnly, DateTime, Lookup;

        /** The AttributeType the metadata API reports for a column of this type. */
        public java.lang.String attributeType() {
            return switch (this) {
                case DateOnly -> "DateTime";
                case MultiSelectPicklist -> "Virtual";
                default -> name();
            };
        }
    }

    /** A custom table: user-owned, primary name column {@code primaryName}. */
    public record Table(java.lang.String logicalName, java.lang.String entitySet, java.lang.String displayName,
            java.lang.String primaryName, int primaryNameMax) {
    }

    /**
     * A custom column; {@code options} value → label for Choice(s); {@code lookupTable} the referenced table of a
     * lookup (created as a one-to-many relationship); {@code origin} where it comes from (object or custom field).
     */
    public record Column(java.lang.String table, java.lang.String logicalName, java.lang.String displayName, Type type,
            Integer maxLength, Integer precision, Map<Integer, java.lang.String> options, java.lang.String lookupTable,
            java.lang.String origin) {

        /** The SchemaName to create it with: the logical name (publisher prefix included). */
        public java.lang.String schemaName() {
            return logicalName;
        }

        /** The relationship that makes a lookup: {@code new_<referenced>_<table>_<column>}. */
        public java.lang.String relationshipName() {
            return "new_" + lookupTable.replaceFirst("^new_", "") + "_" + table.replaceFirst("^new_", "") + "_" + logicalName;
        }
    }

    /** An alternate key. */
    public record Key(java.lang.String table, java.lang.String name, List<java.lang.String> columns) {
    }

    public List<java.lang.String> tableNames() {
        java.util.LinkedHashSet<java.lang.String> names = new java.util.LinkedHashSet<>();
        tables.forEach(t -> names.add(t.logicalName()));
        columns.forEach(c -> names.add(c.table()));
        keys.forEach(k -> names.add(k.table()));
        return List.copyOf(names);
    }
}
