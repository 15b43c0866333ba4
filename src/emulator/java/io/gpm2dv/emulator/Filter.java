package io.gpm2dv.emulator;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed {@code $filter}: a boolean expression over a record (see {@link FilterParser}). */
sealed interface Filter {

    boolean test(RecordStore.View view, TableDef table, ObjectNode record);

    /** An operand: a column path (possibly {@code nav/column}) or a literal. */
    sealed interface Operand {
        Object value(RecordStore.View view, TableDef table, ObjectNode record);
    }

    record Literal(Object value) implements Operand {
        @Override
        public Object value(RecordStore.View view, TableDef table, ObjectNode record) {
            return value;
        }
    }

    record Path(List<String> parts) implements Operand {
        @Override
        public Object value(RecordStore.View view, TableDef table, ObjectNode record) {
            if (parts.size() == 1) {
                return FilterValues.of(record.get(parts.get(0)));
            }
            ColumnDef lookup = table.columnOfNavigation(parts.get(0)).orElseThrow();
            String targetTable = lookup.targets().get(parts.get(0));
            JsonNode id = record.get(lookup.readName());
            if (id == null || id.isNull()
                    || !targetTable.equals(record.path(lookup.readName() + BodyRules.LOGICAL_NAME).asText(targetTable))) {
                return null;
            }
            return view.get(targetTable, UUID.fromString(id.asText()))
                    .map(target -> FilterValues.of(target.get(parts.get(1)))).orElse(null);
        }
    }

    record And(Filter left, Filter right) implements Filter {
        @Override
        public boolean test(RecordStore.View view, TableDef table, ObjectNode record) {
            return left.test(view, table, record) && right.test(view, table, record);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        @Override
        public boolean test(RecordStore.View view, TableDef table, ObjectNode record) {
            return left.test(view, table, record) || right.test(view, table, record);
        }
    }

    record Not(Filter inner) implements Filter {
        @Override
        public boolean test(RecordStore.View view, TableDef table, ObjectNode record) {
            return !inner.test(view, table, record);
        }
    }

    record Compare(String op, Operand left, Operand right) implements Filter {
        static final Map<String, String> OPS = Map.of("eq", "=", "ne", "!=", "gt", ">", "ge", ">=", "lt", "<", "le", "<=");

        @Override
        public boolean test(RecordStore.View view, TableDef table, ObjectNode record) {
            Object a = left.value(view, table, record);
            Object b = right.value(view, table, record);
            if (op.equals("eq")) {
                return a == null || b == null ? Objects.equals(a, b) : FilterValues.compare(a, b) == 0;
            }
            if (op.equals("ne")) {
                return a == null || b == null ? !Objects.equals(a, b) : FilterValues.compare(a, b) != 0;
            }
            if (a == null || b == null) {
                return false; // SQL: comparisons with NULL are never true
            }
            int c = FilterValues.compare(a, b);
            return switch (op) {
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        }
    }

    record Function(String name, Operand subject, Operand argument) implements Filter {
        @Override
        public boolean test(RecordStore.View view, TableDef table, ObjectNode record) {
            Object s = subject.value(view, table, record);
            Object a = argument.value(view, table, record);
            if (!(s instanceof String text) || !(a instanceof String part)) {
                return false;
            }
            return switch (name) {
                case "contains" -> text.contains(part);
                case "startswith" -> text.startsWith(part);
                default -> text.endsWith(part);
            };
        }
    }
}
