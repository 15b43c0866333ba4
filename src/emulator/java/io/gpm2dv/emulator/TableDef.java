package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table's schema: names, primary key, columns, alternate keys (only Active ones), and the switches that make
 * Dataverse differ per table (custom columns accepted, bulk messages supported, create allowed, writes allowed),
 * activity-party collections (navigation property → allowed participation masks), the Restrict relationships
 * ({@code table.lookupcolumn} of rows that block deleting a record they point to) and the statecodes in which a
 * record is closed and read-only (completed and canceled activities, API §10).
 */
public record TableDef(
        String logicalName,
        String entitySetName,
        String primaryKey,
        String primaryName,
        boolean customColumns,
        boolean bulk,
        boolean creatable,
        boolean writable,
        Map<String, ColumnDef> columns,
        List<KeyDef> keys,
        Map<String, List<String>> computed,
        List<String> required,
        Set<String> uploadLimited,
        boolean isCustom,
        Map<String, List<Integer>> parties,
        List<String> restrictDelete,
        Set<Integer> readOnlyStates) {

    public Optional<ColumnDef> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** The lookup column written through navigation property {@code nav} (e.g. parentcustomerid_account). */
    public Optional<ColumnDef> columnOfNavigation(String nav) {
        return columns.values().stream()
                .filter(c -> c.type().isLookup() && c.targets().containsKey(nav))
                .findFirst();
    }

    /** The column read under {@code name}: a plain column, or a lookup's {@code _<column>_value}. */
    public Optional<ColumnDef> columnByReadName(String name) {
        if (name.startsWith("_") && name.endsWith("_value")) {
            ColumnDef c = columns.get(name.substring(1, name.length() - "_value".length()));
            return c != null && c.type().isLookup() ? Optional.of(c) : Optional.empty();
        }
        ColumnDef c = columns.get(name);
        return c != null && !c.type().isLookup() ? Optional.of(c) : Optional.empty();
    }

    /** The OData type name used in error messages and {@code @odata.type}. */
    public String odataType() {
        return "Microsoft.Dynamics.CRM." + logicalName;
    }

    TableDef withColumn(ColumnDef c) {
        Map<String, ColumnDef> more = new LinkedHashMap<>(columns);
        more.put(c.name(), c);
        return new TableDef(logicalName, entitySetName, primaryKey, primaryName, customColumns, bulk, creatable, writable,
                Map.copyOf(more), keys, computed, required, uploadLimited, isCustom, parties, restrictDelete,
                readOnlyStates);
    }

    TableDef withKey(KeyDef k) {
        List<KeyDef> more = new ArrayList<>(keys);
        more.add(k);
        return new TableDef(logicalName, entitySetName, primaryKey, primaryName, customColumns, bulk, creatable, writable,
                columns, List.copyOf(more), computed, required, uploadLimited, isCustom, parties, restrictDelete,
                readOnlyStates);
    }
}
