package io.gpm2dv.mapping;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.InvoiceFacts;
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
                } else if (col.min() != null && i < col.min()) {
                    draft.attributes.putNull(col.target());
                    draft.unmapped(col.source(), i.toString(), "below " + col.target() + "'s minimum of " + col.min(),
                            Finding.OUT_OF_RANGE, col.target());
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
            case "migration-key" -> migrationKey(col, row, draft);
            case "referral-name" -> textValue(col, ReferralNames.of(ctx.index(), row), draft);
            case "directory" -> draft.directoryRefs.add(new TargetRecord.DirectoryRef(col.target(), col.lookupSet(), col.value()));
            case "site-name" -> {
                ExportIndex.Site site = ctx.index().site(row.longValue(col.source()));
                String name = site == null ? null : site.name();
                if (col.append() != null && !TextValues.isBlank(row.get(col.append()))) {
                    name = name == null ? row.get(col.append()) : name + ", " + row.get(col.append());
                }
                textValue(col, name, draft);
            }
            case "equals" -> draft.attributes.put(col.target(), col.value().equals(row.get(col.source())));
            case "template" -> textValue(col, template(col.value(), row), draft);
            case "subject-or-sms" -> textValue(col, ActivityTexts.subjectOrSms(row), draft);
            case "client-party" -> clientParty(col, row, draft);
            case "practice-party" -> draft.userParty = new TargetRecord.UserParty(col.target(), mask(col, row),
                    col.user() == null ? "owner" : col.user(), address(col, row));
            case "regarding" -> regarding(col, row, draft);
            case "linked-communication" -> bindLookup(col, draft, COMMUNICATION, ctx.index().communicationSending(row.id()));
            case "note-subject" -> textValue(col, NoteTexts.subject(row), draft);
            case "note-text" -> NoteTexts.apply(ctx, row, draft);
            case "document-text" -> textValue(col, NoteTexts.documentHeader(ctx, row), draft);
            case "document-file" -> draft.file = new TargetRecord.FileRef(row.get("stored_path"), row.longValue("size_bytes"),
                    row.get("sha256"), col.target());
            case "price-list" -> priceList(row, draft);
            case "invoice-line" -> invoiceLine(col, row, draft);
            case "xero" -> xero(col, row, draft);
            case "invoice-reference" -> textValue(col, InvoiceTexts.reference(ctx, row), draft);
            case "unallocated-payments" -> {
                // on a client row: its own and its merged-away duplicates' unallocated payments
                InvoiceFacts.Payments p = ctx.index().invoiceFacts().unallocatedOf(row.id());
                if (p == null) {
                    draft.attributes.putNull(col.target());
                } else {
                    draft.attributes.put(col.target(), p.sum());
                }
            }
            default -> throw new IllegalArgumentException("unknown transform '" + col.transform() + "' for " + col.target());
        }
    }

    /**
     * The invoice's price list {@code Gensolve migration (<currency>)} and its currency: both are resolved (found or
     * created once per run) by owner resolution, before any invoice is written.
     */
    private void priceList(SourceRow row, RecordDraft draft) {
        String currency = row.get("currency");
        draft.directoryRefs.add(new TargetRecord.DirectoryRef("pricelevelid", "pricelevels", "pricelist:" + currency));
        draft.directoryRefs.add(new TargetRecord.DirectoryRef("transactioncurrencyid", "transactioncurrencies",
                "currency:" + currency));
    }

    /**
     * A write-in line's quantity, price, tax and description, chosen so Dataverse's computed amounts equal the source's
     * to the cent ({@link InvoiceLineAmounts}); {@code value} is the organisation's pricing precision (default 2).
     */
    private void invoiceLine(ColumnMap col, SourceRow row, RecordDraft draft) {
        int precision = col.value() == null ? InvoiceLineAmounts.DEFAULT_PRICING_PRECISION : Integer.parseInt(col.value());
        BigDecimal quantity = row.decimal("quantity");
        BigDecimal price = row.decimal("unit_price_excl_tax");
        InvoiceLineAmounts amounts = InvoiceLineAmounts.of(quantity, price, row.decimal("line_total_excl_tax"), precision);
        draft.attributes.put("quantity", amounts.quantity());
        draft.attributes.put("priceperunit", amounts.pricePerUnit());
        draft.attributes.put("tax", row.decimal("line_tax"));
        String description = row.get("service_code") + " " + row.get("description") + amounts.sourceNote(quantity, price);
        textValue(col, description, draft);
        switch (amounts.kind()) {
            case PRICE_ADJUSTED -> draft.findings.add(new Finding(draft.key, "priceperunit", Finding.LINE_PRICE_ADJUSTED));
            case FOLDED -> draft.findings.add(new Finding(draft.key, "quantity", Finding.LINE_FOLDED));
            default -> { }
        }
    }

    /** H09: the Xero id ({@code value: id}) or sync status ({@code value: status}, a Choice) the invoice carries. */
    private void xero(ColumnMap col, SourceRow row, RecordDraft draft) {
        InvoiceFacts.Xero x = ctx.index().invoiceFacts().xeroFor(row.id(), row.get("xero_invoice_id"),
                row.get("xero_sync_status"));
        if ("status".equals(col.value())) {
            int index = ctx.codeLists().apply("XERO_SYNC_STATUS").indexOf(x.syncStatus());
            if (index < 0) {
                draft.attributes.putNull(col.target());
                draft.unmapped("xero_sync_status", x.syncStatus(), "not a known XERO_SYNC_STATUS code", Finding.UNKNOWN_CODE,
                        col.target());
            } else {
                draft.attributes.put(col.target(), 100_000_000 + index);
            }
            return;
        }
        if (x.fromReexport() != null) {
            draft.findings.add(new Finding(draft.key, col.target() + " ← invoice-" + x.fromReexport(), Finding.XERO_ID_FROM_REEXPORT));
        }
        textValue(col, x.invoiceId(), draft);
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
        if ("true".equals(col.value()) || "false".equals(col.value())) {
            draft.attributes.put(col.target(), Boolean.parseBoolean(col.value()));
            return;
        }
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
        bindLookup(col, draft, col.lookup(), row.longValue(col.source()));
    }

    /**
     * The migration key {@code <lookup>-<id>} as text, for a reference no lookup can hold (a referral's letter is a
     * note); an id the export does not hold is an orphan (H15): left empty and reported like an orphan lookup.
     */
    private void migrationKey(ColumnMap col, SourceRow row, RecordDraft draft) {
        Long id = row.longValue(col.source());
        if (id == null) {
            draft.attributes.putNull(col.target());
            return;
        }
        String key = col.lookup() + "-" + id;
        if (!ctx.index().contains(fileByPrefix(col.lookup()), id)) {
            draft.attributes.putNull(col.target());
            draft.findings.add(new Finding(draft.key, col.target() + " → " + key, Finding.ORPHAN_REFERENCE));
            return;
        }
        textValue(col, key, draft);
    }

    /**
     * Binds the lookup to the record of {@code prefix-<id>} (a merged-away client's references go to the client that
     * survives, H01); an id the export does not hold is an orphan (H15): left out and reported. False when nothing
     * was bound.
     */
    private boolean bindLookup(ColumnMap col, RecordDraft draft, String prefix, Long id) {
        TargetRecord.ParentRef ref = parentRef(col.target(), col.lookupSet(), prefix, id, draft);
        if (ref == null) {
            return false;
        }
        draft.attributes.put(col.target() + "@odata.bind", "/" + ref.entitySet() + "(" + ref.id() + ")");
        draft.parents.add(ref);
        return true;
    }

    private TargetRecord.ParentRef parentRef(String navigation, String entitySet, String prefix, Long id, RecordDraft draft) {
        if (id == null) {
            return null;
        }
        if ("client".equals(prefix)) {
            id = ctx.index().survivingClient(id);
        }
        String parentKey = prefix + "-" + id;
        if (!ctx.index().contains(fileByPrefix(prefix), id)) {
            draft.findings.add(new Finding(draft.key, navigation + " → " + parentKey, Finding.ORPHAN_REFERENCE));
            return null;
        }
        return new TargetRecord.ParentRef(navigation, entitySet, ctx.ids().idFor(parentKey), parentKey);
    }

    /** The first candidate lookup that binds (a document's appointment, else its client), with its object type code. */
    private void regarding(ColumnMap col, SourceRow row, RecordDraft draft) {
        for (ColumnMap c : col.candidates()) {
            Long id = row.longValue(c.source());
            if ("appointment".equals(c.lookup()) && id != null && ctx.index().contains(fileByPrefix("appointment"), id)
                    && !ctx.index().isAppointmentRecord(id)) {
                continue; // a QUICK booking became a task and BLOCK time nothing: the next candidate (the client) takes it
            }
            if (bindLookup(c, draft, c.lookup(), id)) {
                if (c.value() != null) {
                    draft.attributes.put("objecttypecode", c.value());
                }
                return;
            }
        }
    }

    /**
     * The client side of an activity (API §11): the client contact, or, when the row has no client (an unmatched
     * inbound SMS), the address it used. The mask is fixed ({@code value}) or chosen by the row ({@code selector}).
     */
    private void clientParty(ColumnMap col, SourceRow row, RecordDraft draft) {
        ObjectNode party = JsonNodeFactory.instance.objectNode();
        TargetRecord.ParentRef contact = parentRef(col.target(), "contacts", CLIENT, row.longValue(col.source()), draft);
        if (contact != null) {
            party.put("partyid_contact@odata.bind", "/contacts(" + contact.id() + ")");
            draft.parents.add(contact);
        } else {
            String address = address(col, row);
            if (address == null) {
                return;
            }
            party.put("addressused", address);
        }
        party.put("participationtypemask", mask(col, row));
        draft.parties(col.target()).add(party);
    }

    private static int mask(ColumnMap col, SourceRow row) {
        if (col.selector() != null) {
            Integer m = col.values().get(row.get(col.selector()));
            if (m == null) {
                throw new IllegalArgumentException("no party mask for " + col.selector() + " " + row.get(col.selector()));
            }
            return m;
        }
        return Integer.parseInt(col.value());
    }

    /** The address a party uses when no record stands for it: the column named for the row's selector value. */
    private static String address(ColumnMap col, SourceRow row) {
        if (col.addressSources() == null) {
            return null;
        }
        String column = col.addressSources().get(col.selector() == null ? "*" : row.get(col.selector()));
        String address = column == null ? null : row.get(column);
        return TextValues.isBlank(address) ? null : address.trim();
    }

    /** {@code {column}} placeholders filled from the row; a line whose placeholders are all empty is left out. */
    static String template(String template, SourceRow row) {
        List<String> lines = new java.util.ArrayList<>();
        for (String line : template.split("\n", -1)) {
            java.util.regex.Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder out = new StringBuilder();
            boolean any = false;
            boolean placeholders = false;
            while (m.find()) {
                placeholders = true;
                String v = row.get(m.group(1));
                any |= !TextValues.isBlank(v);
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v == null ? "" : v));
            }
            m.appendTail(out);
            if (!placeholders || any) {
                lines.add(out.toString());
            }
        }
        String text = String.join("\n", lines);
        return text.isBlank() ? null : text;
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([a-z0-9_]+)}");

    private static final String CLIENT = "client";
    private static final String COMMUNICATION = "communication";

    /**
     * The key prefixes of the records a column binds as parents (what {@link #apply} adds to a record's parents): a
     * lookup, a regarding column's candidates, a client party, the email a document is attached to.
     */
    static List<String> parentPrefixes(ColumnMap col) {
        return switch (col.transformName()) {
            case "lookup" -> col.lookup() == null ? List.of() : List.of(col.lookup());
            case "regarding" -> col.candidates() == null ? List.of()
                    : col.candidates().stream().map(ColumnMap::lookup).filter(java.util.Objects::nonNull).toList();
            case "client-party" -> List.of(CLIENT);
            case "linked-communication" -> List.of(COMMUNICATION);
            default -> List.of();
        };
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
