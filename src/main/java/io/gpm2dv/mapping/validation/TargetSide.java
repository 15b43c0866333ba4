package io.gpm2dv.mapping.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.mapping.MappingSpec.ObjectMap;
import io.gpm2dv.schema.SchemaPlan;

/**
 * The checks against the target: tables and columns exist, and a transform's value fits the column's type. A table
 * or column named {@code new_*} is created by the schema plan, so it need not exist yet; its type is the entry's
 * {@code type:} (checked against the transform) or follows from the transform.
 */
final class TargetSide {
    private final YamlTree tree;
    private final Consumer<MappingError> errors;

    TargetSide(YamlTree tree, Consumer<MappingError> errors) {
        this.tree = tree;
        this.errors = errors;
    }

    /** Type checks that need no metadata: a declared {@code type:} against the transform. */
    void checkDeclaredTypes(List<ObjectMap> objects) {
        for (MapEntries.Entry e : MapEntries.of(objects)) {
            ColumnMap c = e.column();
            if (c.type() != null && SourceSide.planType(c.type())) {
                fit(e, SchemaPlan.Type.valueOf(c.type()).attributeType(), "declared type " + c.type());
            }
        }
    }

    /**
     * {@code invoicesAsNotes}: under {@code invoices: contact-reference} an object with a contact-reference variant
     * writes only that variant, so its own table (invoice, which the target may lack) is not checked.
     */
    void check(List<ObjectMap> objects, TargetColumns target, boolean invoicesAsNotes) {
        Set<String> missingTables = new HashSet<>();
        for (int i = 0; i < objects.size(); i++) {
            ObjectMap o = objects.get(i);
            if (!(invoicesAsNotes && contactReference(o))) {
                table(o, o.table(), tree.line("objects", i, "table"), missingTables, target);
            }
            for (int k = 0; k < o.variants().size(); k++) {
                table(o, o.variants().get(k).table(), tree.line("objects", i, "variants", k, "table"), missingTables, target);
            }
        }
        for (MapEntries.Entry e : MapEntries.of(objects)) {
            ColumnMap c = e.column();
            if (invoicesAsNotes && contactReference(e.object()) && "columns".equals(e.path().get(2))) {
                continue;
            }
            if (c.target() == null || e.table() == null || missingTables.contains(e.table()) || planned(e.table())
                    || planned(c.target()) || partyList(e.table(), c)) {
                continue;
            }
            Optional<String> type = attribute(target, e.table(), c.target());
            if (type.isEmpty()) {
                errors.accept(new MappingError(tree.line(e.at("target")), e.object().object() + ": target column '"
                        + e.table() + "." + c.target() + "' does not exist in the target"
                        + Suggest.of(c.target(), target.columnNames(e.table()))));
            } else {
                fit(e, type.get(), "a " + type.get() + " column");
            }
        }
    }

    private static boolean contactReference(ObjectMap o) {
        return o.variants().stream().anyMatch(v -> "contact-reference".equals(v.when()));
    }

    private void fit(MapEntries.Entry e, String attributeType, String what) {
        String transform = e.column().transformName();
        Set<String> fits = Vocabulary.fits(transform);
        if (fits != null && !fits.contains(attributeType)) {
            errors.accept(new MappingError(tree.line(e.at("transform")), e.object().object() + ": transform '" + transform
                    + "' does not fit '" + e.table() + "." + e.column().target() + "', " + what + " (it fits "
                    + String.join(" or ", new java.util.TreeSet<>(fits)) + ")"));
        }
    }

    /**
     * A lookup is bound through its navigation property, which may carry the referenced table
     * ({@code parentcustomerid_account}): the attribute is the name before the last underscore.
     */
    private static Optional<String> attribute(TargetColumns target, String table, String column) {
        Optional<String> type = target.attributeType(table, column);
        // regardingobjectid_contact_appointment → regardingobjectid_contact → regardingobjectid
        for (int cut = column.lastIndexOf('_'); type.isEmpty() && cut > 0; cut = column.lastIndexOf('_', cut - 1)) {
            type = target.attributeType(table, column.substring(0, cut));
        }
        return type;
    }

    /** Parties are written through the activity's party relationship, not a column. */
    private static boolean partyList(String table, ColumnMap c) {
        return ("client-party".equals(c.transformName()) || "practice-party".equals(c.transformName()))
                && (table + "_activity_parties").equals(c.target());
    }

    private void table(ObjectMap o, String table, int line, Set<String> missing, TargetColumns target) {
        if (table == null || planned(table) || missing.contains(table)) {
            return;
        }
        if (!target.hasTable(table)) {
            missing.add(table);
            errors.accept(new MappingError(line, o.object() + ": table '" + table + "' does not exist in the target"));
        }
    }

    /** The schema plan creates every new_* table and column (SchemaPlanner). */
    private static boolean planned(String name) {
        return name.startsWith("new_");
    }
}
