package io.gpm2dv.mapping;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.dataverse.OrganisationSettings;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.SourceDocuments;

/**
 * What identifies this practice's migration across runs: the migration id (configuration, default the
 * manifest's practice name) from which every record id derives, and the export's reference data.
 */
@ApplicationScoped
public class MigrationContext {
    @Inject
    MigrationConfig config;

    @Inject
    ExportSource exportSource;

    @Inject
    MappingSpecs specs;

    @Inject
    OrganisationSettings organisation;

    private MappingContext mappingContext;
    private RecordMapper mapper;
    private SourceDocuments documents;
    /** The index the cached parts were built over; another one (the source was switched) rebuilds them. */
    private ExportIndex builtFor;

    public String migrationId() {
        return config.id().orElseGet(() -> exportSource.index().source().manifest().practiceName());
    }

    public synchronized MappingContext mappingContext() {
        forgetIfSourceChanged();
        if (mappingContext == null) {
            ExportIndex index = exportSource.index();
            var manifest = index.source().manifest();
            mappingContext = new MappingContext(index, new RecordIds(migrationId()),
                    ContactPoints.regionOf(manifest.sourceRegion()), MigrationContext::codeList,
                    manifest.dataCutoffAt() == null ? null : manifest.dataCutoffAt().toInstant(),
                    specs.current().migrateRestricted(), documents(), organisation::maxUploadFileSize,
                    specs.current().invoicesAsContactNotes(), specs.current().customFieldTargets());
        }
        return mappingContext;
    }

    /** The mapper over this migration's context; it holds no state of a row, so every map stage thread shares it. */
    public synchronized RecordMapper recordMapper() {
        forgetIfSourceChanged();
        if (mapper == null) {
            mapper = new RecordMapper(mappingContext());
        }
        return mapper;
    }

    /** The source's document files (package files or staging BLOBs): checked by the map, streamed by the sink. */
    public synchronized SourceDocuments documents() {
        forgetIfSourceChanged();
        if (documents == null) {
            documents = exportSource.index().source().documents();
        }
        return documents;
    }

    private void forgetIfSourceChanged() {
        ExportIndex now = exportSource.index();
        if (now != builtFor) {
            mappingContext = null;
            mapper = null;
            documents = null;
            builtFor = now;
        }
    }

    public RecordIds recordIds() {
        return mappingContext().ids();
    }

    /** A §7 code list by name; the export schema owns them. */
    static List<String> codeList(String name) {
        return CodeLists.get(name);
    }
}
