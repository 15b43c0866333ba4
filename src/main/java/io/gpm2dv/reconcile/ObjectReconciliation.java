package io.gpm2dv.reconcile;

/**
 * The counts of one object in one run. Balanced when every row of the export is accounted for:
 * {@code exportRows = extracted + rejected} and {@code extracted = loaded + skipped + deadLettered}.
 */
public record ObjectReconciliation(String object, String table, Long exportRows, long extracted, long rejected,
        long loaded, long created, long updated, long skipped, long deadLettered, long pending, Long inDataverse) {

    public boolean balanced() {
        return exportRows != null && exportRows == extracted + rejected && extracted == loaded + skipped + deadLettered
                && pending == 0;
    }
}
