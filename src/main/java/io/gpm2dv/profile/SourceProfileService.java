package io.gpm2dv.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.report.HtmlPage;
import io.gpm2dv.source.ExportRefusedException;
import io.gpm2dv.source.ExportSource;

/** The source profile of the configured export, written to the report directory; what the operator API serves. */
@ApplicationScoped
public class SourceProfileService {
    public static final String JSON_FILE = "source-profile.json";
    public static final String HTML_FILE = "source-profile.html";
    public static final String MD_FILE = "source-profile.md";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Inject
    ExportSource exportSource;

    @Inject
    MigrationConfig config;

    public SourceProfile profile() {
        try {
            SourceProfile profile = SourceProfiler.profile(exportSource.open(), exportSource.index());
            write(profile, config.reportDir());
            return profile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export for its profile", e);
        } catch (ExportRefusedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static void write(SourceProfile profile, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(JSON_FILE).toFile(), profile);
        Files.writeString(dir.resolve(HTML_FILE), html(profile), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MD_FILE), markdown(profile), StandardCharsets.UTF_8);
    }

    /** The profile as Markdown (for a ticket or a wiki): the same tables as the page. */
    public static String markdown(SourceProfile p) {
        StringBuilder md = new StringBuilder("# Source profile\n\n## Data-quality hazards (export format §11)\n\n");
        md.append("| hazard | rows | examples | what |\n|---|---|---|---|\n");
        for (SourceProfile.HazardCount h : p.hazards()) {
            md.append("| ").append(h.code()).append(" | ").append(h.count() == null ? "not checked" : h.count())
                    .append(" | ").append(String.join(", ", h.examples())).append(" | ").append(cell(h.description()))
                    .append(" |\n");
        }
        for (SourceProfile.FileProfile f : p.files()) {
            md.append("\n## ").append(f.file()).append(": ").append(f.rows()).append(" row(s)")
                    .append(f.rejected() > 0 ? ", " + f.rejected() + " rejected" : "").append("\n\n")
                    .append("| column | complete | earliest | latest | codes |\n|---|---|---|---|---|\n");
            for (SourceProfile.ColumnProfile c : f.columns()) {
                md.append("| ").append(c.column()).append(" | ")
                        .append(String.format(java.util.Locale.ROOT, "%.1f %%", c.completeness() * 100)).append(" | ")
                        .append(c.min() == null ? "" : c.min()).append(" | ").append(c.max() == null ? "" : c.max())
                        .append(" | ").append(cell(codes(c.codes()))).append(" |\n");
            }
        }
        return md.toString();
    }

    /** A pipe would end the table cell early. */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }

    /** The profile as a page: the hazards first, then one table per file. */
    public static String html(SourceProfile p) {
        HtmlPage page = new HtmlPage("Source profile");
        page.heading("Data-quality hazards (export format §11)");
        page.table(List.of("hazard", "rows", "examples", "what"), p.hazards().stream().map(h -> List.of(h.code(),
                h.count() == null ? "not checked" : h.count().toString(), String.join(", ", h.examples()), h.description()))
                .toList());
        for (SourceProfile.FileProfile f : p.files()) {
            page.heading(f.file() + ": " + f.rows() + " row(s)" + (f.rejected() > 0 ? ", " + f.rejected() + " rejected" : ""));
            page.table(List.of("column", "complete", "earliest", "latest", "codes"), f.columns().stream().map(c -> List.of(
                    c.column(), String.format(java.util.Locale.ROOT, "%.1f %%", c.completeness() * 100),
                    c.min() == null ? "" : c.min(), c.max() == null ? "" : c.max(), codes(c.codes()))).toList());
        }
        return page.render();
    }

    private static String codes(Map<String, Long> codes) {
        return codes == null ? "" : codes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
