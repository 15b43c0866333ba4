package io.gpm2dv.source;

/**
 * A column type of export format §5: {@code id}, {@code integer}, {@code decimal(p,s)}, {@code string(n)},
 * {@code text}, {@code date}, {@code timestamp}, {@code boolean}, {@code code X}, {@code json}, {@code json[string]}.
 */
public record ColumnType(Kind kind, int length, int precision, int scale, String codeList) {
    /** The families of §5; parameters live in the record's other components. */
    public enum Kind { ID, INTEGER, DECIMAL, STRING, TEXT, DATE, TIMESTAMP, BOOLEAN, CODE, JSON, JSON_STRINGS }

    public static final ColumnType ID = new ColumnType(Kind.ID, 0, 0, 0, null);
    public static final ColumnType INTEGER = new ColumnType(Kind.INTEGER, 0, 0, 0, null);
    public static final ColumnType TEXT = new ColumnType(Kind.TEXT, 0, 0, 0, null);
    public static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0, 0, null);
    public static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, 0, 0, null);
    public static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0, 0, null);
    public static final ColumnType JSON = new ColumnType(Kind.JSON, 0, 0, 0, null);
    public static final ColumnType JSON_STRINGS = new ColumnType(Kind.JSON_STRINGS, 0, 0, 0, null);

    public static ColumnType string(int maxCodePoints) {
        return new ColumnType(Kind.STRING, maxCodePoints, 0, 0, null);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, 0, precision, scale, null);
    }

    /** A code of list {@code list} (§7); the list must exist. */
    public static ColumnType code(String list) {
        CodeLists.get(list);
        return new ColumnType(Kind.CODE, 0, 0, 0, list);
    }

    /** The type as §8 writes it, for messages: {@code string(60)}, {@code decimal(12,2)}, {@code code GENDER}. */
    @Override
    public String toString() {
        return switch (kind) {
            case STRING -> "string(" + length + ")";
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case CODE -> "code " + codeList;
            case JSON_STRINGS -> "json[string]";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
