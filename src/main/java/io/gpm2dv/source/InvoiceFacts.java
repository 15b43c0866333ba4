package io.gpm2dv.source;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * What invoices need to know about other rows (export format §8.10–8.12, H09): which invoices are re-exports of which
 * original, the Xero id a re-export reconciles onto its original, and the payments summarised per invoice and, for
 * unallocated payments, per client. Read once on first use; ids, codes and amounts only.
 */
public final class InvoiceFacts {
    /** The Xero id and sync status an invoice carries. */
    public record Xero(String invoiceId, String syncStatus, Long fromReexport) {
    }

    /** Payments summarised: how many rows and their sum (refunds and reversals are negative). */
    public record Payments(long count, BigDecimal sum) {
        static Payments of(DecimalSums.Sums s) {
            return s == null ? null : new Payments(s.count(), s.sum(0));
        }
    }

    /** Σ over an invoice's lines in the source: excl. tax, tax and incl. tax, and how many lines. */
    public record LineSums(long lines, BigDecimal exclTax, BigDecimal tax, BigDecimal inclTax) {
        public static final LineSums NONE = new LineSums(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        static LineSums of(DecimalSums.Sums s) {
            return s == null ? NONE : new LineSums(s.count(), s.sum(0), s.sum(1), s.sum(2));
        }
    }

    private record Repeat(long id, String xeroId, String status, OffsetDateTime syncedAt) {
    }

    private final ExportIndex index;
    private Map<Long, Long> originals;
    private Map<Long, Repeat> syncedRepeats;
    // per invoice and per client as sorted arrays of cents, not a map entry and BigDecimals per id (issue 12)
    private DecimalSums byInvoice;
    private DecimalSums unallocatedByClient;
    private DecimalSums lineSums;

    InvoiceFacts(ExportIndex index) {
        this.index = index;
    }

    /** The original a re-exported invoice repeats; null when the invoice is not a re-export. */
    public synchronized Long originalOf(long invoiceId) {
        load();
        return originals.get(invoiceId);
    }

    /**
     * The Xero id an original invoice carries (H09): its own when its sync did not fail or no repeat synced; when its
     * own is missing or FAILED/PENDING and a re-export SYNCED, the latest synced re-export's id and status.
     */
    public synchronized Xero xeroFor(long invoiceId, String ownXeroId, String ownStatus) {
        load();
        Repeat repeat = syncedRepeats.get(invoiceId);
        boolean ownSynced = "SYNCED".equals(ownStatus) && ownXeroId != null;
        if (ownSynced || repeat == null) {
            return new Xero(ownXeroId, ownStatus, null);
        }
        return new Xero(repeat.xeroId(), repeat.status(), repeat.id());
    }

    /** Payments allocated to the invoice (count 0 when none). */
    public synchronized Payments paymentsOf(long invoiceId) {
        load();
        Payments p = Payments.of(byInvoice.get(invoiceId));
        return p == null ? new Payments(0, BigDecimal.ZERO) : p;
    }

    /** Unallocated payments (invoice_id null) of a client, merged-away clients' counted on the survivor; null when none. */
    public synchronized Payments unallocatedOf(long clientId) {
        load();
        return Payments.of(unallocatedByClient.get(clientId));
    }

    /** Every invoice with allocated payments, ascending by id. */
    public synchronized void forEachInvoicePayments(BiConsumer<Long, Payments> each) {
        load();
        byInvoice.forEach((id, s) -> each.accept(id, Payments.of(s)));
    }

    /** Every client with unallocated payments, ascending by id. */
    public synchronized void forEachUnallocated(BiConsumer<Long, Payments> each) {
        load();
        unallocatedByClient.forEach((id, s) -> each.accept(id, Payments.of(s)));
    }

    /** The source lines' sums of an invoice ({@link LineSums#NONE} when it has none). */
    public synchronized LineSums linesOf(long invoiceId) {
        loadLines();
        return LineSums.of(lineSums.get(invoiceId));
    }

    private void loadLines() {
        if (lineSums == null) {
            DecimalSums sums = new DecimalSums(3);
            index.forEachRowUnchecked(GpmFile.INVOICE_LINES, r -> {
                Long invoice = r.longValue("invoice_id");
                if (invoice != null) {
                    sums.add(invoice, r.decimal("line_total_excl_tax"), r.decimal("line_tax"), r.decimal("line_total_incl_tax"));
                }
            });
            lineSums = sums;
        }
    }

    /** Re-exported invoices and their originals, by re-export id. */
    public synchronized Map<Long, Long> reexports() {
        load();
        return Collections.unmodifiableMap(originals);
    }

    private void load() {
        if (originals != null) {
            return;
        }
        Map<Long, Long> orig = new TreeMap<>();
        Map<Long, Repeat> repeats = new HashMap<>();
        index.forEachRowUnchecked(GpmFile.INVOICES, r -> {
            if (Boolean.TRUE.equals(r.bool("is_reexport")) && r.longValue("original_invoice_id") != null) {
                long original = r.longValue("original_invoice_id");
                orig.put(r.id(), original);
                if ("SYNCED".equals(r.get("xero_sync_status")) && r.get("xero_invoice_id") != null) {
                    Repeat candidate = new Repeat(r.id(), r.get("xero_invoice_id"), r.get("xero_sync_status"),
                            r.isNull("xero_synced_at") ? null : r.timestamp("xero_synced_at"));
                    repeats.merge(original, candidate, InvoiceFacts::later);
                }
            }
        });
        DecimalSums invoices = new DecimalSums(1);
        DecimalSums clients = new DecimalSums(1);
        index.forEachRowUnchecked(GpmFile.PAYMENTS, r -> {
            BigDecimal amount = r.decimal("amount");
            Long invoice = r.longValue("invoice_id");
            if (invoice != null) {
                invoices.add(invoice, amount);
            } else if (r.longValue("client_id") != null) {
                clients.add(index.survivingClient(r.longValue("client_id")), amount);
            }
        });
        syncedRepeats = repeats;
        byInvoice = invoices;
        unallocatedByClient = clients;
        originals = orig;
    }

    /** The repeat synced last (by xero_synced_at, then the higher id). */
    private static Repeat later(Repeat a, Repeat b) {
        if (a.syncedAt() != null && b.syncedAt() != null && !a.syncedAt().isEqual(b.syncedAt())) {
            return a.syncedAt().isAfter(b.syncedAt()) ? a : b;
        }
        return a.id() > b.id() ? a : b;
    }
}
