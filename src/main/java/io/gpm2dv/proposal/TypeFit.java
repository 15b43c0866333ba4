package io.gpm2dv.proposal;

import io.gpm2dv.source.ColumnSpec;
import io.gpm2dv.source.CustomFields.Definition;

/** Whether a target column's type takes a source's values as they are, and with which transform. */
final class TypeFit {
    private TypeFit() {
    }

    /** Whether the column's type takes the field's values as they are. */
    static boolean takes(Definition d, TargetColumn c) {
        String t = c.attributeType();
        return switch (d.dataType()) {
            case "TEXT" -> t.equals("String") || t.equals("Memo");
            case "NUMBER" -> t.equals("Decimal") || t.equals("Money") || t.equals("Double")
                    || ((t.equals("Integer") || t.equals("BigInt")) && (d.decimalPlaces() == null || d.decimalPlaces() == 0));
            case "DATE" -> t.equals("DateTime");
            case "BOOLEAN" -> t.equals("Boolean");
            case "PICKLIST" -> d.multiSelect() ? t.equals("Virtual") && !c.options().isEmpty() : t.equals("Picklist");
            default -> false;
        };
    }

    /**
     * The transform that writes a source column of this export type (or, undocumented, this value profile) to the
     * column as it is, or null when its type does not take the values.
     */
    static String transform(ColumnSpec spec, ValueKind kind, TargetColumn c) {
        String t = c.attributeType();
        boolean text = t.equals("String") || t.equals("Memo");
        if (spec == null) {
            return switch (kind) {
                case DATE -> t.equals("DateTime") ? "date" : null;
                case YES_NO -> t.equals("Boolean") ? "boolean" : null;
                case NUMBER -> t.equals("Integer") || t.equals("BigInt") ? "integer"
                        : t.equals("Decimal") || t.equals("Money") || t.equals("Double") ? "decimal" : text ? "text" : null;
                case EMAIL -> text ? "email" : null;
                case PHONE -> text ? "phone" : null;
                default -> text ? "text" : null;
            };
        }
        return switch (spec.type().kind()) {
            case STRING, TEXT -> text ? kind == ValueKind.EMAIL ? "email" : "text" : null;
            case CODE -> text ? "text" : null;
            case DATE -> t.equals("DateTime") ? "date" : null;
            case TIMESTAMP -> t.equals("DateTime") ? "timestamp" : null;
            case BOOLEAN -> t.equals("Boolean") ? "boolean" : null;
            case INTEGER -> t.equals("Integer") || t.equals("BigInt") ? "integer"
                    : t.equals("Decimal") || t.equals("Money") || t.equals("Double") ? "decimal" : null;
            case DECIMAL -> t.equals("Decimal") || t.equals("Money") || t.equals("Double") ? "decimal" : null;
            default -> null; // ids resolve through keys, JSON needs a transform of its own
        };
    }
}
