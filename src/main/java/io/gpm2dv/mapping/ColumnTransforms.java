package io.gpm2dv.mapping;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.SourceRow;

/**
 * The named transforms a mapping entry can use. Each reads its source column and writes the target column
 * of the draft, or leaves the column empty and keeps the raw value for the {@code -unmapped} note.
 */
final class ColumnTransforms {
    private static final int PHONE_MAX = 50;

    private final MappingContext ctx;

    ColumnTransforms(MappingContext ctx) {
        this.ctx = ctx;
    }

    void apply(ColumnMap col, SourceRow row, RecordDraft draft) {
        switch (col.transformName()) {
            case "text" -> text(col, row, draft);
            case "date" -> put(draft.attributes, col.target(), row.get(col.source()));
            case "timestamp" -> put(draft.attributes, col.target(),
                    row.isNull(col.source()) ? null : row.timestamp(col.source()).toInstant().toString());
            case "boolean" -> {
                Boolean b = row.bool(col.source());
                if (b == null) {
                    draft.attributes.putNull(col.target());
                } else {
                    draft.attributes.put(col.target(), b);
                }
            }
            case "integer" -> {
                Integer i = row.integer(col.source());
                if (i == null) {
                    draft.attributes.putNull(col.target());
                } else {
                    draft.attributes.put(col.target(), i);
                }
            }
            case "decimal" -> {
                BigDecimal d = row.decimal(col.source());
                if (d == null) {
                    draft.attributes.putNull(col.target());
                } else {
                    draft.attributes.put(col.target(), d);
                }
            }
            case "choice" -> choice(col, row, draft);
            case "map" -> {
                String code = row.get(col.source());
                Integer v = code == null || col.values() == null ? null : col.values().get(code);
                if (v == null) {
                    draft.attributes.putNull(col.target());
                } else {
                    draft.attributes.put(col.target(), v);
                }
            }
            case "constant" -> constant(col, draft);
            case "email" -> email(col, row, draft);
            case "phone" -> phone(col, row, draft);
            case "country-name" -> put(draft.attributes, col.target(), ContactPoints.countryName(row.get(col.source())));
            case "join" -> {
                List<String> values = row.stringArray(col.source());
                textValue(col, values == null ? null : String.join(", ", values), draft);
            }
            case "lookup" -> lookup(col, row, draft);
            case "directory" -> draft.directoryRefs.add(new TargetRecord.DirectoryRef(col.target(), col.lookupSet(), col.value()));
            case "site-name" -> {
                ExportIndex.Site site = ctx.index().site(row.longValue(col.source()));
                textValue(col, site == null ? null : site.name(), draft);
            }
            default -> throw new IllegalArgumentException("unknown transform '" + col.transform() + "' for " + col.target());
        }
    }

    private void text(ColumnMap col, SourceRow row, RecordDraft draft) {
        String v = row.get(col.source());
        if (v == null && col.fallbackSource() != null) {
            v = row.get(col.fallbackSource());
        }
        if (v != null && v.isBlank()) {
            draft.attributes.putNull(col.target());
            draft.unmapped(col.source(), "(" + v.length() + " whitespace characters)", "whitespace only",
                    Finding.WHITESPACE_ONLY, col.target());
            return;
        }
        textValue(col, v, draft);
    }

    /** Writes text, fitting it to the column; the full text goes to the note when it does not fit. */
    private void textValue(ColumnMap col, String v, RecordDraft draft) {
        if (v != null && col.max() != null && v.length() > col.max()) {
            draft.attributes.put(col.target(), TextValues.fit(v, col.max()));
            draft.unmapped(col.source() == null ? col.target() : col.source(), v,
                    "longer than " + col.target() + " allows (" + col.max() + "); full text", Finding.TRUNCATED,
                    col.target());
            return;
        }
        put(draft.attributes, col.target(), v);
    }

