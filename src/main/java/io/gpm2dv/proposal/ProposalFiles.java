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
 * the custom fields sent to existing columns) to edit and supply, and {@code mapping-proposal.html} (lowest confidence
 * first).
 */
public final class ProposalFiles {
    public static final String MAP_FILE = "mapping-proposal.yaml";
    public static final String HTML_FILE = "mapping-proposal.html";

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
        return yaml.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String html(Proposal proposal) {
        List<ProposalEntry> sorted = proposal.entries().stream()
                .sorted(Comparator.comparingDouble(ProposalEntry::confidence)).toList();
        return new HtmlPage("Proposed field map (not confirmed)")
                .paragraph("Every source column and custom field with the proposed target, lowest confidence first. Review it,"
                        + " edit " + MAP_FILE + " if needed, then confirm the map by its SHA-256.")
                .table(List.of("file", "column", "label", "table", "target", "transform", "confidence", "new", "reason"),
                        sorted.stream().map(e -> List.of(e.file(), e.column(), e.label() == null ? "" : e.label(),
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the proposal to " + dir, e);
        }
    }
}
