package io.gpm2dv.mapping;

import java.util.ArrayList;
import java.util.List;

import io.gpm2dv.source.InvoiceFacts;
import io.gpm2dv.source.SourceRow;

/** The text of an invoice kept as a note on its contact ({@code invoices: contact-reference}, target-mapping §2). */
final class InvoiceTexts {
    private InvoiceTexts() {
    }

    /** Number, dates, totals, payments, status and Xero id, one fact per line. */
    static String reference(MappingContext ctx, SourceRow row) {
        InvoiceFacts.Xero xero = ctx.index().invoiceFacts().xeroFor(row.id(), row.get("xero_invoice_id"),
                row.get("xero_sync_status"));
        List<String> lines = new ArrayList<>();
        lines.add("[GPM invoice " + row.id() + " · " + row.get("invoice_kind") + " · " + row.get("status") + "]");
        lines.add("");
        lines.add("Invoice number: " + row.get("invoice_number"));
        lines.add("Invoice date: " + row.get("invoice_date") + (row.isNull("due_date") ? "" : "; due " + row.get("due_date")));
        lines.add("Payer: " + row.get("payer_type") + (row.isNull("acc_claim_number") ? "" : "; claim " + row.get("acc_claim_number")));
        lines.add("Subtotal excl. tax: " + row.get("subtotal_excl_tax") + " " + row.get("currency") + "; tax "
                + row.get("tax_total") + "; total " + row.get("total_incl_tax"));
        lines.add("Paid: " + row.get("amount_paid") + "; written off " + row.get("amount_written_off") + "; balance due "
                + row.get("balance_due"));
        InvoiceFacts.Payments payments = ctx.index().invoiceFacts().paymentsOf(row.id());
        if (payments.count() > 0) {
            lines.add("Payments: " + payments.count() + " totalling " + payments.sum().toPlainString());
        }
        lines.add("Status: " + row.get("status"));
        lines.add("Xero: " + (xero.invoiceId() == null ? "none" : xero.invoiceId()) + " (" + xero.syncStatus() + ")");
        return String.join("\n", lines);
    }
}
