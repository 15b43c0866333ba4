package io.gpm2dv.mapping;

import java.util.List;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.pipeline.TargetRecord;

/**
 * What one source row became: records to write (the record, then its {@code -unmapped} note), or a skip by a rule
 * (a code the reconciliation counts, e.g. {@code BLOCK}, {@code HELD_BACK}) with the reason in words.
 */
public record MappingResult(List<TargetRecord> records, String skipRule, String skipReason, List<Finding> findings) {

    public static MappingResult skipped(String rule, String reason) {
        return new MappingResult(List.of(), rule, reason, List.of());
    }

    public boolean isSkipped() {
        return skipReason != null;
    }
}
