package io.gpm2dv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser of {@code $filter}: {@code eq ne gt ge lt le}, {@code and or not}, parentheses,
 * {@code contains/startswith/endswith}, literals, parameter aliases ({@code @p}) and {@code nav/column} paths.
 * Paths are checked against the table so an unknown column fails like Dataverse does.
 */
final class FilterParser {
    private static final Set<String> FUNCTIONS = Set.of("contains", "startswith", "endswith");

    private final TableDef table;
    private final Schema schema;
    private final Map<String, String> aliases;
    private final List<String> tokens;
    private int pos;

    private FilterParser(Schema schema, TableDef table, String text, Map<String, String> aliases) {
        this.schema = schema;
        this.table = table;
        this.aliases = aliases;
        this.tokens = tokenize(text);
    }

    static Filter parse(Schema schema, TableDef table, String text, Map<String, String> aliases) {
        FilterParser p = new FilterParser(schema, table, text, aliases);
        Filter f = p.or();
        if (p.pos != p.tokens.size()) {
            throw ApiError.query("Syntax error at position " + p.pos + " in $filter '" + text + "'.");
        }
        return f;
    }

    private Filter or() {
        Filter left = and();
        while (accept("or")) {
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        Filter left = not();
        while (accept("and")) {
            left = new Filter.And(left, not());
        }
        return left;
    }

    private Filter not() {
        if (accept("not")) {
            return new Filter.Not(not());
        }
        return primary();
    }

    private Filter primary() {
        if (accept("(")) {
            Filter inner = or();
            expect(")");
            return inner;
        }
        String t = peek();
        if (FUNCTIONS.contains(t) && "(".equals(peekAt(pos + 1))) {
            pos += 2;
            Filter.Operand subject = operand();
            expect(",");
            Filter.Operand argument = operand();
            expect(")");
            return new Filter.Function(t, subject, argument);
        }
        Filter.Operand left = operand();
        String op = next();
        if (!Filter.Compare.OPS.containsKey(op)) {
            throw ApiError.query("Syntax error: expected a comparison operator but found '" + op + "' in $filter.");
        }
        return new Filter.Compare(op, left, operand());
    }

    private Filter.Operand operand() {
        String t = next();
        if (t.startsWith("@")) {
            String value = aliases.get(t);
            if (value == null) {
                throw ApiError.query("The parameter alias '" + t + "' is not defined in the request URI.");
            }
            return new Filter.Literal(FilterValues.literal(value.trim()));
        }
        if (FilterValues.isLiteralStart(t)) {
            return new Filter.Literal(FilterValues.literal(t));
        }
        return path(t);
    }

    private Filter.Path path(String t) {
        String[] parts = t.split("/");
        if (parts.length == 1) {
            if (table.columnByReadName(t).isEmpty()) {
                throw noProperty(t, table);
            }
            return new Filter.Path(List.of(t));
        }
        if (parts.length == 2) {
            ColumnDef lookup = table.columnOfNavigation(parts[0]).orElseThrow(() -> noProperty(parts[0], table));
            TableDef target = schema.require(lookup.targets().get(parts[0]));
            if (target.columnByReadName(parts[1]).isEmpty()) {
                throw noProperty(parts[1], target);
            }
            return new Filter.Path(List.of(parts));
        }
        throw ApiError.query("Paths deeper than one navigation property are not supported: '" + t + "'.");
    }

    private static ApiError noProperty(String name, TableDef t) {
        return ApiError.query("Could not find a property named '" + name + "' on type '" + t.odataType() + "'.");
    }

    private boolean accept(String token) {
        if (token.equals(peek())) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw ApiError.query("Syntax error: expected '" + token + "' in $filter.");
        }
    }

    private String peek() {
        return peekAt(pos);
    }

    private String peekAt(int i) {
        return i < tokens.size() ? tokens.get(i) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw ApiError.query("Syntax error: unexpected end of $filter.");
        }
        return tokens.get(pos++);
    }

    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw ApiError.query("Unterminated string literal in $filter.");
                    }
                    if (s.charAt(j) == '\'') {
                        if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "(),'".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
