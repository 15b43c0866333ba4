package io.gpm2dv.sample;

import java.util.List;
import java.util.Map;

/** The code lists of export format §7, as the generator must emit them. */
final class CodeLists {
    static final Map<String, List<String>> LISTS = Map.ofEntries(
            Map.entry("GENDER", List.of("MALE", "FEMALE", "OTHER", "UNKNOWN")),
            Map.entry("CLIENT_STATUS", List.of("ACTIVE", "INACTIVE", "DECEASED")),
            Map.entry("PRACTITIONER_TYPE", List.of("PHYSIOTHERAPIST", "HAND_THERAPIST", "PODIATRIST", "AUDIOLOGIST",
                    "OCCUPATIONAL_THERAPIST", "OSTEOPATH", "CHIROPRACTOR", "MASSAGE_THERAPIST", "EXERCISE_PHYSIOLOGIST",
                    "PSYCHOLOGIST", "DIETITIAN", "OTHER")),
            Map.entry("ORGANISATION_TYPE", List.of("EMPLOYER", "INSURER", "ACC", "HEALTH_FUND", "REFERRING_PRACTICE", "DEBTOR", "OTHER")),
            Map.entry("REFERRER_TYPE", List.of("GP", "SPECIALIST", "SURGEON", "ALLIED_HEALTH", "NURSE", "OTHER")),
            Map.entry("REFERRAL_LINK", List.of("REFERRAL", "USUAL_GP", "OTHER_CONTACT")),
            Map.entry("CLAIM_TYPE", List.of("ACC", "INSURED", "PRIVATE")),
            Map.entry("ACC45_STATUS", List.of("INCOMPLETE", "OUTBOX", "INVALID", "RECEIPTED", "PARKED", "SUBMITTED")),
            Map.entry("CONDITION_STATUS", List.of("OPEN", "DISCHARGED")),
            Map.entry("APPOINTMENT_KIND", List.of("CLIENT", "QUICK", "CLASS", "BLOCK")),
            Map.entry("APPOINTMENT_STATUS", List.of("BOOKED", "CONFIRMED", "ARRIVED", "COMPLETED", "DNA", "CANCELLED")),
            Map.entry("VISIT_CATEGORY", List.of("INITIAL", "FOLLOW_UP", "OTHER")),
            Map.entry("CANCEL_CHARGE", List.of("NO_CHARGE", "CANCELLATION_FEE", "FULL_CHARGE")),
            Map.entry("NOTE_TYPE", List.of("TREATMENT", "CLINICAL", "LETTER", "DISCHARGE", "PHONE", "ADMIN")),
            Map.entry("ASSESSMENT_TYPE", List.of("STANDARD", "SIMPLE", "SOTAP", "SOAPER", "IMAGE", "REHAB", "NONE")),
            Map.entry("BODY_FORMAT", List.of("PLAIN", "RTF", "HTML")),
            Map.entry("INVOICE_KIND", List.of("CLIENT_INVOICE", "DEBTOR_INVOICE", "ACC_SCHEDULE", "INSURER_SCHEDULE", "CREDIT_NOTE")),
            Map.entry("PAYER_TYPE", List.of("CLIENT", "ACC", "INSURER", "ORGANISATION")),
            Map.entry("INVOICE_STATUS", List.of("DRAFT", "OUTSTANDING", "PART_PAID", "PAID", "WRITTEN_OFF", "VOID")),
            Map.entry("XERO_SYNC_STATUS", List.of("NOT_APPLICABLE", "PENDING", "SYNCED", "FAILED")),
            Map.entry("LINE_KIND", List.of("SERVICE", "PRODUCT", "CLASS", "CANCELLATION_FEE", "NO_SHOW_FEE", "ADJUSTMENT")),
            Map.entry("TAX_CODE", List.of("GST15", "GST10", "ZERO_RATED", "EXEMPT")),
            Map.entry("PAYMENT_KIND", List.of("PAYMENT", "REFUND", "WRITE_OFF", "REVERSAL")),
            Map.entry("PAYMENT_METHOD", List.of("CASH", "EFTPOS", "CREDIT_CARD", "BANK_TRANSFER", "CHEQUE", "ONLINE",
                    "ACC_REMITTANCE", "INSURER_REMITTANCE", "CREDIT_APPLIED", "OTHER")),
            Map.entry("CF_ENTITY", List.of("CLIENT", "CONDITION", "APPOINTMENT", "PRACTITIONER")),
            Map.entry("CF_DATA_TYPE", List.of("TEXT", "NUMBER", "DATE", "PICKLIST", "BOOLEAN")),
            Map.entry("CF_PARSE_STATUS", List.of("OK", "EMPTY", "INVALID")),
            Map.entry("DOCUMENT_CATEGORY", List.of("UPLOAD", "LETTER", "NOTE_PDF", "REFERRAL", "IMAGE", "FORM_DRAWING", "OTHER")),
            Map.entry("FILE_STATUS", List.of("PRESENT", "MISSING")),
            Map.entry("CHANNEL", List.of("SMS", "EMAIL")),
            Map.entry("DIRECTION", List.of("IN", "OUT")),
            Map.entry("COMM_PURPOSE", List.of("REMINDER", "CONFIRMATION", "BOOKING", "VERIFICATION", "REPLY", "INVOICE",
                    "LETTER", "RECALL", "MARKETING", "GENERAL")),
            Map.entry("DELIVERY_STATUS", List.of("QUEUED", "SENT", "DELIVERED", "FAILED", "RECEIVED", "UNKNOWN")));

    private CodeLists() {
    }

    static List<String> of(String list) {
        List<String> values = LISTS.get(list);
        if (values == null) {
            throw new IllegalArgumentException("no code list " + list);
        }
        return values;
    }
}
