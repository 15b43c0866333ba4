package io.gpm2dv.source;

/** The CSV files of a Gensolve export package (export format §4, §8), with their primary-key column. */
public enum GpmFile {
    SITES("sites.csv", "site_id", "site", true),
    PRACTITIONERS("practitioners.csv", "practitioner_id", "practitioner", true),
    CLIENT_ORGANISATIONS("client_organisations.csv", "organisation_id", "organisation", true),
    CLIENTS("clients.csv", "client_id", "client", true),
    REFERRERS("referrers.csv", "referrer_id", "referrer", true),
    CLIENT_REFERRALS("client_referrals.csv", "referral_id", "referral", true),
    CONDITIONS("conditions.csv", "condition_id", "condition", false),
    APPOINTMENTS("appointments.csv", "appointment_id", "appointment", true),
    CLINICAL_NOTES("clinical_notes.csv", "note_id", "note", true),
    INVOICES("invoices.csv", "invoice_id", "invoice", true),
    INVOICE_LINES("invoice_lines.csv", "invoice_line_id", "invoiceline", true),
    PAYMENTS("payments.csv", "payment_id", "payment", false),
    CUSTOM_FIELD_DEFINITIONS("custom_field_definitions.csv", "custom_field_id", "customfield", true),
    CUSTOM_FIELD_VALUES("custom_field_values.csv", "value_id", "customvalue", true),
    DOCUMENTS("documents.csv", "document_id", "document", true),
    COMMUNICATIONS("communications.csv", "communication_id", "communication", true);

    private final String fileName;
    private final String primaryKey;
    private final String keyPrefix;
    private final boolean required;

    GpmFile(String fileName, String primaryKey, String keyPrefix, boolean required) {
        this.fileName = fileName;
        this.primaryKey = primaryKey;
        this.keyPrefix = keyPrefix;
        this.required = required;
    }

    public String fileName() { return fileName; }

    public String primaryKey() { return primaryKey; }

    /** Prefix of the migration key (target-mapping §1): client 1042 → {@code client-1042}. */
    public String keyPrefix() { return keyPrefix; }

    /** Whether the package must contain the file (the 14 non-optional CSVs). */
    public boolean required() { return required; }

    public static GpmFile byFileName(String name) {
        for (GpmFile f : values()) {
            if (f.fileName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
