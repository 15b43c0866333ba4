package io.gpm2dv.source;

import java.util.Map;

/** An accepted row as published to {@code gpm.<object>.extracted}. */
public record ExtractedRow(String runId, int runNumber, String object, String key, String file, long row,
        Map<String, String> values) {

    public SourceRow toSourceRow() {
        return new SourceRow(GpmFile.byFileName(file), row, values);
    }
}
