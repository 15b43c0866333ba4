package io.gpm2dv.mapping;

import io.gpm2dv.source.SourceRow;

/** Texts composed for activities where the source has none of its own. */
final class ActivityTexts {
    static final int SMS_SUBJECT_CHARS = 60;

    private ActivityTexts() {
    }

    /** An email's subject, or for an SMS {@code "SMS: "} + the first 60 characters of its body (target-mapping §2). */
    static String subjectOrSms(SourceRow row) {
        String subject = row.get("subject");
        if (!TextValues.isBlank(subject)) {
            return subject;
        }
        String body = row.get("body");
        if (TextValues.isBlank(body)) {
            return "SMS".equals(row.get("channel")) ? "SMS: (content not retained)" : "(no subject)";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        int end = oneLine.offsetByCodePoints(0, Math.min(SMS_SUBJECT_CHARS, oneLine.codePointCount(0, oneLine.length())));
        return "SMS: " + oneLine.substring(0, end);
    }
}
