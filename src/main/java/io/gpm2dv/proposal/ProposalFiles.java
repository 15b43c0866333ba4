package io.gpm2dv.proposal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.report.HtmlPage;

/**
 * The proposal as files a person reviews: {@code mapping-proposal.yaml}, a complete mapping file (the default map plus
 * the custom fields sent to existing columns) to edit and supply, and {@code mapping-proposal.md} /
 * {@code mapping-proposal.html} (lowest confidence first, low ones flagged).
 */
public final class ProposalFiles {
    public static final String MAP_FILE = "mapping-proposal.yaml";
    public static final String HTML_FILE = "mapping-proposal.html";
    public static final String MARKDOWN_FILE = "mapping-proposal.md";
    /** Below this confidence an entry is flagged for a closer look in the report. */
    static final double LOW_CONFIDENCE = 0.6;

    private ProposalFiles() {
    }

    /** The mapping file: {@code defaultMap}'s text, then a {@code custom-fields:} section when the proposal has one. */
    public static String mappingFile(String defaultMap, Proposal proposal) {
        StringBuilder yaml = new StringBuilder(defaultMap.stripTrailing()).append('\n');
        if (!proposal.customFields().isEmpty()) {
            yaml.append("\n# Proposed (review before confirming): custom form fields onto existing columns instead of new_cf_ ones\n");
            yaml.append("custom-fields:\n");
            for (MappingSpec.CustomFieldTarget t : proposal.customFields()) {
                yaml.append("  - {field: ").append(t.field()).append(", target: ").append(t.target());
                if (t.values() != null && !t.values().isEmpty()) {
                    yaml.append(", values: {").append(t.values().entrySet().stream()
                            .map(e -> quote(e.getKey()) + ": " + e.getValue()).collect(Collectors.joining(", "))).append('}');
                }
                yaml.append("}\n");
            }
        }
        List<ProposalEntry> extra = proposal.entries().stream().filter(ProposalFiles::isExtraColumn).toList();
        if (!extra.isEmpty()) {
            // column rules belong inside their object's entry above: listed for the reviewer to move there, not active
            yaml.append("\n# Proposed, not active: source columns the default map does not use, onto existing columns.\n");
            yaml.append("# To take one, add the rule to the object's columns above.\n");
            for (ProposalEntry e : extra) {
                yaml.append("#   ").append(e.file()).append(" (").append(e.table()).append("): - {target: ").append(e.target())
                        .append(", source: ").append(e.column()).append(", transform: ").append(e.transform()).append("}\n");
            }
        }
        return yaml.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A source column outside the default map proposed onto an existing column (not a custom field, not the map's). */
    static boolean isExtraColumn(ProposalEntry e) {
        return e.target() != null && !e.isNew() && !"custom_field_definitions.csv".equals(e.file())
                && e.reason().startsWith("not in the default map;");
    }

    /** The report as a Markdown table, lowest confidence first, entries below {@value #LOW_CONFIDENCE} flagged. */
    public static String markdown(Proposal proposal) {
        StringBuilder md = new StringBuilder("# Proposed field map (not confirmed)\n\n")
                .append("Every source column and custom field with the proposed target, lowest confidence first; **check**")
                .append(" marks a confidence below ").append(String.format(Locale.ROOT, "%.2f", LOW_CONFIDENCE))
                .append(". Review it, edit ").append(MAP_FILE).append(" if needed, then confirm the map by its SHA-256.\n\n")
                .append("| | file | column | label | → table.target | transform | confidence | new | reason |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (ProposalEntry e : sorted(proposal)) {
            md.append("| ").append(e.confidence() < LOW_CONFIDENCE ? "**check**" : "").append(" | ")
                    .append(cell(e.file())).append(" | ").append(cell(e.column())).append(" | ").append(cell(e.label()))
                    .append(" | ").append(e.target() == null ? "(not migrated)" : cell(e.table() + "." + e.target()))
                    .append(" | ").append(cell(e.transform())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", e.confidence())).append(" | ").append(e.isNew() ? "yes" : "")
                    .append(" | ").append(cell(e.reason())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    private static List<ProposalEntry> sorted(Proposal proposal) {
        return proposal.entries().stream().sorted(Comparator.comparingDouble(ProposalEntry::confidence)).toList();
    }

    public static String html(Proposal proposal) {
        List<ProposalEntry> sorted = sorted(proposal);
        return new HtmlPage("Proposed field map (not confirmed)")
                .paragraph("Every source column and custom field with the proposed target, lowest confidence first. Review it,"
                        + " edit " + MAP_FILE + " if needed, then confirm the map by its SHA-256.")
                .table(List.of("", "file", "column", "label", "table", "target", "transform", "confidence", "new", "reason"),
                        sorted.stream().map(e -> List.of(e.confidence() < LOW_CONFIDENCE ? "check" : "", e.file(), e.column(), e.label() == null ? "" : e.label(),
                                e.table() == null ? "" : e.table(), e.target() == null ? "(not migrated)" : e.target(),
                                e.transform() == null ? "" : e.transform(),
                                String.format(Locale.ROOT, "%.2f", e.confidence()), e.isNew() ? "yes" : "", e.reason()))
                                .toList())
                .render();
    }

    public static void write(Path dir, String defaultMap, Proposal proposal) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MAP_FILE), mappingFile(defaultMap, proposal), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML_FILE), html(proposal), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(proposal), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the proposal to " + dir, e);
        }
    }
}
