package io.gpm2dv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layout the folders promise (docs/architecture.md, "Packages"): {@code pipeline} at the bottom, {@code run} at
 * the top, no package that imports one importing it back, and no test double or generator in production code. Reads
 * the main sources as text (imports, static imports and fully qualified names), so it needs neither Quarkus nor a
 * build.
 */
class ArchitectureTest {
    static final String ROOT = "io.gpm2dv";
    static final Path MAIN = Path.of("src/main/java");
    /** Source sets the local build and the tests add; production code never names their packages. */
    static final List<String> NOT_IN_PRODUCTION = List.of("io.gpm2dv.emulator", "io.gpm2dv.sample", "io.gpm2dv.local");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.gpm2dv((?:\\.[a-z_][a-z0-9_]*)*)(?=\\.[A-Z*])");

    @Test
    void noPackageImportsOneThatImportsItBack() {
        Graph g = Graph.read(MAIN);
        List<List<String>> cycles = g.cycles();
        assertTrue(cycles.isEmpty(), () -> "package cycles:\n" + String.join("\n", cycles.stream().map(g::describe).toList()));
    }

    @Test
    void pipelineIsAtTheBottom() {
        Graph g = Graph.read(MAIN);
        g.edges.forEach((from, to) -> {
            if (isIn(from, "io.gpm2dv.pipeline")) {
                to.keySet().forEach(t -> assertTrue(isIn(t, "io.gpm2dv.pipeline"),
                        () -> g.describe(List.of(from, t)) + ": pipeline imports no other package of the project"));
            }
        });
    }

    @Test
    void onlyTheOperatorApiUsesTheRunLifecycle() {
        Graph g = Graph.read(MAIN);
        g.edges.forEach((from, to) -> {
            if (!isIn(from, "io.gpm2dv.run") && !isIn(from, "io.gpm2dv.api")) {
                to.keySet().forEach(t -> assertTrue(!isIn(t, "io.gpm2dv.run"),
                        () -> g.describe(List.of(from, t)) + ": run sits above the stages"));
            }
        });
    }

    @Test
    void productionCodeNamesNoTestDoubleOrGenerator() {
        Graph g = Graph.read(MAIN);
        List<String> found = new ArrayList<>();
        g.packages.forEach(p -> NOT_IN_PRODUCTION.stream().filter(n -> isIn(p, n)).forEach(n -> found.add(p + " is in src/main/java")));
        g.edges.forEach((from, to) -> to.keySet().forEach(t -> NOT_IN_PRODUCTION.stream().filter(n -> isIn(t, n))
                .forEach(n -> found.add(g.describe(List.of(from, t))))));
        assertEquals(List.of(), found);
    }

    @Test
    void theCheckFindsACycle() {
        Graph g = new Graph();
        g.add("io.gpm2dv.a", "io.gpm2dv.b", "A.java");
        g.add("io.gpm2dv.b", "io.gpm2dv.c", "B.java");
        g.add("io.gpm2dv.c", "io.gpm2dv.a", "C.java");
        g.add("io.gpm2dv.c", "io.gpm2dv.d", "C.java");
        List<List<String>> cycles = g.cycles();
        assertEquals(1, cycles.size());
        assertEquals("a -> b (A.java) -> c (B.java) -> a (C.java)", g.describe(cycles.get(0)));
    }

    @Test
    void referencesAreFoundInImportsStaticImportsAndCodeButNotInCommentsOrStrings() {
        String java = """
                package io.gpm2dv.x;
                import io.gpm2dv.a.A;
                import static io.gpm2dv.b.B.CONSTANT;
                import io.gpm2dv.c.*;
                /** {@link io.gpm2dv.comment.C} */
                class X {
                    // io.gpm2dv.line.L
                    String s = "io.gpm2dv.string.S";
                    char q = '"';
                    io.gpm2dv.d.sub.D d = new io.gpm2dv.d.sub.D();
                }
                """;
        assertEquals(Set.of("io.gpm2dv.a", "io.gpm2dv.b", "io.gpm2dv.c", "io.gpm2dv.d.sub"), Graph.references(java));
    }

    static boolean isIn(String pkg, String parent) {
        return pkg.equals(parent) || pkg.startsWith(parent + ".");
    }

    /** Packages of the project and, per package, the packages it names with the files that name them. */
    static final class Graph {
        final Set<String> packages = new TreeSet<>();
        final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

