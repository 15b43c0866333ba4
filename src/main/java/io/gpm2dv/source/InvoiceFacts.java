package io.gpm2dv.source;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

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
        Payments plus(BigDecimal amount) {
            return new Payments(count + 1, sum.add(amount));
        }
    }

    /** Σ over an invoice's lines in the source: excl. tax, tax and incl. tax, and how many lines. */
    public record LineSums(long lines, BigDecimal exclTax, BigDecimal tax, BigDecimal inclTax) {
        public static final LineSums NONE = new LineSums(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        LineSums plus(SourceRow line) {
            return new LineSums(lines + 1, exclTax.add(line.decimal("line_total_excl_tax")), tax.add(line.decimal("line_tax")),
                    inclTax.add(line.decimal("line_total_incl_tax")));
        }
    }

    private record Repeat(long id, String xeroId, String status, OffsetDateTime syncedAt) {
    }

    private final ExportIndex index;
    private Map<Long, Long> originals;
    private Map<Long, Repeat> syncedRepeats;
    private Map<Long, Payments> byInvoice;
    private Map<Long, Payments> unallocatedByClient;
    private Map<Long, LineSums> lineSums;

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
        return byInvoice.getOrDefault(invoiceId, new Payments(0, BigDecimal.ZERO));
    }

    /** Unallocated payments (invoice_id null) of a client, merged-away clients' counted on the survivor; null when none. */
    public synchronized Payments unallocatedOf(long clientId) {
        load();
        return unallocatedByClient.get(clientId);
    }

    /** Every invoice with allocated payments, by id. */
    public synchronized Map<Long, Payments> paymentsByInvoice() {
        load();
        return Collections.unmodifiableMap(byInvoice);
    }

    /** Every client with unallocated payments, by id. */
    public synchronized Map<Long, Payments> unallocatedByClient() {
        load();
        return Collections.unmodifiableMap(unallocatedByClient);
    }

    /** The source lines' sums of an invoice ({@link LineSums#NONE} when it has none). */
    public synchronized LineSums linesOf(long invoiceId) {
        loadLines();
        return lineSums.getOrDefault(invoiceId, LineSums.NONE);
    }

    private void loadLines() {
        if (lineSums == null) {
            Map<Long, LineSums> sums = new HashMap<>();
            index.forEachRowUnchecked(GpmFile.INVOICE_LINES, r -> {
                Long invoice = r.longValue("invoice_id");
                if (invoice != null) {
                    sums.put(invoice, sums.getOrDefault(invoice, LineSums.NONE).plus(r));
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
        Map<Long, Payments> invoices = new TreeMap<>();
        Map<Long, Payments> clients = new TreeMap<>();
        index.forEachRowUnchecked(GpmFile.PAYMENTS, r -> {
            BigDecimal amount = r.decimal("amount");
            Long invoice = r.longValue("invoice_id");
            if (invoice != null) {
                invoices.merge(invoice, new Payments(1, amount), (a, b) -> a.plus(amount));
            } else if (r.longValue("client_id") != null) {
                clients.merge(index.survivingClient(r.longValue("client_id")), new Payments(1, amount), (a, b) -> a.plus(amount));
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
