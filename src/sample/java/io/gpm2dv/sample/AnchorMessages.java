package io.gpm2dv.sample;

import java.time.Instant;

/** Anchor communications 90001–90010: unmatched inbound SMS, failed sends to bad addresses, an attachment. */
final class AnchorMessages {
    private AnchorMessages() {
    }

    static void write(PackageWriter out) {
        sms(out, 90001, 1001L, 10002L, "OUT", "REMINDER", "HARBOURSIDE", "021 555 1001",
                "Reminder: physio with Aroha Mon 19 Feb 10:00. Reply Y to confirm.", nz(2024, 2, 18, 10, 0), "DELIVERED");
        sms(out, 90002, null, null, "IN", "REPLY", "+64 21 555 9999", "HARBOURSIDE", "Yes see you then", nz(2024, 2, 18, 10, 7), "RECEIVED");
        email(out, 90003, 1009L, "OUT", "INVOICE", "accounts@harbourside.example", "jo@gmail", "Your invoice 3458",
                "PLAIN", "Kia ora Jo,\r\nplease find your invoice attached.", nz(2024, 3, 4, 17, 0), "FAILED").write(nz(2024, 3, 4, 17, 0), nz(2024, 3, 4, 17, 0));
        email(out, 90004, 1030L, "OUT", "INVOICE", "accounts@harbourside.example", "amelia.stewart@example.com", "Invoice 3470",
                "HTML", "<p>Dear Amelia, your invoice <b>3470</b> is attached.</p>", nz(2024, 3, 18, 12, 0), "SENT")
                .v("document_id", 7010).write(nz(2024, 3, 18, 12, 0), nz(2024, 3, 18, 12, 0));
        sms(out, 90005, 1002L, null, "OUT", "VERIFICATION", "HARBOURSIDE", "021 555 1002",
                "Your Harbourside verification code is 482913", nz(2024, 2, 3, 10, 16), "DELIVERED");
        sms(out, 90006, 1016L, 10012L, "OUT", "REMINDER", "HARBOURSIDE", "021 555 1016", null, nz(2025, 3, 14, 9, 0), "QUEUED");
        sms(out, 90007, 1018L, null, "OUT", "RECALL", "HARBOURSIDE", "(09) 555-1234",
                "Time for your 6-month check-up, call 09 555 0100", nz(2024, 8, 1, 9, 0), "FAILED");
        email(out, 90008, 1013L, "IN", "REPLY", "aroha.henare@example.nz", "reception@harbourside.example", "Re: appointment",
                "PLAIN", Texts.multiline(), nz(2024, 6, 28, 20, 14), "RECEIVED").write(nz(2024, 6, 28, 20, 14), nz(2024, 6, 28, 20, 14));
        email(out, 90009, 1001L, "OUT", "LETTER", "aroha.ngata@harbourside.example", "tane.kumara@example.co.nz",
                "Tāne – your exercise programme", "PLAIN", "Kia ora Tāne,\r\nhere is your programme.\r\nNgā mihi", nz(2024, 2, 20, 8, 30), "SENT")
                .v("sent_by", "Aroha Ngata").write(nz(2024, 2, 20, 8, 30), nz(2024, 2, 20, 8, 30));
        sms(out, 90010, 1032L, 10011L, "OUT", "CONFIRMATION", "HARBOURSIDE", "0412 555 032", "Confirmed: Mon 3 Jun 9:00 Brisbane",
                nz(2024, 5, 31, 12, 0), "DELIVERED");
    }

    private static Instant nz(int y, int m, int d, int h, int min) {
        return SampleTime.nz(y, m, d, h, min);
    }

    static void sms(PackageWriter out, long id, Long client, Long appointment, String direction, String purpose, String from,
            String to, String body, Instant at, String status) {
        out.communications.row().v("communication_id", id).v("client_id", client).v("appointment_id", appointment)
                .v("channel", "SMS").v("direction", direction).v("purpose", purpose).v("from_address", from)
                .v("to_address", to).v("body_format", "PLAIN").v("body", body).v("occurred_at", at)
                .v("delivery_status", status).v("sent_by", direction.equals("OUT") ? "SYSTEM" : null)
                .v("provider_message_id", "SMS-" + id).write(at, at);
    }

    static CsvFileWriter.Row email(PackageWriter out, long id, Long client, String direction, String purpose, String from,
            String to, String subject, String format, String body, Instant at, String status) {
        return out.communications.row().v("communication_id", id).v("client_id", client).v("channel", "EMAIL")
                .v("direction", direction).v("purpose", purpose).v("from_address", from).v("to_address", to)
                .v("subject", subject).v("body_format", format).v("body", body).v("occurred_at", at)
                .v("delivery_status", status);
    }
}
