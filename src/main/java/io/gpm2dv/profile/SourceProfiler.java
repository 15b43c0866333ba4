package io.gpm2dv.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.gpm2dv.mapping.ContactPoints;
import io.gpm2dv.mapping.Identifiers;
import io.gpm2dv.profile.SourceProfile.ColumnProfile;
import io.gpm2dv.profile.SourceProfile.FileProfile;
import io.gpm2dv.source.ColumnSpec;
import io.gpm2dv.source.ColumnType;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportSchema;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.GpmSource;
import io.gpm2dv.source.RowResult;
import io.gpm2dv.source.RowStream;
import io.gpm2dv.source.SourceRow;

/**
 * Profiles an export in one pass over each file: rows, completeness, date ranges and codes per column, and the
 * hazards of export format §11 the product detects, counted per row with up to five example keys. Memory stays
 * bounded: per column a counter, two extremes and at most {@link #MAX_CODES} codes; across files only what the
 * duplicate and shared-email checks need.
 */
public final class SourceProfiler {
    static final int MAX_CODES = 50;
    static final String OTHER_CODES = "(other)";
    /** Larger than many targets' upload limit (export format H10). */
    static final long LARGE_DOCUMENT = 26_214_400L;
    /** Oracle's VARCHAR2 maximum, beyond which a note is "very long" (H17). */
    static final int LONG_TEXT_BYTES = 32_767;

    private SourceProfiler() {
    }

