package io.gpm2dv.source;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Which rows of the export a run loads. A full run loads every row; a sample run the rows of a set of clients (and every
 * row of the reference files they point at); a delta run the rows changed after the previous run's data cut-off plus
 * the records that failed before; a retry run none (it sends dead letters again). Rows a selection leaves
 * out are not extracted, so they are neither loaded nor counted in the run's reconciliation.
 */
public interface RowSelection {
    /** Files every client's records point at: a sample takes them whole. */
    Set<GpmFile> REFERENCE_FILES = Set.of(GpmFile.SITES, GpmFile.PRACTITIONERS, GpmFile.CLIENT_ORGANISATIONS,
            GpmFile.REFERRERS);

    boolean selects(SourceRow row);

    /** Every row. */
    RowSelection ALL = row -> true;

    /**
     * The rows of these clients, every row of the reference files, and these invoices with all their lines (an invoice
     * may name no client, e.g. an ACC schedule, and a line follows its invoice).
     */
    static RowSelection clients(Set<Long> clientIds, Set<Long> invoiceIds) {
        return row -> {
            if (REFERENCE_FILES.contains(row.file())) {
                return true;
            }
            if (row.file() == GpmFile.INVOICES) {
                return invoiceIds.contains(row.id());
            }
            if (row.file() == GpmFile.INVOICE_LINES) {
                return !row.isNull("invoice_id") && invoiceIds.contains(row.longValue("invoice_id"));
            }
            return row.values().containsKey("client_id") && !row.isNull("client_id")
                    && clientIds.contains(row.longValue("client_id"));
        };
    }

    /** Rows changed after {@code cutoff} (their {@code updated_at}), and the records named in {@code alsoKeys}. */
    static RowSelection changedAfter(OffsetDateTime cutoff, Set<String> alsoKeys) {
        return row -> alsoKeys.contains(row.migrationKey()) || row.values().containsKey("updated_at")
                && !row.isNull("updated_at") && row.timestamp("updated_at").toInstant().isAfter(cutoff.toInstant());
    }

    /** No row: a retry run sends dead letters' messages again instead of extracting. */
    RowSelection NONE = row -> false;
}
