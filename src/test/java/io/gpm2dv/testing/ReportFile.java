package io.gpm2dv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The reconciliation report a run wrote, read the way an operator reads it: from the file. */
public final class ReportFile {
    private final JsonNode root;

    private ReportFile(JsonNode root) {
        this.root = root;
    }

    /** {@code <reportDir>/runs/<run number>/reconciliation.json}. */
    public static ReportFile of(Path reportDir, int runNumber) {
        try {
            return new ReportFile(new ObjectMapper().readTree(
                    reportDir.resolve("runs").resolve(Integer.toString(runNumber)).resolve("reconciliation.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** The entries of one list ({@code skipped}, {@code deadLettered}, {@code findings}). */
    public List<JsonNode> list(String name) {
        List<JsonNode> out = new ArrayList<>();
        root.path(name).forEach(out::add);
        return out;
    }
}
