package io.gpm2dv.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An invoice with its lines, written so that header totals equal the line sums (§8.11: half away from zero per
 * line) unless a hazard asks for a header a cent off.
 */
final class InvoiceDraft {
    record Line(String kind, Long clientId, Long appointmentId, LocalDate serviceDate, String code, String description,
            String accCode, BigDecimal quantity, BigDecimal unitPrice, String taxCode) {
        BigDecimal excl() { return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP); }

        BigDecimal tax() { return excl().multiply(rate(taxCode)).setScale(2, RoundingMode.HALF_UP); }
    }

    final long id;
    final String number;
    String kind = "CLIENT_INVOICE";
    String payerType = "CLIENT";
    Long clientId;
    Long payerOrganisationId;
    long siteId = 1;
    Long practitionerId;
    Long conditionId;
    String accClaim;
    LocalDate date;
    String currency = "NZD";
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal writtenOff = BigDecimal.ZERO;
    String status;
    String xeroId;
    String syncStatus = "SYNCED";
    boolean reexport;
    Long originalId;
    String notes;
    BigDecimal headerError = BigDecimal.ZERO;
    final List<Line> lines = new ArrayList<>();

    InvoiceDraft(long id, String number, LocalDate date) {
        this.id = id;
        this.number = number;
        this.date = date;
    }

    static BigDecimal rate(String taxCode) {
        return switch (taxCode) {
            case "GST15" -> new BigDecimal("0.1500");
            case "GST10" -> new BigDecimal("0.1000");
            default -> new BigDecimal("0.0000");
        };
    }

    InvoiceDraft line(String kind, Long appointmentId, String code, String description, String accCode, String qty,
            String unitPrice, String taxCode) {
        return lineFor(payerType.equals("CLIENT") ? null : clientId, kind, appointmentId, code, description, accCode,
                qty, unitPrice, taxCode);
    }

    /** A line naming its own client, as schedule lines must. */
    InvoiceDraft lineFor(Long client, String kind, Long appointmentId, String code, String description, String accCode,
            String qty, String unitPrice, String taxCode) {
        lines.add(new Line(kind, client, appointmentId, date, code, description, accCode, new BigDecimal(qty),
                new BigDecimal(unitPrice), taxCode));
        return this;
    }

    BigDecimal total() {
        BigDecimal t = BigDecimal.ZERO;
        for (Line l : lines) {
            t = t.add(l.excl()).add(l.tax());
        }
        return t;
    }

    /** Writes the header and its lines; line ids come from {@code firstLineId} upwards. Returns the next line id. */
    long write(PackageWriter out, long firstLineId, Instant created) {
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (Line l : lines) {
            subtotal = subtotal.add(l.excl());
            tax = tax.add(l.tax());
        }
        subtotal = subtotal.add(headerError);
        BigDecimal total = subtotal.add(tax);
        BigDecimal balance = total.subtract(paid).subtract(writtenOff);
        String st = status != null ? status
                : writtenOff.signum() != 0 ? "WRITTEN_OFF"
                : balance.signum() == 0 && paid.signum() != 0 ? "PAID"
                : paid.signum() != 0 ? "PART_PAID" : "OUTSTANDING";
        boolean nz = currency.equals("NZD");
        out.invoices.row().v("invoice_id", id).v("invoice_number", number).v("invoice_kind", kind)
                .v("payer_type", payerType).v("client_id", clientId).v("payer_organisation_id", payerOrganisationId)
                .v("site_id", siteId).v("practitioner_id", practitionerId).v("condition_id", conditionId)
                .v("acc_claim_number", accClaim).v("invoice_date", date).v("due_date", date.plusDays(20))
                .v("currency", currency).v("subtotal_excl_tax", subtotal).v("tax_total", tax).v("total_incl_tax", total)
                .v("amount_paid", paid).v("amount_written_off", writtenOff).v("balance_due", balance).v("status", st)
                .v("ledger_code", nz ? "200" : "210").v("xero_invoice_id", xeroId)
                .v("xero_sync_status", xeroId == null && syncStatus.equals("SYNCED") ? "PENDING" : syncStatus)
                .v("xero_synced_at", xeroId == null ? null : created.plusSeconds(86_400))
                .v("is_reexport", reexport).v("original_invoice_id", originalId).v("notes", notes)
                .write(created, created.plusSeconds(86_400 * 3));
        long lineId = firstLineId;
        int n = 1;
        for (Line l : lines) {
            out.lines.row().v("invoice_line_id", lineId++).v("invoice_id", id).v("line_number", n++)
                    .v("line_kind", l.kind()).v("client_id", l.clientId()).v("appointment_id", l.appointmentId())
                    .v("service_date", l.serviceDate()).v("service_code", l.code()).v("description", l.description())
                    .v("acc_code", l.accCode()).v("quantity", l.quantity()).v("unit_price_excl_tax", l.unitPrice())
                    .v("tax_code", l.taxCode()).v("tax_rate", rate(l.taxCode())).v("line_total_excl_tax", l.excl())
                    .v("line_tax", l.tax()).v("line_total_incl_tax", l.excl().add(l.tax()))
                    .v("ledger_code", nz ? "200" : "210").write(created, created);
        }
        return lineId;
    }
}
