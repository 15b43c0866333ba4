package io.gpm2dv.mapping;

import io.gpm2dv.mapping.MappingSpec.StateRule;
import io.gpm2dv.source.SourceRow;

/** The record state a row asks for; Dataverse sets state only by a write after create (API §10). */
final class StateRules {
    static final TargetRecord.StateChange ACTIVE = new TargetRecord.StateChange(0, 1);
    static final TargetRecord.StateChange INACTIVE = new TargetRecord.StateChange(1, 2);

    private StateRules() {
    }

    static TargetRecord.StateChange desiredState(StateRule rule, SourceRow row) {
        if (rule == null) {
            return null;
        }
        return switch (rule.rule()) {
            case "active-flag" -> Boolean.FALSE.equals(row.bool(rule.source())) ? INACTIVE : ACTIVE;
            // inactive unless ACTIVE and not archived (target-mapping §2, Client)
            case "client-status" -> "ACTIVE".equals(row.get("status")) && !Boolean.TRUE.equals(row.bool("is_archived"))
                    ? ACTIVE : INACTIVE;
            default -> throw new IllegalArgumentException("unknown state rule '" + rule.rule() + "'");
        };
    }
}
