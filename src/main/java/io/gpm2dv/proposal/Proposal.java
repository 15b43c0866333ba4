package io.gpm2dv.proposal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.gpm2dv.mapping.MappingSpec;

/** The proposed map: one entry per source column and custom field, and the custom fields it sends to existing columns. */
public record Proposal(List<ProposalEntry> entries, @JsonIgnore List<MappingSpec.CustomFieldTarget> customFields) {
}