    private void choice(ColumnMap col, SourceRow row, RecordDraft draft) {
        String code = col.source() == null ? col.value() : row.get(col.source());
        if (code == null) {
            draft.attributes.putNull(col.target());
            return;
        }
        int index = ctx.codeLists().apply(col.codeList()).indexOf(code);
        if (index < 0) {
            draft.attributes.putNull(col.target());
            draft.unmapped(col.source(), code, "not a known " + col.codeList() + " code", Finding.UNKNOWN_CODE, col.target());
            return;
        }
        int first = col.firstValue() == null ? 100_000_000 : col.firstValue();
        draft.attributes.put(col.target(), first + index);
    }

    private void constant(ColumnMap col, RecordDraft draft) {
        try {
            draft.attributes.put(col.target(), Integer.parseInt(col.value()));
        } catch (NumberFormatException notANumber) {
            draft.attributes.put(col.target(), col.value());
        }
    }

    private void email(ColumnMap col, SourceRow row, RecordDraft draft) {
        String raw = row.get(col.source());
        String valid = ContactPoints.firstValidEmail(raw);
        if (raw != null && valid == null) {
            draft.unmapped(col.source(), raw, "not a valid email address", Finding.INVALID_EMAIL, col.target());
        } else if (raw != null && !valid.equals(raw)) {
            draft.unmapped(col.source(), raw, "as recorded; the first valid address went to " + col.target(),
                    Finding.EMAIL_CLEANED, col.target());
        }
        textValue(col, valid, draft);
    }

    private void phone(ColumnMap col, SourceRow row, RecordDraft draft) {
        String raw = row.get(col.source());
        if (raw == null) {
            draft.attributes.putNull(col.target());
            return;
        }
        ContactPoints.Phone phone = ContactPoints.phone(raw, region(col, row));
        if (phone == null) {
            draft.attributes.putNull(col.target());
            draft.unmapped(col.source(), raw, "not a recognisable phone number", Finding.INVALID_PHONE, col.target());
        } else if ("mobilephone".equals(col.target()) && !phone.mobile()) {
            draft.attributes.putNull(col.target());
            draft.unmapped(col.source(), raw, "not a mobile number", Finding.NOT_A_MOBILE, col.target());
        } else {
            draft.attributes.put(col.target(), TextValues.fit(phone.e164(), col.max() == null ? PHONE_MAX : col.max()));
        }
    }

    /** Phones are read in the country of the row ({@code row}) or of the row's site ({@code site:<column>}). */
    private String region(ColumnMap col, SourceRow row) {
        String country = null;
        if ("row".equals(col.country())) {
            country = row.get("country_code");
        } else if (col.country() != null && col.country().startsWith("site:")) {
            ExportIndex.Site site = ctx.index().site(row.longValue(col.country().substring(5)));
            country = site == null ? null : site.countryCode();
        }
        return country != null ? ContactPoints.regionOf(country) : ctx.defaultRegion();
    }

    private void lookup(ColumnMap col, SourceRow row, RecordDraft draft) {
        Long parentId = row.longValue(col.source());
        if (parentId == null) {
            return;
        }
        GpmFile parentFile = fileByPrefix(col.lookup());
        String parentKey = col.lookup() + "-" + parentId;
        if (!ctx.index().contains(parentFile, parentId)) {
            draft.findings.add(new Finding(draft.key, col.target() + " → " + parentKey, Finding.ORPHAN_REFERENCE));
            return;
        }
        TargetRecord.ParentRef ref = new TargetRecord.ParentRef(col.target(), col.lookupSet(),
                ctx.ids().idFor(parentKey), parentKey);
        draft.attributes.put(col.target() + "@odata.bind", "/" + ref.entitySet() + "(" + ref.id() + ")");
        draft.parents.add(ref);
    }

    static GpmFile fileByPrefix(String prefix) {
        for (GpmFile f : GpmFile.values()) {
            if (f.keyPrefix().equals(prefix)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no export file has key prefix '" + prefix + "'");
    }

    private static void put(ObjectNode node, String column, String value) {
        if (value == null) {
            node.putNull(column);
        } else {
            node.put(column, value);
        }
    }
}
