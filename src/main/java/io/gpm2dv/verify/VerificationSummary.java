package io.gpm2dv.verify;

import java.util.List;
import java.util.Map;

/**
 * What read-back verification found for a run: records checked, sent columns compared, mismatches (in total and per
 * object) and the first few mismatches as examples — object, key, column and the kinds of both values, never values.
 */
public record VerificationSummary(long checked, long columns, long mismatches, Map<String, Long> mismatchesPerObject,
        List<Example> examples) {

    public record Example(String object, String key, String column, String sentKind, String readKind) {
    }
}
