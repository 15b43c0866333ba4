package io.gpm2dv.sample;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Anchor invoices 30001–30014 with lines 40001– and payments 50001–: H09 re-export, H15, H18 sums and refunds. */
final class AnchorBilling {
    private static final String PHYSIO = "73.9130";
    private long lineId = 40001;

    private AnchorBilling() {
    }

    static void write(PackageWriter out) {
        new AnchorBilling().all(out);
    }

    private void all(PackageWriter out) {
        InvoiceDraft i1 = client(30001, "3456", 1001, 11, d(2024, 2, 19));
        i1.line("SERVICE", 10001L, "SURCH", "ACC surcharge", null, "1", "17.3913", "GST15")
                .line("SERVICE", 10002L, "SURCH", "ACC surcharge", null, "1", "17.3913", "GST15");
        i1.paid = i1.total();
        i1.xeroId = "0b6c3d1e-1111-4a5b-8c9d-000000030001";
        write(out, i1);
        // H09: the repeat of 3456 after a failed Xero export, with its lines duplicated
        InvoiceDraft i2 = client(30002, "3456", 1001, 11, d(2024, 2, 19));
        i2.line("SERVICE", 10001L, "SURCH", "ACC surcharge", null, "1", "17.3913", "GST15")
                .line("SERVICE", 10002L, "SURCH", "ACC surcharge", null, "1", "17.3913", "GST15");
        i2.paid = i2.total();
        i2.reexport = true;
        i2.originalId = 30001L;
        i2.xeroId = "0b6c3d1e-2222-4a5b-8c9d-000000030002";
        i2.notes = "Re-exported to Xero after FAILED sync";
        write(out, i2);
        InvoiceDraft acc = new InvoiceDraft(30003, "130514A00", d(2024, 2, 29));
        acc.kind = "ACC_SCHEDULE";
        acc.payerType = "ACC";
        acc.payerOrganisationId = Directory.ACC;
        acc.lineFor(1001L, "SERVICE", 10001L, "ACC-IA", "ACC initial assessment", "PM01", "1", "61.7391", "GST15")
                .lineFor(1001L, "SERVICE", 10002L, "ACC-FU", "ACC follow-up", "PM02", "1", "52.1739", "GST15")
                .lineFor(1034L, "SERVICE", 10018L, "ACC-FU", "ACC follow-up", "PM02", "1", "52.1739", "GST15");
        BigDecimal remitted = acc.total();
        BigDecimal reversed = new BigDecimal("-60.00");
        acc.paid = remitted.add(reversed);
        write(out, acc);
        InvoiceDraft ins = new InvoiceDraft(30004, "3460S", d(2023, 6, 30));
        ins.kind = "INSURER_SCHEDULE";
        ins.payerType = "INSURER";
        ins.payerOrganisationId = Directory.INSURER;
        ins.clientId = 1030L;
        ins.conditionId = 4003L;
        ins.lineFor(1030L, "SERVICE", null, "PHY-FU", "Physiotherapy follow-up", null, "4", PHYSIO, "GST15");
        write(out, ins);
        InvoiceDraft off = client(30005, "3461", 1004, 12, d(2024, 5, 5));
        off.line("SERVICE", null, "PHY-IA", "Physiotherapy initial assessment", null, "1", "86.9565", "GST15");
        off.headerError = new BigDecimal("0.01");
        write(out, off);
        out.warnings.add("invoices.csv", 30005, "subtotal_excl_tax", "TOTALS_MISMATCH", "header 0.01 above the sum of its lines");
        InvoiceDraft credit = client(30006, "3462", 1004, 12, d(2024, 5, 20));
        credit.kind = "CREDIT_NOTE";
        credit.status = "OUTSTANDING";
        credit.line("ADJUSTMENT", null, "CREDIT", "Credit for overcharge", null, "-1", PHYSIO, "GST15");
        write(out, credit);
        InvoiceDraft au = client(30007, "B1001", 1032, 19, d(2024, 6, 3));
        au.siteId = 3;
        au.currency = "AUD";
        au.line("SERVICE", 10011L, "AU-IA", "Initial consultation", null, "1", "95.4545", "GST10");
        au.paid = au.total();
        write(out, au);
        InvoiceDraft orphan = client(30008, "3463", 1040, 11, d(2023, 5, 10));
        orphan.practitionerId = null;
        orphan.line("SERVICE", AnchorVisits.PURGED_FOR_LINE, "PHY-FU", "Physiotherapy follow-up", null, "1", PHYSIO, "GST15")
                .line("SERVICE", 10004L, "PHY-FU", "Physiotherapy follow-up", null, "1", PHYSIO, "GST15");
        out.warnings.orphan("invoice_lines.csv", lineId, "appointment_id", AnchorVisits.PURGED_FOR_LINE, "appointments.csv");
        write(out, orphan);
        InvoiceDraft dna = client(30009, "3464", 1012, 12, d(2024, 6, 10));
        dna.line("NO_SHOW_FEE", 10023L, "DNA", "No show fee", null, "1", "52.1739", "GST15");
        dna.writtenOff = dna.total();
        write(out, dna);
        InvoiceDraft cancel = client(30010, "3465", 1013, 13, d(2024, 7, 1));
        cancel.line("CANCELLATION_FEE", 10024L, "LATE", "Late cancellation fee", null, "1", "34.7826", "GST15");
        cancel.paid = cancel.total();
        write(out, cancel);
        InvoiceDraft debtor = new InvoiceDraft(30011, "3466", d(2024, 8, 1));
        debtor.kind = "DEBTOR_INVOICE";
        debtor.payerType = "ORGANISATION";
        debtor.payerOrganisationId = Directory.DEBTOR;
        debtor.clientId = 1031L;
        debtor.status = "DRAFT";
        debtor.syncStatus = "NOT_APPLICABLE";
        debtor.lineFor(1031L, "SERVICE", null, "REPORT", "Medico-legal report, \"urgent\"", null, "2.5", "120.0000", "GST15");
        write(out, debtor);
        InvoiceDraft voided = client(30012, "3467", 1005, 11, d(2021, 3, 9));
        voided.status = "VOID";
        voided.syncStatus = "FAILED";
        voided.line("PRODUCT", null, "TAPE", "Strapping tape", null, "3", "8.6957", "GST15");
        write(out, voided);
        InvoiceDraft part = client(30013, "3470", 1030, 11, d(2024, 3, 18));
        part.line("SERVICE", null, "PHY-FU", "Physiotherapy follow-up", null, "1", PHYSIO, "GST15")
                .line("PRODUCT", null, "BAND", "Theraband (red)", null, "1", "13.0435", "GST15");
        part.paid = new BigDecimal("50.00");
        write(out, part);
        InvoiceDraft left = client(30014, "3468", 1034, Staff.LEFT, d(2023, 6, 12));
        left.line("SERVICE", 10018L, "SURCH", "ACC surcharge", null, "1", "17.3913", "GST15");
        left.paid = left.total();
        write(out, left);
        payments(out, i1, acc, remitted, reversed, au, dna, cancel, part, left);
    }

