package io.gpm2dv.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table's schema: names, primary key, columns, alternate keys, and the switches that make Dataverse
 * differ per table (custom columns accepted, bulk messages supported, create allowed, writes allowed).
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
        Set<String> uploadLimited) {

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
}
