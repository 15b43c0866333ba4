package io.gpm2dv.profile;

import java.util.List;
import java.util.Map;

/**
 * What the export holds before anything moves: per file its rows and per column how complete it is, the range of its
 * dates and the codes it uses; and each data-quality hazard (export format §11) found, with example keys. Ids, codes
 * and counts only.
 */
public record SourceProfile(List<FileProfile> files, List<HazardCount> hazards) {

    /** One file: rows read, rows the export's types rejected, its columns. */
    public record FileProfile(String file, long rows, long rejected, List<ColumnProfile> columns) {
    }

    /**
     * One column: {@code completeness} the fraction 0–1 of rows with a value; {@code min}/{@code max} the earliest and
     * latest value of a date or timestamp column (ISO); {@code codes} the count of each value of a code or Y/N column.
     */
    public record ColumnProfile(String column, double completeness, String min, String max, Map<String, Long> codes) {
    }

    /** A hazard: how many rows show it (null: not checked by the profile) and up to five example keys. */
    public record HazardCount(String code, String description, Long count, List<String> examples) {
    }
}