    public static SourceProfile profile(GpmSource source, ExportIndex index) throws IOException {
        Hazards hazards = new Hazards();
        String region = ContactPoints.regionOf(source.manifest().sourceRegion());
        List<FileProfile> files = new ArrayList<>();
        for (GpmFile file : GpmFile.values()) {
            List<ColumnSpec> specs = ExportSchema.of(file).columns();
            long[] nonNull = new long[specs.size()];
            String[] min = new String[specs.size()];
            String[] max = new String[specs.size()];
            List<Map<String, Long>> codes = new ArrayList<>();
            specs.forEach(s -> codes.add(hasCodes(s.type()) ? new TreeMap<>() : null));
            long rows = 0;
            long rejected = 0;
            try (RowStream stream = source.rows(file)) {
                while (stream.hasNext()) {
                    RowResult r = stream.next();
                    if (!(r instanceof SourceRow row)) {
                        rejected++;
                        continue;
                    }
                    rows++;
                    for (int i = 0; i < specs.size(); i++) {
                        ColumnSpec s = specs.get(i);
                        String v = row.get(s.name());
                        if (v == null) {
                            continue;
                        }
                        nonNull[i]++;
                        if (s.type().kind() == ColumnType.Kind.DATE || s.type().kind() == ColumnType.Kind.TIMESTAMP) {
                            if (min[i] == null || before(s.type(), v, min[i])) {
                                min[i] = v;
                            }
                            if (max[i] == null || before(s.type(), max[i], v)) {
                                max[i] = v;
                            }
                        }
                        Map<String, Long> c = codes.get(i);
                        if (c != null) {
                            String code = c.containsKey(v) || c.size() < MAX_CODES ? v : OTHER_CODES;
                            c.merge(code, 1L, Long::sum);
                        }
                        if (s.references() != null && !index.contains(s.references(), Long.parseLong(v))) {
                            hazards.found("H15", row);
                        }
                    }
                    hazards.check(file, row, region, index);
                }
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot read " + file.fileName(), e);
            }
            List<ColumnProfile> columns = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                columns.add(new ColumnProfile(specs.get(i).name(), rows == 0 ? 0 : round((double) nonNull[i] / rows), min[i],
                        max[i], codes.get(i)));
            }
            files.add(new FileProfile(file.fileName(), rows, rejected, columns));
        }
        return new SourceProfile(files, hazards.counts());
    }

    private static boolean hasCodes(ColumnType t) {
        return t.kind() == ColumnType.Kind.CODE || t.kind() == ColumnType.Kind.BOOLEAN;
    }

    private static boolean before(ColumnType t, String a, String b) {
        return t.kind() == ColumnType.Kind.DATE ? LocalDate.parse(a).isBefore(LocalDate.parse(b))
                : OffsetDateTime.parse(a).toInstant().isBefore(OffsetDateTime.parse(b).toInstant());
    }

    private static double round(double d) {
        return Math.round(d * 10000) / 10000.0;
    }

    /** The hazard checks, per row of the file it concerns. */
    static final class Hazards {
        private final Map<String, long[]> counts = new TreeMap<>();
        private final Map<String, List<String>> examples = new HashMap<>();
        private final Map<String, Long> clientKeys = new HashMap<>();
        private final Map<String, List<String>> practitionerEmails = new HashMap<>();

        void found(String code, SourceRow row) {
            counts.computeIfAbsent(code, k -> new long[1])[0]++;
            List<String> ex = examples.computeIfAbsent(code, k -> new ArrayList<>());
            if (ex.size() < 5 && !ex.contains(row.migrationKey())) {
                ex.add(row.migrationKey());
            }
        }

        void check(GpmFile file, SourceRow row, String region, ExportIndex index) {
            switch (file) {
                case CLIENTS -> client(row, region);
                case PRACTITIONERS -> {
                    if (Boolean.FALSE.equals(row.bool("is_active"))) {
                        found("H06", row);
                    }
                    String email = row.get("email");
                    if (email != null) {
                        practitionerEmails.computeIfAbsent(email.trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                .add(row.migrationKey());
                    }
                }
                case APPOINTMENTS -> {
                    Long p = row.longValue("practitioner_id");
                    if (p == null || index.practitioner(p) == null) {
                        found("H07", row);
                    }
                    if (row.isNull("client_id")) {
                        found("H08", row);
                    }
                    if (!row.timestamp("end_at").isAfter(row.timestamp("start_at"))) {
                        found("H18", row);
                    }
                }
                case INVOICES -> {
                    if (Boolean.TRUE.equals(row.bool("is_reexport"))) {
                        found("H09", row);
                    }
                }
                case DOCUMENTS -> {
                    Long size = row.longValue("size_bytes");
                    if ("MISSING".equals(row.get("file_status")) || (size != null && size > LARGE_DOCUMENT)) {
                        found("H10", row);
                    }
                }
                case CLINICAL_NOTES -> {
                    String format = row.get("body_format");
                    String body = row.get("body");
                    if (!"PLAIN".equals(format) || (body != null && body.startsWith("{\\rtf"))) {
                        found("H11", row);
                    }
                    if (body != null && body.getBytes(StandardCharsets.UTF_8).length > LONG_TEXT_BYTES) {
                        found("H17", row);
                    }
                }
                case CUSTOM_FIELD_VALUES -> {
                    if ("INVALID".equals(row.get("parse_status"))) {
                        found("H14", row);
                    }
                }
                default -> {
                }
            }
        }

        private void client(SourceRow row, String region) {
            String email = row.get("email");
            if (email == null) {
                found("H02", row);
            } else if (!email.trim().equals(ContactPoints.firstValidEmail(email))) {
                found("H03", row);
            }
            for (String phone : new String[] {row.get("mobile_phone"), row.get("home_phone")}) {
                if (phone != null && ContactPoints.phone(phone, region) == null) {
                    found("H04", row);
                    break;
                }
            }
            String nhi = row.get("nhi_number");
            if (nhi != null && (!Identifiers.isNhiFormat(nhi) || !Identifiers.hasValidNhiCheck(nhi))) {
                found("H12", row);
            }
            String first = row.get("first_name");
            String last = row.get("last_name");
            if ((first != null && mojibake(first)) || (last != null && mojibake(last))) {
                found("H16", row);
            }
            // H01: a second client with the same NHI, or the same folded name and date of birth
            List<String> keys = new ArrayList<>();
            if (nhi != null) {
                keys.add("nhi:" + nhi.trim().toUpperCase(Locale.ROOT));
            }
            if (last != null && first != null && row.get("date_of_birth") != null) {
                keys.add("name:" + fold(last) + "|" + fold(first) + "|" + row.get("date_of_birth"));
            }
            boolean duplicate = false;
            for (String k : keys) {
                duplicate |= clientKeys.putIfAbsent(k, row.id()) != null;
            }
            if (duplicate) {
                found("H01", row);
            }
        }

        private static boolean mojibake(String name) {
            return name.contains("?") || name.contains("Ã") || name.contains("Ä") || name.contains("\uFFFD");
        }

        private static String fold(String s) {
            return java.text.Normalizer.normalize(s.trim().toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
        }

        List<SourceProfile.HazardCount> counts() {
            practitionerEmails.values().stream().filter(keys -> keys.size() > 1).flatMap(List::stream).forEach(key -> {
                counts.computeIfAbsent("H05", k -> new long[1])[0]++;
                List<String> ex = examples.computeIfAbsent("H05", k -> new ArrayList<>());
                if (ex.size() < 5) {
                    ex.add(key);
                }
            });
            List<SourceProfile.HazardCount> out = new ArrayList<>();
            DESCRIPTIONS.forEach((code, description) -> {
                boolean checked = !NOT_CHECKED.contains(code);
                out.add(new SourceProfile.HazardCount(code, checked ? description : description + " (not checked by the profile)",
                        checked ? counts.getOrDefault(code, new long[1])[0] : null,
                        checked ? examples.getOrDefault(code, List.of()) : List.of()));
            });
            return out;
        }
    }

    /** H13 (time zones) is resolved by the producer, which warns per row; the profile does not re-derive it. */
    static final List<String> NOT_CHECKED = List.of("H13");

    static final Map<String, String> DESCRIPTIONS = new java.util.LinkedHashMap<>();
    static {
        DESCRIPTIONS.put("H01", "duplicate clients: a second client with the same NHI, or the same name and date of birth");
        DESCRIPTIONS.put("H02", "clients without email");
        DESCRIPTIONS.put("H03", "clients whose email is invalid or a list (first valid address differs)");
        DESCRIPTIONS.put("H04", "clients with a phone number that does not parse");
        DESCRIPTIONS.put("H05", "practitioners sharing an email with another practitioner");
        DESCRIPTIONS.put("H06", "practitioners who left (is_active = N)");
        DESCRIPTIONS.put("H07", "appointments whose practitioner is missing or not in the export");
        DESCRIPTIONS.put("H08", "appointments without a client (QUICK, BLOCK)");
        DESCRIPTIONS.put("H09", "invoices that are Xero re-exports");
        DESCRIPTIONS.put("H10", "documents whose file is missing or larger than 25 MiB");
        DESCRIPTIONS.put("H11", "clinical notes in RTF or HTML");
        DESCRIPTIONS.put("H12", "clients whose NHI fails its format or check character");
        DESCRIPTIONS.put("H13", "times in a DST gap or overlap");
        DESCRIPTIONS.put("H14", "custom values that did not parse (parse_status INVALID)");
        DESCRIPTIONS.put("H15", "rows referring to a record the export lacks (orphan foreign keys)");
        DESCRIPTIONS.put("H16", "client names with suspected mojibake (?, Ã, Ä, U+FFFD)");
        DESCRIPTIONS.put("H17", "clinical notes longer than 32,767 bytes");
        DESCRIPTIONS.put("H18", "appointments that end before they start");
    }
}