    private void payments(PackageWriter out, InvoiceDraft i1, InvoiceDraft acc, BigDecimal remitted, BigDecimal reversed,
            InvoiceDraft au, InvoiceDraft dna, InvoiceDraft cancel, InvoiceDraft part, InvoiceDraft left) {
        pay(out, 50001, "R7001", "PAYMENT", "CLIENT", 1001L, null, 30001L, d(2024, 2, 19), i1.paid, "EFTPOS", null);
        pay(out, 50002, "ACC-240315", "PAYMENT", "ACC", null, Directory.ACC, 30003L, d(2024, 3, 15), remitted, "ACC_REMITTANCE", "Schedule 130514A00");
        pay(out, 50003, "ACC-240412", "REVERSAL", "ACC", null, Directory.ACC, 30003L, d(2024, 4, 12), reversed, "ACC_REMITTANCE", "ACC reversal of PM01");
        pay(out, 50004, "R7004", "PAYMENT", "CLIENT", 1032L, null, 30007L, d(2024, 6, 3), au.paid, "CREDIT_CARD", null);
        pay(out, 50005, "WO-3464", "WRITE_OFF", "CLIENT", 1012L, null, 30009L, d(2024, 9, 30), dna.writtenOff, "OTHER", "Bad debt");
        BigDecimal over = new BigDecimal("10.00");
        pay(out, 50006, "R7006", "PAYMENT", "CLIENT", 1013L, null, 30010L, d(2024, 7, 2), cancel.paid.add(over), "CASH", null);
        pay(out, 50007, "R7007", "REFUND", "CLIENT", 1013L, null, 30010L, d(2024, 7, 9), over.negate(), "CASH", "Overpayment refunded");
        pay(out, 50008, "R7008", "PAYMENT", "CLIENT", 1030L, null, 30013L, d(2024, 3, 20), part.paid, "BANK_TRANSFER", "STEWART A 3470");
        pay(out, 50009, "R7009", "PAYMENT", "CLIENT", 1034L, null, 30014L, d(2023, 6, 12), left.paid, "EFTPOS", null);
        pay(out, 50010, "R7010", "PAYMENT", "CLIENT", 1001L, null, null, d(2024, 3, 1), new BigDecimal("20.00"), "ONLINE", "Prepayment, unallocated");
    }

    private static InvoiceDraft client(long id, String number, long client, long practitioner, LocalDate date) {
        InvoiceDraft i = new InvoiceDraft(id, number, date);
        i.clientId = client;
        i.practitionerId = practitioner;
        return i;
    }

    private void write(PackageWriter out, InvoiceDraft i) {
        lineId = i.write(out, lineId, SampleTime.nz(i.date.getYear(), i.date.getMonthValue(), i.date.getDayOfMonth(), 17, 30));
    }

    static void pay(PackageWriter out, long id, String receipt, String kind, String payer, Long client, Long org, Long invoice,
            LocalDate date, BigDecimal amount, String method, String reference) {
        Instant at = SampleTime.nz(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), 16, 0);
        out.payments.row().v("payment_id", id).v("receipt_number", receipt).v("payment_kind", kind).v("payer_type", payer)
                .v("client_id", client).v("payer_organisation_id", org).v("invoice_id", invoice).v("payment_date", date)
                .v("amount", amount).v("method", method).v("reference", reference).write(at, at);
    }

    private static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }
}
