package io.gpm2dv.run;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.mapping.ContactPoints;
import io.gpm2dv.mapping.MappingContext;
import io.gpm2dv.mapping.RecordIds;
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

    private MappingContext mappingContext;

    public String migrationId() {
        return config.id().orElseGet(() -> exportSource.index().exportPackage().manifest().practiceName());
    }

    public synchronized MappingContext mappingContext() {
        if (mappingContext == null) {
            ExportIndex index = exportSource.index();
            mappingContext = new MappingContext(index, new RecordIds(migrationId()),
                    ContactPoints.regionOf(index.exportPackage().manifest().sourceRegion()), MigrationContext::codeList);
        }
        return mappingContext;
    }

    public RecordIds recordIds() {
        return mappingContext().ids();
    }

    // TODO replace with the export schema catalogue's code lists when the source package lands
    private static final Map<String, List<String>> CODE_LISTS = Map.of(
            "GENDER", List.of("MALE", "FEMALE", "OTHER", "UNKNOWN"),
            "CLIENT_STATUS", List.of("ACTIVE", "INACTIVE", "DECEASED"),
            "PRACTITIONER_TYPE", List.of("PHYSIOTHERAPIST", "HAND_THERAPIST", "PODIATRIST", "AUDIOLOGIST",
                    "OCCUPATIONAL_THERAPIST", "OSTEOPATH", "CHIROPRACTOR", "MASSAGE_THERAPIST", "EXERCISE_PHYSIOLOGIST",
                    "PSYCHOLOGIST", "DIETITIAN", "OTHER"),
            "ORGANISATION_TYPE", List.of("EMPLOYER", "INSURER", "ACC", "HEALTH_FUND", "REFERRING_PRACTICE", "DEBTOR", "OTHER"),
            "REFERRER_TYPE", List.of("GP", "SPECIALIST", "SURGEON", "ALLIED_HEALTH", "NURSE", "OTHER"));

    static List<String> codeList(String name) {
        List<String> list = CODE_LISTS.get(name);
        if (list == null) {
            throw new IllegalArgumentException("unknown code list " + name);
        }
        return list;
    }
}
