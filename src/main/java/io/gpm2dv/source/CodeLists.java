package io.gpm2dv.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The code lists of export format §7, in documented order (the order the mapping layer numbers choices by).
 * A name that is not a list is a programming error, not a data fault.
 */
public final class CodeLists {
    private static final Map<String, List<String>> LISTS = build();

    private CodeLists() {
    }

    /** The values of list {@code name}, e.g. {@code GENDER}. */
    public static List<String> get(String name) {
        List<String> list = LISTS.get(name);
        if (list == null) {
            throw new IllegalArgumentException("unknown code list " + name);
        }
        return list;
    }

    /** Every list by name. */
    public static Map<String, List<String>> all() {
        return LISTS;
    }

    private static Map<String, List<String>> build() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("GENDER", List.of("MALE", "FEMALE", "OTHER", "UNKNOWN"));
        m.put("CLIENT_STATUS", List.of("ACTIVE", "INACTIVE", "DECEASED"));
        m.put("PRACTITIONER_TYPE", List.of("PHYSIOTHERAPIST", "HAND_THERAPIST", "PODIATRIST", "AUDIOLOGIST",
                "OCCUPATIONAL_THERAPIST", "OSTEOPATH", "CHIROPRACTOR", "MASSAGE_THERAPIST", "EXERCISE_PHYSIOLOGIST",
                "PSYCHOLOGIST", "DIETITIAN", "OTHER"));
        m.put("ORGANISATION_TYPE", List.of("EMPLOYER", "INSURER", "ACC", "HEALTH_FUND", "REFERRING_PRACTICE", "DEBTOR",
                "OTHER"));
        m.put("REFERRER_TYPE", List.of("GP", "SPECIALIST", "SURGEON", "ALLIED_HEALTH", "NURSE", "OTHER"));
        m.put("REFERRAL_LINK", List.of("REFERRAL", "USUAL_GP", "OTHER_CONTACT"));
        m.put("CLAIM_TYPE", List.of("ACC", "INSURED", "PRIVATE"));
        m.put("ACC45_STATUS", List.of("INCOMPLETE", "OUTBOX", "INVALID", "RECEIPTED", "PARKED", "SUBMITTED"));
        m.put("CONDITION_STATUS", List.of("OPEN", "DISCHARGED"));
        m.put("APPOINTMENT_KIND", List.of("CLIENT", "QUICK", "CLASS", "BLOCK"));
        m.put("APPOINTMENT_STATUS", List.of("BOOKED", "CONFIRMED", "ARRIVED", "COMPLETED", "DNA", "CANCELLED"));
        m.put("VISIT_CATEGORY", List.of("INITIAL", "FOLLOW_UP", "OTHER"));
        m.put("CANCEL_CHARGE", List.of("NO_CHARGE", "CANCELLATION_FEE", "FULL_CHARGE"));
        m.put("NOTE_TYPE", List.of("TREATMENT", "CLINICAL", "LETTER", "DISCHARGE", "PHONE", "ADMIN"));
        m.put("ASSESSMENT_TYPE", List.of("STANDARD", "SIMPLE", "SOTAP", "SOAPER", "IMAGE", "REHAB", "NONE"));
        m.put("BODY_FORMAT", List.of("PLAIN", "RTF", "HTML"));
        m.put("INVOICE_KIND", List.of("CLIENT_INVOICE", "DEBTOR_INVOICE", "ACC_SCHEDULE", "INSURER_SCHEDULE",
                "CREDIT_NOTE"));
        m.put("PAYER_TYPE", List.of("CLIENT", "ACC", "INSURER", "ORGANISATION"));
        m.put("INVOICE_STATUS", List.of("DRAFT", "OUTSTANDING", "PART_PAID", "PAID", "WRITTEN_OFF", "VOID"));
        m.put("XERO_SYNC_STATUS", List.of("NOT_APPLICABLE", "PENDING", "SYNCED", "FAILED"));
        m.put("LINE_KIND", List.of("SERVICE", "PRODUCT", "CLASS", "CANCELLATION_FEE", "NO_SHOW_FEE", "ADJUSTMENT"));
        m.put("TAX_CODE", List.of("GST15", "GST10", "ZERO_RATED", "EXEMPT"));
        m.put("PAYMENT_KIND", List.of("PAYMENT", "REFUND", "WRITE_OFF", "REVERSAL"));
        m.put("PAYMENT_METHOD", List.of("CASH", "EFTPOS", "CREDIT_CARD", "BANK_TRANSFER", "CHEQUE", "ONLINE",
                "ACC_REMITTANCE", "INSURER_REMITTANCE", "CREDIT_APPLIED", "OTHER"));
        m.put("CF_ENTITY", List.of("CLIENT", "CONDITION", "APPOINTMENT", "PRACTITIONER"));
        m.put("CF_DATA_TYPE", List.of("TEXT", "NUMBER", "DATE", "PICKLIST", "BOOLEAN"));
        m.put("CF_PARSE_STATUS", List.of("OK", "EMPTY", "INVALID"));
        m.put("DOCUMENT_CATEGORY", List.of("UPLOAD", "LETTER", "NOTE_PDF", "REFERRAL", "IMAGE", "FORM_DRAWING", "OTHER"));
        m.put("FILE_STATUS", List.of("PRESENT", "MISSING"));
        m.put("CHANNEL", List.of("SMS", "EMAIL"));
        m.put("DIRECTION", List.of("IN", "OUT"));
        m.put("COMM_PURPOSE", List.of("REMINDER", "CONFIRMATION", "BOOKING", "VERIFICATION", "REPLY", "INVOICE",
                "LETTER", "RECALL", "MARKETING", "GENERAL"));
        m.put("DELIVERY_STATUS", List.of("QUEUED", "SENT", "DELIVERED", "FAILED", "RECEIVED", "UNKNOWN"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
