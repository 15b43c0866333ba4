package io.gpm2dv.mapping;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.dataverse.OrganisationSettings;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.ExportDocuments;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportSource;

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
    private ExportDocuments documents;

    public String migrationId() {
        return config.id().orElseGet(() -> exportSource.index().exportPackage().manifest().practiceName());
    }

    public synchronized MappingContext mappingContext() {
        if (mappingContext == null) {
            ExportIndex index = exportSource.index();
            var manifest = index.exportPackage().manifest();
            mappingContext = new MappingContext(index, new RecordIds(migrationId()),
                    ContactPoints.regionOf(manifest.sourceRegion()), MigrationContext::codeList,
                    manifest.dataCutoffAt() == null ? null : manifest.dataCutoffAt().toInstant(),
                    specs.current().migrateRestricted(), documents(), organisation::maxUploadFileSize,
                    specs.current().invoicesAsContactNotes());
        }
        return mappingContext;
    }

    /** The mapper over this migration's context; it holds no state of a row, so every map stage thread shares it. */
    public synchronized RecordMapper recordMapper() {
        if (mapper == null) {
            mapper = new RecordMapper(mappingContext());
        }
        return mapper;
    }

    /** The export package's document files: checked by the map, streamed by the sink. */
    public synchronized ExportDocuments documents() {
        if (documents == null) {
            documents = new ExportDocuments(exportSource.index().exportPackage().dir());
        }
        return documents;
    }

    public RecordIds recordIds() {
        return mappingContext().ids();
    }

    /** A §7 code list by name; the export schema owns them. */
    static List<String> codeList(String name) {
        return CodeLists.get(name);
    }
}
