package io.gpm2dv.emulator;

import java.util.Map;

/**
 * One column of a table: its type, MaxLength (text) or range (numbers), choice options, lookup targets
 * (navigation property name to target table), whether it is valid for create and update, and its SchemaName
 * (null for standard columns: the metadata API then reports the logical name) and, for a lookup made by a
 * relationship definition, that relationship's SchemaName; its display name.
 */
public record ColumnDef(
        String name,
        ColumnType type,
        Integer maxLength,
        Long min,
        Long max,
        Map<Integer, String> options,
        Map<Integer, Integer> stateOfStatus,
        Map<Integer, Integer> defaultStatus,
        Map<String, String> targets,
        boolean validForCreate,
        boolean validForUpdate,
        String schemaName,
        String relationship,
        /** The display name the metadata API reports (null: the logical name). */
        String label) {

    /** The name a lookup is read back under: {@code _<column>_value}. */
    public String readName() {
        return type.isLookup() ? "_" + name + "_value" : name;
    }

    public boolean isValidFor(boolean create) {
        return create ? validForCreate : validForUpdate;
    }
}
