package io.gpm2dv.mapping;

import io.gpm2dv.dataverse.OrganisationSettings;
import io.gpm2dv.source.DocumentFiles;
import io.gpm2dv.source.SourceRow;

/**
 * The named rules that keep a row out of Dataverse, each with the code the reconciliation counts it under and a
 * reason an operator can act on. A skipped row is accounted for, never lost: it is listed in the report.
 */
final class SkipRules {
    static final String MERGED_AWAY = "MERGED_AWAY";
    static final String SINGLE_SITE = "SINGLE_SITE";
    static final String BLOCK = "BLOCK";
    static final String HELD_BACK = "HELD_BACK";
    static final String PRACTICE_LEVEL = "PRACTICE_LEVEL";
    static final String MISSING_FILE = "MISSING_FILE";
    static final String CHECKSUM_MISMATCH = "CHECKSUM_MISMATCH";
    static final String OVERSIZE = "OVERSIZE";
    static final String REEXPORT = "REEXPORT";
    static final String CONTACT_REFERENCE = "CONTACT_REFERENCE";

    /** Why a row is skipped: the rule's code and the reason in words. */
    record Skip(String rule, String reason) {
    }

    private final MappingContext ctx;

    SkipRules(MappingContext ctx) {
        this.ctx = ctx;
    }

    /** The first rule of {@code rules} that skips the row, or null. */
    Skip apply(java.util.List<String> rules, SourceRow row) {
        for (String rule : rules) {
            Skip skip = switch (rule) {
                case "merged-away" -> row.isNull("merged_into_client_id") ? null
                        : new Skip(MERGED_AWAY, "merged into client-" + row.get("merged_into_client_id"));
                case "single-site" -> ctx.index().sites().size() <= 1
                        ? new Skip(SINGLE_SITE, "single-site export: no business unit is created") : null;
                case "block-time" -> "BLOCK".equals(row.get("appointment_kind"))
                        ? new Skip(BLOCK, "BLOCK appointment (non-client time) is not migrated") : null;
                case "restricted" -> Boolean.TRUE.equals(row.bool("is_restricted")) && !ctx.migrateRestricted()
                        ? new Skip(HELD_BACK, "restricted (author-only in Gensolve) and held back; the mapping option"
                                + " restricted-notes: migrate releases it") : null;
                case "practice-level" -> row.isNull("client_id")
                        ? new Skip(PRACTICE_LEVEL, "practice-level document (no client) is not migrated") : null;
                case "document-file" -> documentFile(row);
                case "reexport" -> reexport(row.id(), "re-export");
                case "reexport-line" -> {
                    Long invoice = row.longValue("invoice_id");
                    Skip repeat = invoice == null ? null : reexport(invoice, "line of re-exported invoice-" + invoice + ", a re-export");
                    yield repeat;
                }
                case "contact-reference" -> ctx.invoicesAsContactNotes() ? new Skip(CONTACT_REFERENCE, "invoices: "
                        + "contact-reference: the invoice is a note on its contact, its lines are not written") : null;
                default -> throw new IllegalArgumentException("unknown skip rule '" + rule + "'");
            };
            if (skip != null) {
                return skip;
            }
        }
        return null;
    }

    /** H09: a repeated Xero export of an invoice is never loaded; its Xero id is reconciled onto the original. */
    private Skip reexport(long invoiceId, String what) {
        Long original = ctx.index().invoiceFacts().originalOf(invoiceId);
        if (original == null) {
            return null;
        }
        return new Skip(REEXPORT, what + " of invoice-" + original + " (H09, same invoice number): not loaded; the"
                + " original carries the Xero id (a synced re-export's when the original's own sync failed)");
    }

    /** H10: a missing file, bytes that differ from documents.csv, or a file above the organisation's upload limit. */
    private Skip documentFile(SourceRow row) {
        String path = row.get("stored_path");
        if ("MISSING".equals(row.get("file_status"))) {
            return new Skip(MISSING_FILE, "file_status MISSING in documents.csv: the source has no file for " + path);
        }
        java.util.Optional<DocumentFiles.FileFacts> facts = ctx.documents().facts(path);
        if (facts.isEmpty()) {
            return new Skip(MISSING_FILE, "documents.csv says PRESENT but " + path + " is not in the export package");
        }
        DocumentFiles.FileFacts f = facts.get();
        String declaredSha = row.get("sha256");
        long declaredSize = row.longValue("size_bytes");
        if (f.size() != declaredSize || declaredSha == null || !declaredSha.equalsIgnoreCase(f.sha256())) {
            return new Skip(CHECKSUM_MISMATCH, path + " does not match documents.csv (size " + f.size() + " bytes, declared "
                    + declaredSize + "; SHA-256 " + f.sha256() + ", declared " + declaredSha + ")");
        }
        long limit = ctx.maxUploadBytes().getAsLong();
        long encoded = OrganisationSettings.base64Size(f.size());
        if (encoded > limit) {
            return new Skip(OVERSIZE, "file of " + f.size() + " bytes is " + encoded + " bytes as base64, above the"
                    + " organisation's maxuploadfilesize of " + limit + " bytes; an admin can raise maxuploadfilesize"
                    + " (System Settings > Email > maximum file size) to at least " + encoded + " bytes, at most "
                    + OrganisationSettings.MAX_UPLOAD_CEILING
                    + (encoded > OrganisationSettings.MAX_UPLOAD_CEILING ? " — this file is above even that" : ""));
        }
        return null;
    }
}
