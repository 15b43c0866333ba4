package io.gpm2dv.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.gpm2dv.source.DocumentFiles;
import io.gpm2dv.source.ExportIndex;

/**
 * What mapping a row may consult besides the row: the export's reference data, the record-id scheme, the
 * default phone region, the code lists of the export format (§7), the export's {@code data_cutoff_at} (time-relative
 * rules never use the run's clock), whether restricted notes are released, the package's document files and the
 * organisation's upload limit read at run start, and whether invoices become notes on the contact.
 */
public record MappingContext(ExportIndex index, RecordIds ids, String defaultRegion,
        Function<String, List<String>> codeLists, Instant dataCutoff, boolean migrateRestricted, DocumentFiles documents,
        LongSupplier maxUploadBytes, boolean invoicesAsContactNotes,
        /** Custom fields the map sends to an existing column instead of their own {@code new_cf_} one, by field key. */
        java.util.Map<String, MappingSpec.CustomFieldTarget> customFieldTargets) {

    public MappingContext(ExportIndex index, RecordIds ids, String defaultRegion, Function<String, List<String>> codeLists,
            Instant dataCutoff, boolean migrateRestricted, DocumentFiles documents, LongSupplier maxUploadBytes,
            boolean invoicesAsContactNotes) {
        this(index, ids, defaultRegion, codeLists, dataCutoff, migrateRestricted, documents, maxUploadBytes,
                invoicesAsContactNotes, java.util.Map.of());
    }

    public MappingContext(ExportIndex index, RecordIds ids, String defaultRegion, Function<String, List<String>> codeLists) {
        this(index, ids, defaultRegion, codeLists, null, false, path -> Optional.empty(), () -> Long.MAX_VALUE);
    }

    public MappingContext(ExportIndex index, RecordIds ids, String defaultRegion, Function<String, List<String>> codeLists,
            Instant dataCutoff, boolean migrateRestricted, DocumentFiles documents, LongSupplier maxUploadBytes) {
        this(index, ids, defaultRegion, codeLists, dataCutoff, migrateRestricted, documents, maxUploadBytes, false);
    }

    /** The same context with invoices written as notes on the contact ({@code invoices: contact-reference}) or not. */
    public MappingContext withInvoicesAsContactNotes(boolean asNotes) {
        return new MappingContext(index, ids, defaultRegion, codeLists, dataCutoff, migrateRestricted, documents,
                maxUploadBytes, asNotes, customFieldTargets);
    }
}
