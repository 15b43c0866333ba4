package io.gpm2dv.owner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.report.HtmlPage;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.GpmSource;

/**
 * The owner report before a run, from the export, the map in force and the users Dataverse has now; written to the
 * report directory as {@code owner-report.json}, {@code owner-report.md} and {@code owner-report.html}. Reads only; records nothing.
 */
@ApplicationScoped
public class OwnerPreviewService {
    public static final String JSON_FILE = "owner-report.json";
    public static final String HTML_FILE = "owner-report.html";
    public static final String MD_FILE = "owner-report.md";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Inject
    ExportSource exportSource;

    @Inject
    MappingSpecs specs;

    @Inject
    TargetDirectory directory;

    @Inject
    MigrationConfig config;

    public OwnerPreview.Report report() {
        try {
            GpmSource source = exportSource.open();
            OwnerDirectory owners = OwnerDirectory.resolve(exportSource.index().practitioners().values(),
                    directory.users(), config.fallbackOwner().orElse(null), false);
            OwnerPreview.Report report = OwnerPreview.of(owners,
                    OwnerPreview.recordsPerPractitioner(source, exportSource.index(), specs.current()),
                    "migration.fallback-owner");
            write(report);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export for the owner report", e);
        } catch (io.gpm2dv.source.ExportRefusedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The report as a page a person opens in a browser. */
    public static String html(OwnerPreview.Report r) {
        HtmlPage page = new HtmlPage("Owner report before the run");
        OwnerPreview.Fallback f = r.fallbackOwner();
        page.paragraph("Fallback owner (" + f.setting() + "): " + (f.usable() ? "system user " + f.userId() : f.problem())
                + "; it would own " + f.records() + " record(s).");
        page.table(List.of("practitioner", "outcome", "system user", "records", "what an admin must do"),
                r.practitioners().stream().map(l -> List.of(l.practitioner(), l.outcome(),
                        l.userId() == null ? "(fallback owner)" : l.userId(), Long.toString(l.records()), l.action()))
                        .toList());
        return page.render();
    }

    private void write(OwnerPreview.Report report) throws IOException {
        Path dir = config.reportDir();
        java.nio.file.Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(JSON_FILE).toFile(), report);
        java.nio.file.Files.writeString(dir.resolve(HTML_FILE), html(report));
        java.nio.file.Files.writeString(dir.resolve(MD_FILE), markdown(report));
    }

    /** The report as Markdown: the fallback owner, then one row per practitioner; ids and counts only. */
    public static String markdown(OwnerPreview.Report r) {
        OwnerPreview.Fallback f = r.fallbackOwner();
        StringBuilder md = new StringBuilder("# Owner report before the run\n\n")
                .append("Fallback owner (").append(f.setting()).append("): ")
                .append(f.usable() ? "system user " + f.userId() : f.problem())
                .append("; it would own ").append(f.records()).append(" record(s).\n\n")
                .append("| practitioner | outcome | system user | records | what an admin must do |\n")
                .append("|---|---|---|---|---|\n");
        for (OwnerPreview.Line l : r.practitioners()) {
            md.append("| ").append(l.practitioner()).append(" | ").append(l.outcome()).append(" | ")
                    .append(l.userId() == null ? "(fallback owner)" : l.userId()).append(" | ").append(l.records())
                    .append(" | ").append(l.action()).append(" |\n");
        }
        return md.toString();
    }
}
