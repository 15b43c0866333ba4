package io.gpm2dv.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.source.ClientFacts;
import io.gpm2dv.source.ClientKeys;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.SourceRow;

/**
 * Client checks that compare a row with other rows of the export (H01, H12, H18), through the {@link ClientFacts} of
 * the {@link ExportIndex}. They name the other client by key so a person can review the pair; nothing is merged,
 * dropped or changed here, whatever the check finds.
 */
final class ClientChecks {
    /** Other clients named one finding each; beyond this a group (a shared placeholder NHI) is summarised. */
    static final int MAX_NAMED = 10;
    private static final List<String> NAME_COLUMNS = List.of("first_name", "middle_name", "last_name", "preferred_name");

    private ClientChecks() {
    }

    /** H01: clients with the same NHI, or the same folded last name, first name and date of birth. */
    static void duplicateCandidates(ClientFacts facts, SourceRow row, String key, List<Finding> findings) {
        TreeSet<Long> others = new TreeSet<>();
        for (long id : facts.sharingNhi(row.get("nhi_number"))) {
            others.add(id);
        }
        for (long id : facts.sharingPerson(row.get("first_name"), row.get("last_name"), row.date("date_of_birth"))) {
            others.add(id);
        }
        others.remove(row.id());
        nameOthers(others, "duplicate of ", key, Finding.DUPLICATE_CANDIDATE, findings);
    }

    /** H12: one NHI on several clients, whatever else differs. */
    static void sharedNhi(ClientFacts facts, SourceRow row, String key, List<Finding> findings) {
        TreeSet<Long> others = new TreeSet<>();
        for (long id : facts.sharingNhi(row.get("nhi_number"))) {
            others.add(id);
        }
        others.remove(row.id());
        nameOthers(others, "nhi_number shared with ", key, Finding.DUPLICATE_IDENTIFIER, findings);
    }

    /**
     * H01: a "Delete Me" name on a client that is still here. Merged-away clients never reach the checks (skip rule
     * {@code merged-away}), so this is a merge that was prepared and never done.
     */
    static void mergeLeftover(SourceRow row, String key, List<Finding> findings) {
        for (String column : NAME_COLUMNS) {
            String v = row.get(column);
            if (v != null && ClientKeys.DELETE_ME.matcher(v).find()) {
                findings.add(new Finding(key, column, Finding.MERGE_LEFTOVER));
            }
        }
    }

    /** H18: a date of birth later than the client's first attended appointment (a typing error, or the wrong person). */
    static void dobAfterFirstVisit(ClientFacts facts, SourceRow row, String key, List<Finding> findings) {
        LocalDate dob = row.date("date_of_birth");
        if (dob == null) {
            return;
        }
        LocalDate firstVisit = facts.firstVisit(row.id());
        if (firstVisit != null && dob.isAfter(firstVisit)) {
            findings.add(new Finding(key, "birthdate", Finding.DOB_AFTER_FIRST_VISIT));
        }
    }

    /** One finding per other client (keys are ids, not personal data), at most {@link #MAX_NAMED}, then a count. */
    private static void nameOthers(TreeSet<Long> others, String prefix, String key, String code, List<Finding> findings) {
        int named = 0;
        for (long other : others) {
            if (named == MAX_NAMED) {
                findings.add(new Finding(key, prefix + (others.size() - MAX_NAMED) + " more clients", code));
                return;
            }
            findings.add(new Finding(key, prefix + "client-" + other, code));
            named++;
        }
    }
}
