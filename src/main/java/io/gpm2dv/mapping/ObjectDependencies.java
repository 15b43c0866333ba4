package io.gpm2dv.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gpm2dv.source.GpmFile;

/**
 * Which objects of a map each object must wait for: those whose records its columns bind as parents (lookups,
 * regarding candidates, activity parties, in every shape of the object). Only objects earlier in the map's write
 * order count, so the graph has no cycle and a run always has something to start; a reference to an object the map
 * does not hold is no dependency (the sink treats such a parent as it always did).
 */
public final class ObjectDependencies {
    /** Object → the objects it waits for, both in write order. */
    private final Map<String, List<String>> parents;

    private ObjectDependencies(Map<String, List<String>> parents) {
        this.parents = parents;
    }

    public static ObjectDependencies of(MappingSpec spec) {
        List<MappingSpec.ObjectMap> objects = spec.objects();
        Map<String, String> byPrefix = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            MappingSpec.ObjectMap om = objects.get(i);
            position.put(om.object(), i);
            for (GpmFile f : GpmFile.values()) {
                if (f.fileName().equals(om.file())) {
                    byPrefix.putIfAbsent(f.keyPrefix(), om.object());
                }
            }
        }
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            MappingSpec.ObjectMap om = objects.get(i);
            boolean[] waits = new boolean[objects.size()];
            for (MappingSpec.ObjectMap shape : om.allShapes()) {
                for (MappingSpec.ColumnMap col : shape.columns() == null ? List.<MappingSpec.ColumnMap>of() : shape.columns()) {
                    for (String prefix : ColumnTransforms.parentPrefixes(col)) {
                        Integer at = position.get(byPrefix.get(prefix));
                        if (at != null && at < i) {
                            waits[at] = true;
                        }
                    }
                }
            }
            List<String> mine = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (waits[j]) {
                    mine.add(objects.get(j).object());
                }
            }
            parents.put(om.object(), List.copyOf(mine));
        }
        return new ObjectDependencies(parents);
    }

    /** The objects {@code object} waits for, in write order; none for an object the map does not hold. */
    public List<String> parentsOf(String object) {
        return parents.getOrDefault(object, List.of());
    }

    /** The objects that wait for {@code object}, in map order. */
    public List<String> dependentsOf(String object) {
        return parents.entrySet().stream().filter(e -> e.getValue().contains(object)).map(Map.Entry::getKey).toList();
    }

    /**
     * Per object, the rows on the longest chain of objects that waits for it, its own included: {@code rows(o) +} the
     * largest of its dependents' figures. What is left downstream of an object once it starts; an object {@code rows}
     * does not name counts 0.
     */
    public Map<String, Long> chainRows(Map<String, Long> rows) {
        Map<String, Long> out = new HashMap<>();
        parents.keySet().forEach(o -> chainRows(o, rows, out));
        return out;
    }

    private long chainRows(String object, Map<String, Long> rows, Map<String, Long> done) {
        Long known = done.get(object);
        if (known != null) {
            return known;
        }
        done.put(object, rows.getOrDefault(object, 0L)); // provisional: a map that waits in a circle ends here
        long below = 0;
        for (String d : dependentsOf(object)) {
            below = Math.max(below, chainRows(d, rows, done));
        }
        long total = rows.getOrDefault(object, 0L) + below;
        done.put(object, total);
        return total;
    }

    /** Whether every object {@code object} waits for is among {@code accounted}. */
    public boolean ready(String object, Collection<String> accounted) {
        return accounted.containsAll(parentsOf(object));
    }

    /** Every object of the map with the objects it waits for, in write order. */
    public Map<String, List<String>> asMap() {
        return java.util.Collections.unmodifiableMap(parents);
    }

    /** {@code sites, organisations; clients ← organisations; …}: the objects that wait for none first. */
    @Override
    public String toString() {
        List<String> free = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        parents.forEach((object, of) -> {
            if (of.isEmpty()) {
                free.add(object);
            } else {
                waiting.add(object + " ← " + String.join(", ", of));
            }
        });
        List<String> parts = new ArrayList<>();
        if (!free.isEmpty()) {
            parts.add(String.join(", ", free));
        }
        parts.addAll(waiting);
        return String.join("; ", parts);
    }
}
