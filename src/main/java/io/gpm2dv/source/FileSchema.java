package io.gpm2dv.source;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The documented columns of one export file in §8 order, ending with {@code created_at}, {@code updated_at}. */
public final class FileSchema {
    private final GpmFile file;
    private final List<ColumnSpec> columns;
    private final Map<String, ColumnSpec> byName = new LinkedHashMap<>();

    public FileSchema(GpmFile file, List<ColumnSpec> columns) {
        this.file = file;
        this.columns = List.copyOf(columns);
        for (ColumnSpec c : this.columns) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException(file.fileName() + " documents column " + c.name() + " twice");
            }
        }
    }

    public GpmFile file() { return file; }

    public List<ColumnSpec> columns() { return columns; }

    /** The column called {@code name}, or null when it is not documented (an extra column, ignored). */
    public ColumnSpec column(String name) {
        return byName.get(name);
    }

    /**
     * Why {@code header} cannot be read by name (a documented column missing or named twice), or null. Unknown
     * extra columns and another order are fine: consumers bind by name (§5).
     */
    public String headerProblem(List<String> header) {
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (!seen.add(name) && byName.containsKey(name)) {
                return "header has column '" + name + "' twice";
            }
        }
        for (String name : byName.keySet()) {
            if (!seen.contains(name)) {
                return "header lacks column '" + name + "'";
            }
        }
        return null;
    }

    public List<String> columnNames() {
        return List.copyOf(byName.keySet());
    }
}
