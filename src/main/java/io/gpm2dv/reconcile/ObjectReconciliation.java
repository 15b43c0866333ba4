package io.gpm2dv.reconcile;

import java.util.List;
import java.util.Map;

/**
 * The counts of one object in one run. Balanced when every row of the export is accounted for:
 * {@code exportRows = extracted + rejected} and {@code extracted = loaded + skipped + deadLettered}. Skips are
 * also counted per rule ({@code BLOCK}, {@code HELD_BACK}, {@code OVERSIZE}, …), and {@code targets} says, per table
 * the object writes, what the run wrote and what Dataverse holds (records, activity parties).
 */
public record ObjectReconciliation(String object, String table, Long exportRows, long extracted, long rejected,
        long loaded, long created, long updated, long skipped, long deadLettered, long pending, Long inDataverse,
        Map<String, Long> skippedByRule, List<TargetCheck> targets) {

    public ObjectReconciliation(String object, String table, Long exportRows, long extracted, long rejected, long loaded,
            long created, long updated, long skipped, long deadLettered, long pending, Long inDataverse) {
        this(object, table, exportRows, extracted, rejected, loaded, created, updated, skipped, deadLettered, pending,
                inDataverse, Map.of(), List.of());
    }

    /**
     * One table an object writes: records the run wrote there and how many of them Dataverse holds; for activities,
     * the parties the writes carried and the parties Dataverse holds for them. Null: not checked (Dataverse did not
     * answer, or the table has no parties).
     */
    public record TargetCheck(String table, long written, Long present, Long parties, Long partiesPresent) {
        public boolean matches() {
            return (present == null || present == written) && (parties == null || partiesPresent == null
                    || parties.equals(partiesPresent));
        }
    }

    public boolean balanced() {
        return exportRows != null && exportRows == extracted + rejected && extracted == loaded + skipped + deadLettered
                && pending == 0;
    }
}
