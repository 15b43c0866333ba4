package io.gpm2dv.mapping.validation;

import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The map's YAML as SnakeYAML nodes, so every entry has its line: syntax errors and unknown keys (checked against
 * the {@link io.gpm2dv.mapping.MappingSpec} records, kebab-case) are found here, all at once.
 */
final class YamlTree {
    private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB = new PropertyNamingStrategies.KebabCaseStrategy();
    private final Node root;

    private YamlTree(Node root) {
        this.root = root;
    }

    /** The tree, or empty with the syntax error added to {@code errors}. */
    static Optional<YamlTree> parse(String yaml, Consumer<MappingError> errors) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
            if (!(root instanceof MappingNode)) {
                errors.accept(new MappingError(root == null ? 1 : line(root),
                        "the map must be a YAML mapping with restricted-notes and objects (the file is empty or a list)"));
                return Optional.empty();
            }
            return Optional.of(new YamlTree(root));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1
                    : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 1;
            errors.accept(new MappingError(line, "YAML syntax error: " + oneLine(e.getProblem())
                    + (e.getContext() != null ? " (" + oneLine(e.getContext()) + ")" : "")));
            return Optional.empty();
        } catch (RuntimeException e) {
            errors.accept(new MappingError(1, "YAML syntax error: " + oneLine(e.getMessage())));
            return Optional.empty();
        }
    }

    /** Every key no record component of {@code type} (recursively) knows. */
    void unknownKeys(Class<?> type, Consumer<MappingError> errors) {
        unknownKeys(root, type, "the map", errors);
    }

    private static void unknownKeys(Node node, Class<?> type, String where, Consumer<MappingError> errors) {
        if (!(node instanceof MappingNode m) || !type.isRecord()) {
            return;
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                continue;
            }
            RecordComponent rc = component(type, k.getValue());
            if (rc == null) {
                errors.accept(new MappingError(line(k), where + ": unknown key '" + k.getValue() + "' (known: "
                        + String.join(", ", known(type)) + ")"));
                continue;
            }
            String inner = where.equals("the map") ? k.getValue() : where;
            Class<?> element = elementRecord(rc.getGenericType());
            if (element != null && t.getValueNode() instanceof SequenceNode s) {
                for (Node item : s.getValue()) {
                    unknownKeys(item, element, inner.equals("objects") ? objectName(item) : inner, errors);
                }
            } else if (rc.getType().isRecord()) {
                unknownKeys(t.getValueNode(), rc.getType(), inner, errors);
            }
        }
    }

    private static String objectName(Node item) {
        Node name = get(item, "object");
        return name instanceof ScalarNode s ? s.getValue() : "an object";
    }

    private static Class<?> elementRecord(Type t) {
        if (t instanceof ParameterizedType p && List.class.equals(p.getRawType())
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }

    private static RecordComponent component(Class<?> type, String key) {
        for (RecordComponent rc : type.getRecordComponents()) {
            if (KEBAB.translate(rc.getName()).equals(key)) {
                return rc;
            }
        }
        return null;
    }

    private static List<String> known(Class<?> type) {
        return java.util.Arrays.stream(type.getRecordComponents()).map(rc -> KEBAB.translate(rc.getName())).toList();
    }

    /**
     * The 1-based line of the node at {@code path} (keys and list indexes), or of its deepest existing ancestor:
     * e.g. {@code line("objects", 4, "columns", 2, "source")}.
     */
    int line(Object... path) {
        Node node = root;
        for (Object step : path) {
            Node next = step instanceof Integer i ? item(node, i) : get(node, (String) step);
            if (next == null) {
                break;
            }
            node = next;
        }
        return line(node);
    }

    /** Top-level scalar values with their line, e.g. {@code invoices}. */
    Map<String, Map.Entry<String, Integer>> topScalars() {
        Map<String, Map.Entry<String, Integer>> m = new java.util.LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) root).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                m.put(k.getValue(), Map.entry(v.getValue(), line(v)));
            }
        }
        return m;
    }

    private static Node get(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private static Node item(Node node, int i) {
        return node instanceof SequenceNode s && i < s.getValue().size() ? s.getValue().get(i) : null;
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
