package io.gpm2dv.mapping;

import java.util.List;

/** What one source row became: records to write (the record, then its {@code -unmapped} note), or a skip. */
public record MappingResult(List<TargetRecord> records, String skipReason, List<Finding> findings) {

    public static MappingResult skipped(String reason) {
        return new MappingResult(List.of(), reason, List.of());
    }

    public boolean isSkipped() {
        return skipReason != null;
    }
}
