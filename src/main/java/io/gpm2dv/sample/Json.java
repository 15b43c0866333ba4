package io.gpm2dv.sample;

import java.util.List;
import java.util.Map;

/**
 * The little JSON the generator writes (string arrays and objects, the manifest), by hand so that the generator
 * runs on the JDK alone: {@code java -cp target/classes io.gpm2dv.sample.ExportGenerator}.
 */
final class Json {
    private Json() {
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A value: null, String, Boolean, Number, List or Map (keys in the map's order), compact. */
    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof Boolean || v instanceof Number) {
            return v.toString();
        }
        StringBuilder b = new StringBuilder();
        if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                b.append(i > 0 ? "," : "").append(value(list.get(i)));
            }
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "" : ",").append(string(e.getKey().toString())).append(':').append(value(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        throw new IllegalArgumentException("not JSON-able: " + v.getClass());
    }

    /** Pretty form with two-space indents and "\n" line ends, whatever the platform. */
    static String pretty(Object v, String indent) {
        String inner = indent + "  ";
        if (v instanceof List<?> list && !list.isEmpty()) {
            StringBuilder b = new StringBuilder("[\n");
            for (int i = 0; i < list.size(); i++) {
                b.append(inner).append(pretty(list.get(i), inner)).append(i < list.size() - 1 ? ",\n" : "\n");
            }
            return b.append(indent).append(']').toString();
        }
        if (v instanceof Map<?, ?> map && !map.isEmpty()) {
            StringBuilder b = new StringBuilder("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(inner).append(string(e.getKey().toString())).append(": ").append(pretty(e.getValue(), inner))
                        .append(++i < map.size() ? ",\n" : "\n");
            }
            return b.append(indent).append('}').toString();
        }
        return value(v);
    }
}
