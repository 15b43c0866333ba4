package io.gpm2dv.mapping;

import java.util.List;
import java.util.function.Function;

import io.gpm2dv.source.ExportIndex;

/**
 * What mapping a row may consult besides the row: the export's reference data, the record-id scheme, the
 * default phone region and the code lists of the export format (§7).
 */
public record MappingContext(ExportIndex index, RecordIds ids, String defaultRegion,
        Function<String, List<String>> codeLists) {
}
