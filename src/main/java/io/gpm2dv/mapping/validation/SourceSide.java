package io.gpm2dv.mapping.validation;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.mapping.MappingSpec.ObjectMap;
import io.gpm2dv.mapping.MappingSpec.Variant;
import io.gpm2dv.schema.SchemaPlan;
import io.gpm2dv.source.ColumnSpec;

/** The checks that need only the map and the export schema: files, source columns, named rules, transforms. */
final class SourceSide {
    private final SourceColumns source;
    private final YamlTree tree;
    private final Consumer<MappingError> errors;

    SourceSide(SourceColumns source, YamlTree tree, Consumer<MappingError> errors) {
        this.source = source;
        this.tree = tree;
        this.errors = errors;
    }

    void check(List<ObjectMap> objects) {
        for (int i = 0; i < objects.size(); i++) {
            ObjectMap o = objects.get(i);
            String name = o.object() == null ? "object " + (i + 1) : o.object();
            if (o.object() == null) {
                error(tree.line("objects", i), name + ": has no object: name");
            }
            if (o.file() == null || !source.knowsFile(o.file())) {
                error(tree.line("objects", i, "file"), name + ": file '" + o.file() + "' is not a file of the export");
                continue; // its columns cannot be checked against a file the export does not have
            }
            if (o.table() == null) {
                error(tree.line("objects", i), name + ": has no table:");
            }
            column(o, o.ownerColumn(), tree.line("objects", i, "owner-column"), "owner-column");
            column(o, o.createdOn(), tree.line("objects", i, "created-on"), "created-on");
            name(o.owner(), Vocabulary.OWNERS, tree.line("objects", i, "owner"), name, "owner");
            name(o.ownerVia(), Vocabulary.OWNER_VIA, tree.line("objects", i, "owner-via"), name, "owner-via");
            name(o.ownerFallback(), Vocabulary.OWNER_FALLBACK, tree.line("objects", i, "owner-fallback"), name, "owner-fallback");
            for (int k = 0; k < o.skipRules().size(); k++) {
                name(o.skipRules().get(k), Vocabulary.SKIP_RULES, tree.line("objects", i, "skip-rules", k), name, "skip rule");
            }
            for (int k = 0; k < o.checks().size(); k++) {
                name(o.checks().get(k), Vocabulary.CHECKS, tree.line("objects", i, "checks", k), name, "check");
            }
            if (o.state() != null) {
                name(o.state().rule(), Vocabulary.STATE_RULES, tree.line("objects", i, "state", "rule"), name, "state rule");
                column(o, o.state().source(), tree.line("objects", i, "state", "source"), "state source");
            }
            for (int k = 0; k < o.variants().size(); k++) {
                Variant v = o.variants().get(k);
                if (v.when() != null && !Vocabulary.VARIANT_RULES.contains(v.when())) {
                    column(o, v.when(), tree.line("objects", i, "variants", k, "when"), "variant when");
                }
                if (v.owner() != null) {
                    name(v.owner(), Vocabulary.OWNERS, tree.line("objects", i, "variants", k, "owner"), name, "owner");
                }
                if (v.createdOn() != null && !"none".equals(v.createdOn())) {
                    column(o, v.createdOn(), tree.line("objects", i, "variants", k, "created-on"), "created-on");
                }
                if (v.state() != null && !"none".equals(v.state().rule())) {
                    name(v.state().rule(), Vocabulary.STATE_RULES, tree.line("objects", i, "variants", k, "state", "rule"),
                            name, "state rule");
                }
            }
        }
        for (MapEntries.Entry e : MapEntries.of(objects)) {
            if (e.object().file() != null && source.knowsFile(e.object().file())) {
                entry(e);
            }
        }
    }

    private void entry(MapEntries.Entry e) {
        ColumnMap c = e.column();
        ObjectMap o = e.object();
        String transform = c.transformName();
        if (!Vocabulary.TRANSFORMS.contains(transform)) {
            error(tree.line(e.at("transform")), o.object() + ": unknown transform '" + transform + "' for '" + c.target()
                    + "'" + Suggest.of(transform, Vocabulary.TRANSFORMS));
        }
        if (c.type() != null && !planType(c.type())) {
            error(tree.line(e.at("type")), o.object() + ": type '" + c.type() + "' of '" + c.target()
                    + "' is not a column type (String, Memo, Integer, Decimal, Money, Boolean, Picklist,"
                    + " MultiSelectPicklist, DateOnly, DateTime, Lookup)");
        }
        Optional<ColumnSpec> spec = column(o, c.source(), tree.line(e.at("source")), "source column");
        column(o, c.fallbackSource(), tree.line(e.at("fallback-source")), "fallback-source");
        column(o, c.selector(), tree.line(e.at("selector")), "selector");
        column(o, c.append(), tree.line(e.at("append")), "append");
        if (c.addressSources() != null) {
            c.addressSources().values().forEach(a -> column(o, a, tree.line(e.at("address-sources")), "address source"));
        }
        java.util.Set<String> reads = Vocabulary.reads(transform);
        if (spec.isPresent() && reads != null && !reads.contains(spec.get().type().kind().name())) {
            error(tree.line(e.at("transform")), o.object() + ": transform '" + transform + "' of '" + c.target()
                    + "' cannot read source column '" + c.source() + "', which is " + spec.get().type().kind()
                    + " (it reads " + String.join(" or ", new java.util.TreeSet<>(reads)) + ")");
        }
    }

    static boolean planType(String type) {
        try {
            SchemaPlan.Type.valueOf(type);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<ColumnSpec> column(ObjectMap o, String column, int line, String what) {
        if (column == null) {
            return Optional.empty();
        }
        Optional<ColumnSpec> spec = source.column(o.file(), column);
        if (spec.isEmpty()) {
            error(line, o.object() + ": " + what + " '" + column + "' is not a column of " + o.file()
                    + Suggest.of(column, source.columnNames(o.file())));
        }
        return spec;
    }

    private void name(String value, java.util.Set<String> known, int line, String object, String what) {
        if (value != null && !known.contains(value)) {
            error(line, object + ": unknown " + what + " '" + value + "' (known: " + String.join(", ",
                    new java.util.TreeSet<>(known)) + ")");
        }
    }

    private void error(int line, String reason) {
        errors.accept(new MappingError(line, reason));
    }
}
