package io.gpm2dv.proposal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One source column or custom field with the target the proposer suggests: {@code target} an existing column, a new
 * {@code new_…} one ({@code isNew}), or null (not migrated, {@code reason} says why); a confidence 0–1 and one line
 * naming what matched. Labels and names only, never a value of a record.
 */
public record ProposalEntry(String file, String column, String label, String table, String target, String transform,
        double confidence, String reason, @JsonProperty("new") boolean isNew) {
}