        static Graph read(Path sources) {
            Graph g = new Graph();
            Map<Path, String> code = new HashMap<>();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = PACKAGE.matcher(text);
                    if (m.find() && isIn(m.group(1), ROOT)) {
                        g.packages.add(m.group(1));
                        code.put(f, text);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertTrue(g.packages.size() > 5, "main sources not found under " + sources.toAbsolutePath());
            code.forEach((f, text) -> {
                Matcher m = PACKAGE.matcher(text);
                m.find();
                String from = m.group(1);
                for (String named : references(text)) {
                    String to = g.packageOf(named);
                    if (!to.equals(from)) {
                        g.add(from, to, f.getFileName().toString());
                    }
                }
            });
            return g;
        }

        /** A name such as {@code io.gpm2dv.mapping.MappingSpec.ColumnMap} belongs to the longest known package it starts with. */
        String packageOf(String named) {
            String best = named;
            int longest = -1;
            for (String p : packages) {
                if (isIn(named, p) && p.length() > longest) {
                    best = p;
                    longest = p.length();
                }
            }
            return best;
        }

        void add(String from, String to, String file) {
            packages.add(from);
            packages.add(to);
            edges.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>()).add(file);
        }

        /** Every project package the code names (the part of each qualified name before its first capitalised segment). */
        static Set<String> references(String java) {
            Set<String> found = new TreeSet<>();
            Matcher m = REFERENCE.matcher(codeOnly(java));
            while (m.find()) {
                found.add(ROOT + m.group(1));
            }
            found.remove(ROOT);
            return found;
        }

        /** The source with comments, string and character literals (text blocks too) blanked out. */
        static String codeOnly(String s) {
            StringBuilder out = new StringBuilder(s.length());
            int i = 0;
            while (i < s.length()) {
                if (s.startsWith("//", i)) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                    out.append(' ');
                } else if (s.startsWith("\"\"\"", i)) {
                    int end = s.indexOf("\"\"\"", i + 3);
                    while (end > 0 && s.charAt(end - 1) == '\\') {
                        end = s.indexOf("\"\"\"", end + 1);
                    }
                    i = end < 0 ? s.length() : end + 3;
                    out.append("\"\"");
                } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                    char quote = s.charAt(i++);
                    while (i < s.length() && s.charAt(i) != quote) {
                        i += s.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                    out.append(quote).append(quote);
                } else {
                    out.append(s.charAt(i++));
                }
            }
            return out.toString();
        }

        /** One cycle (first package repeated at the end) per strongly connected group of packages. */
        List<List<String>> cycles() {
            List<List<String>> cycles = new ArrayList<>();
            Set<String> done = new TreeSet<>();
            for (String start : packages) {
                if (done.contains(start)) {
                    continue;
                }
                List<String> cycle = shortestPath(start, start);
                if (cycle != null) {
                    cycles.add(cycle);
                    done.addAll(cycle);
                }
            }
            return cycles;
        }

        private List<String> shortestPath(String from, String to) {
            Map<String, String> cameFrom = new HashMap<>();
            Deque<String> queue = new ArrayDeque<>(List.of(from));
            while (!queue.isEmpty()) {
                String p = queue.poll();
                for (String next : edges.getOrDefault(p, Map.of()).keySet()) {
                    if (next.equals(to)) {
                        List<String> path = new ArrayList<>(List.of(to));
                        for (String q = p; q != null; q = cameFrom.get(q)) {
                            path.add(0, q);
                        }
                        return path;
                    }
                    if (!cameFrom.containsKey(next) && !next.equals(from)) {
                        cameFrom.put(next, p);
                        queue.add(next);
                    }
                }
            }
            return null;
        }

        /** {@code a -> b (A.java) -> a (B.java)}: each step with the files that make it. */
        String describe(List<String> path) {
            StringBuilder s = new StringBuilder(shortName(path.get(0)));
            for (int i = 1; i < path.size(); i++) {
                s.append(" -> ").append(shortName(path.get(i))).append(" (")
                        .append(String.join(", ", edges.getOrDefault(path.get(i - 1), Map.of()).getOrDefault(path.get(i), Set.of())))
                        .append(')');
            }
            return s.toString();
        }

        private static String shortName(String pkg) {
            return pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1) : pkg;
        }
    }
}
