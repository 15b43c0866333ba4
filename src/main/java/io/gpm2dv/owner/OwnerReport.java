package io.gpm2dv.owner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The owner-resolution report (target-mapping §2, Practitioner): every practitioner with how its records' owner was
 * decided — matched user, shared, disabled, unmatched — and how many records of the run it owns; practitioners rows
 * name but the export lacks (H07/H15) are listed too. Ids and counts only, never names or emails.
 */
public final class OwnerReport {
    /** One practitioner's line; {@code userId} is the system user that owns its records (null: the fallback owner). */
    public record Line(String practitioner, String outcome, String userId, long records) {
    }

    private OwnerReport() {
    }

    /** One line per practitioner of the export, then the unknown ones, by practitioner id. */
    public static List<Line> of(OwnerDirectory owners, Map<Long, Long> recordsPerPractitioner) {
        Map<Long, Line> lines = new TreeMap<>();
        owners.matches().forEach((id, m) -> lines.put(id, new Line("practitioner-" + id, m.outcome().name(),
                m.outcome().usable() ? m.userId().toString() : null, recordsPerPractitioner.getOrDefault(id, 0L))));
        recordsPerPractitioner.forEach((id, records) -> lines.putIfAbsent(id, new Line("practitioner-" + id,
                OwnerOutcome.FALLBACK_UNKNOWN_PRACTITIONER.name(), null, records)));
        return new ArrayList<>(lines.values());
    }
}
