package io.gpm2dv.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gpm2dv.mapping.MappingSpec;

/**
 * Which source columns feed a target column, by the map in force: per object and table, the column's {@code source}
 * (with its {@code fallback-source}, {@code append} and lookup candidates); {@code overriddencreatedon} from the
 * object's {@code created-on}, {@code statecode}/{@code statuscode} from its state rule. Empty when the value is
 * computed (constants, directory lookups, the run tag).
 */
final class SourceColumns {
    private final Map<String, List<String>> byColumn = new HashMap<>();
    private final Map<String, String> files = new HashMap<>();

    SourceColumns(MappingSpec spec) {
        for (MappingSpec.ObjectMap om : spec.objects()) {
            files.put(om.object(), om.file());
            for (MappingSpec.ObjectMap shape : om.allShapes()) {
                for (MappingSpec.ColumnMap c : shape.columns() == null ? List.<MappingSpec.ColumnMap>of() : shape.columns()) {
                    Set<String> sources = new LinkedHashSet<>();
                    add(sources, c);
                    if (c.candidates() != null) {
                        c.candidates().forEach(k -> add(sources, k));
                    }
                    List<String> known = byColumn.computeIfAbsent(id(om.object(), shape.table(), c.target()),
                            k -> new ArrayList<>());
                    sources.stream().filter(s -> !known.contains(s)).forEach(known::add);
                }
                if (shape.createdOn() != null) {
                    byColumn.putIfAbsent(id(om.object(), shape.table(), "overriddencreatedon"), List.of(shape.createdOn()));
                }
                if (shape.state() != null && shape.state().source() != null) {
                    byColumn.putIfAbsent(id(om.object(), shape.table(), "statecode"), List.of(shape.state().source()));
                    byColumn.putIfAbsent(id(om.object(), shape.table(), "statuscode"), List.of(shape.state().source()));
                }
            }
        }
    }

    private static void add(Set<String> sources, MappingSpec.ColumnMap c) {
        if (c.source() != null) {
            sources.add(c.source());
        }
        if (c.fallbackSource() != null) {
            sources.add(c.fallbackSource());
        }
        if (c.append() != null) {
            sources.add(c.append());
        }
    }

    /** The export file an object reads, or null (objects the pipeline adds, e.g. unmapped notes). */
    String file(String object) {
        return files.get(object);
    }

    /** The source columns of a target column (empty: computed). */
    List<String> of(String object, String table, String column) {
        return byColumn.getOrDefault(id(object, table, column), List.of());
    }

    /** Every source column the object's map reads. */
    Set<String> all(String object) {
        Set<String> out = new LinkedHashSet<>();
        byColumn.forEach((k, v) -> {
            if (k.startsWith(object + "\u0000")) {
                out.addAll(v);
            }
        });
        return out;
    }

    private static String id(String object, String table, String column) {
        return object + "\u0000" + table + "\u0000" + column;
    }
}
