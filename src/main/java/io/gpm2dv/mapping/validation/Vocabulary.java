package io.gpm2dv.mapping.validation;

import java.util.Set;

/**
 * The names a map may use: the cases of ColumnTransforms, SkipRules, RowChecks and StateRules, and the values of the
 * map's options. Kept beside the validator; MappingValidatorTest proves the default map uses only these.
 */
final class Vocabulary {
    static final Set<String> TRANSFORMS = Set.of("text", "date", "timestamp", "boolean", "integer", "decimal", "choice",
            "map", "constant", "email", "phone", "country-name", "join", "lookup", "migration-key", "referral-name",
            "directory", "site-name", "equals", "template", "subject-or-sms", "client-party", "practice-party", "regarding",
            "linked-communication", "note-subject", "note-text", "document-text", "document-file", "price-list",
            "invoice-line", "xero", "invoice-reference", "unallocated-payments");
    static final Set<String> SKIP_RULES = Set.of("merged-away", "single-site", "block-time", "restricted", "practice-level",
            "document-file", "reexport", "reexport-line", "contact-reference");
    static final Set<String> CHECKS = Set.of("invoice-totals", "dob-placeholder", "mojibake-name", "nhi-format", "nhi-check",
            "cpn-format", "nhi-shared", "duplicate-client", "merge-leftover", "dob-after-first-visit", "appointment-times",
            "deceased-client-booking");
    static final Set<String> STATE_RULES = Set.of("active-flag", "client-status", "appointment-status", "email-direction",
            "invoice-status");
    static final Set<String> OWNERS = Set.of("practitioner", "fallback", "none");
    static final Set<String> OWNER_VIA = Set.of("appointment", "client");
    static final Set<String> OWNER_FALLBACK = Set.of("client-default-practitioner");
    /** Variant conditions that are named rules rather than a column. */
    static final Set<String> VARIANT_RULES = Set.of("sent-by-communication", "contact-reference");
    static final Set<String> RESTRICTED_NOTES = Set.of("hold-back", "migrate");
    static final Set<String> INVOICES = Set.of("invoice", "contact-reference");
    static final Set<String> BLOCK_APPOINTMENTS = Set.of("skip");

    /** Transforms whose output is text; they fit String and Memo columns. */
    static final Set<String> TEXT_OUT = Set.of("text", "join", "template", "site-name", "email", "phone", "country-name",
            "subject-or-sms", "referral-name", "note-subject", "document-text", "invoice-reference");

    private Vocabulary() {
    }

    /** The target AttributeTypes a transform's value fits, or null when the transform is not checked. */
    static Set<String> fits(String transform) {
        if (TEXT_OUT.contains(transform)) {
            return Set.of("String", "Memo");
        }
        return switch (transform) {
            case "date", "timestamp" -> Set.of("DateTime");
            case "boolean", "equals" -> Set.of("Boolean");
            case "integer" -> Set.of("Integer", "BigInt", "Decimal", "Double", "Money");
            case "decimal" -> Set.of("Decimal", "Double", "Money");
            case "choice", "map" -> Set.of("Picklist", "State", "Status", "Virtual");
            case "lookup", "regarding", "linked-communication" -> Set.of("Lookup", "Customer", "Owner");
            default -> null;
        };
    }

    /** The source column kinds a transform reads, or null when any kind will do. */
    static Set<String> reads(String transform) {
        return switch (transform) {
            case "date" -> Set.of("DATE");
            case "timestamp" -> Set.of("TIMESTAMP", "DATE");
            case "boolean" -> Set.of("BOOLEAN");
            case "integer" -> Set.of("INTEGER", "ID");
            case "decimal" -> Set.of("DECIMAL", "INTEGER");
            case "choice" -> Set.of("CODE", "JSON_STRINGS");
            case "lookup" -> Set.of("ID");
            default -> null;
        };
    }
}
