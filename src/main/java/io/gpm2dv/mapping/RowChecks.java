package io.gpm2dv.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.source.SourceRow;

/**
 * Data-quality checks that report a row by key without changing it (export format §11): the value is migrated as
 * the source has it, and the report names the record so a person can look. Nothing here "corrects" data. The map
 * lists an object's checks by name; checks that compare rows live in {@link ClientChecks} and
 * {@link AppointmentChecks}.
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

    private final MappingContext ctx;

    RowChecks(MappingContext ctx) {
        this.ctx = ctx;
    }

    void apply(List<String> checks, SourceRow row, String key, List<Finding> findings) {
        for (String check : checks) {
            switch (check) {
                // H18: the header is loaded as the source has it; the report names it
                case "invoice-totals" -> {
                    io.gpm2dv.source.InvoiceFacts.LineSums lines = ctx.index().invoiceFacts().linesOf(row.id());
                    if (lines.exclTax().compareTo(row.decimal("subtotal_excl_tax")) != 0) {
                        findings.add(new Finding(key, "subtotal_excl_tax", Finding.TOTALS_MISMATCH));
                    }
                    if (lines.tax().compareTo(row.decimal("tax_total")) != 0) {
                        findings.add(new Finding(key, "tax_total", Finding.TOTALS_MISMATCH));
                    }
                    if (lines.inclTax().compareTo(row.decimal("total_incl_tax")) != 0) {
                        findings.add(new Finding(key, "total_incl_tax", Finding.TOTALS_MISMATCH));
                    }
                }
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
                    if (nhi != null && !Identifiers.isNhiFormat(nhi)) {
                        findings.add(new Finding(key, "nhi_number", Finding.INVALID_IDENTIFIER));
                    }
                }
                // a wrong shape is nhi-format's finding; this one is about well-formed NHIs only
                case "nhi-check" -> {
                    String nhi = row.get("nhi_number");
                    if (Identifiers.isNhiFormat(nhi) && !Identifiers.hasValidNhiCheck(nhi)) {
                        findings.add(new Finding(key, "nhi_number", Finding.INVALID_CHECK_CHARACTER));
                    }
                }
                case "cpn-format" -> {
                    String cpn = row.get("hpi_cpn");
                    if (cpn != null && !Identifiers.isCpn(cpn)) {
                        findings.add(new Finding(key, "hpi_cpn", Finding.INVALID_IDENTIFIER));
                    }
                }
                case "nhi-shared" -> ClientChecks.sharedNhi(ctx.index().clientFacts(), row, key, findings);
                case "duplicate-client" -> ClientChecks.duplicateCandidates(ctx.index().clientFacts(), row, key, findings);
                case "merge-leftover" -> ClientChecks.mergeLeftover(row, key, findings);
                case "dob-after-first-visit" -> ClientChecks.dobAfterFirstVisit(ctx.index().clientFacts(), row, key, findings);
                case "appointment-times" -> AppointmentChecks.times(ctx, row, key, findings);
                case "deceased-client-booking" -> AppointmentChecks.deceasedClientBooking(ctx, row, key, findings);
                default -> throw new IllegalArgumentException("unknown check '" + check + "'");
            }
        }
    }
}
