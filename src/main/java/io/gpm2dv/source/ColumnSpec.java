package io.gpm2dv.source;

/**
 * One documented column of an export file (§8): its name, type, whether NULL is allowed and, for a foreign
 * key, the file it points into (orphans are allowed, H15, so the reader does not enforce it).
 */
public record ColumnSpec(String name, ColumnType type, boolean nullable, GpmFile references) {
}
