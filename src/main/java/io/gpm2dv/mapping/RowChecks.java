package io.gpm2dv.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.gpm2dv.source.SourceRow;

/**
 * Data-quality checks that report a row by key without changing it (export format §11): the value is migrated as
 * the source has it, and the report names the record so a person can look. Nothing here "corrects" data.
 */
final class RowChecks {
    /** Dates practices type when the real date of birth is unknown (H18). */
    static final Set<LocalDate> DOB_PLACEHOLDERS = Set.of(LocalDate.of(1900, 1, 1), LocalDate.of(1901, 1, 1),
            LocalDate.of(1800, 1, 1), LocalDate.of(1899, 12, 31), LocalDate.of(1970, 1, 1));
    /**
     * UTF-8 read as a single-byte code page (Ã©, Ä\u0081, â€™, Å«) or characters an earlier export could not encode
     * (U+FFFD, a '?' inside a word) — H16. Reported, never repaired.
     */
    private static final Pattern MOJIBAKE = Pattern.compile("[ÃÂ][\\u0080-\\u00BF]|Ä[\\u0080-\\u00BF\\u0100-\\u017F]|"
            + "Å[\\u0080-\\u00BF\\u0100-\\u017F]|â€|\\uFFFD|\\p{L}\\?\\p{L}|[ÃÄÅ]$");
    private static final List<String> NAME_COLUMNS = List.of("first_name", "middle_name", "last_name", "preferred_name");
    /** NHI: legacy LLLNNNC or newer LLLNNLX; letters exclude I and O (H12). */
    private static final Pattern NHI = Pattern.compile("^[A-HJ-NP-Z]{3}([0-9]{4}|[0-9]{2}[A-HJ-NP-Z]{2})$");

    private final MappingContext ctx;

    RowChecks(MappingContext ctx) {
        this.ctx = ctx;
    }

    void apply(List<String> checks, SourceRow row, String key, List<Finding> findings) {
        for (String check : checks) {
            switch (check) {
                case "dob-placeholder" -> {
                    LocalDate dob = row.date("date_of_birth");
                    if (dob != null && DOB_PLACEHOLDERS.contains(dob)) {
                        findings.add(new Finding(key, "birthdate", Finding.DOB_PLACEHOLDER));
                    }
                }
                case "mojibake-name" -> {
                    for (String column : NAME_COLUMNS) {
                        String v = row.get(column);
                        if (v != null && MOJIBAKE.matcher(v).find()) {
                            findings.add(new Finding(key, column, Finding.SUSPECTED_MOJIBAKE));
                        }
                    }
                }
                case "nhi-format" -> {
                    String nhi = row.get("nhi_number");
                    if (nhi != null && !NHI.matcher(nhi).matches()) {
                        findings.add(new Finding(key, "nhi_number", Finding.INVALID_IDENTIFIER));
                    }
                }
                case "appointment-times" -> {
                    Instant start = row.timestamp("start_at").toInstant();
                    Instant end = row.timestamp("end_at").toInstant();
                    if (!end.isAfter(start)) {
                        findings.add(new Finding(key, "scheduledend", Finding.END_NOT_AFTER_START));
                    }
                    if ("COMPLETED".equals(row.get("status")) && ctx.dataCutoff() != null && start.isAfter(ctx.dataCutoff())) {
                        findings.add(new Finding(key, "statecode", Finding.FUTURE_COMPLETED));
                    }
                    if (("CANCELLED".equals(row.get("status")) || "DNA".equals(row.get("status")))
                            && (row.isNull("cancellation_reason") || row.isNull("cancelled_at"))) {
                        findings.add(new Finding(key, "new_cancellationreason", Finding.CANCELLED_WITHOUT_REASON));
                    }
                }
                default -> throw new IllegalArgumentException("unknown check '" + check + "'");
            }
        }
    }
}
