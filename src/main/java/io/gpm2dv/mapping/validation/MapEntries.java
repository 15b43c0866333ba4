package io.gpm2dv.mapping.validation;

import java.util.ArrayList;
import java.util.List;

import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.mapping.MappingSpec.ObjectMap;
import io.gpm2dv.mapping.MappingSpec.Variant;

/** Every column entry of a map with the table it writes and its path in the YAML (for the line). */
final class MapEntries {
    record Entry(ObjectMap object, String table, ColumnMap column, List<Object> path) {
        Object[] at(String key) {
            List<Object> p = new ArrayList<>(path);
            p.add(key);
            return p.toArray();
        }
    }

    private MapEntries() {
    }

    static List<Entry> of(List<ObjectMap> objects) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            ObjectMap o = objects.get(i);
            add(entries, o, o.table(), o.columns(), List.of("objects", i, "columns"));
            List<Variant> variants = o.variants();
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get(k);
                add(entries, o, v.table() != null ? v.table() : o.table(), v.columns(),
                        List.of("objects", i, "variants", k, "columns"));
            }
        }
        return entries;
    }

    private static void add(List<Entry> entries, ObjectMap o, String table, List<ColumnMap> columns, List<Object> base) {
        if (columns == null) {
            return;
        }
        for (int j = 0; j < columns.size(); j++) {
            List<Object> path = new ArrayList<>(base);
            path.add(j);
            ColumnMap c = columns.get(j);
            if (c == null) {
                continue;
            }
            entries.add(new Entry(o, table, c, path));
            if (c.candidates() != null) {
                for (int m = 0; m < c.candidates().size(); m++) {
                    List<Object> cp = new ArrayList<>(path);
                    cp.add("candidates");
                    cp.add(m);
                    ColumnMap cand = c.candidates().get(m);
                    // a candidate without a transform is a lookup like its parent
                    entries.add(new Entry(o, table, cand.transform() == null ? withTransform(cand, c.transformName()) : cand, cp));
                }
            }
        }
    }

    private static ColumnMap withTransform(ColumnMap c, String transform) {
        return new ColumnMap(c.target(), c.source(), transform, c.max(), c.fallbackSource(), c.codeList(), c.firstValue(),
                c.values(), c.value(), c.lookup(), c.lookupSet(), c.country(), c.min(), c.selector(), c.addressSources(),
                c.user(), c.candidates(), c.append(), c.type(), c.precision(), c.label());
    }
}
