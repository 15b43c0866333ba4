package io.gpm2dv.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.CustomFields;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.GpmFile;

/**
 * The schema step as the run and the operator use it: builds the plan from the map in force and the export, writes
 * {@code schema-plan.md} to the report directory, checks the target and, when asked, applies what is missing. The
 * operator API (next issue) calls {@link #planAndApply()}.
 */
@ApplicationScoped
public class SchemaStep {
    private static final Logger LOG = Logger.getLogger(SchemaStep.class);
    public static final String PLAN_FILE = "schema-plan.md";

    @Inject
    MappingSpecs specs;

    @Inject
    ExportSource exportSource;

    @Inject
    MigrationConfig config;

    @Inject
    DataverseMetadataHttp http;

    /** The plan for the map in force and the open export (custom fields, orphan values). */
    public SchemaPlan plan() {
        ExportIndex index = exportSource.index();
        CustomFields fields = index.customFields();
        SchemaPlan plan = new SchemaPlanner(CodeLists::get).plan(specs.current(), fields);
        List<String> notPlanned = new ArrayList<>(plan.notPlanned());
        notPlanned.addAll(orphanValues(index, fields, plan));
        return new SchemaPlan(plan.written(), plan.tables(), plan.columns(), plan.keys(), notPlanned);
    }

    /** Values whose record is not in the export (H15): reported by value id and entity id, never lost silently. */
    static List<String> orphanValues(ExportIndex index, CustomFields fields, SchemaPlan plan) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<GpmFile, String> e : CustomFields.ENTITY_OF_FILE.entrySet()) {
            long[] ids = fields.entityIds(e.getValue());
            if (ids.length == 0 || !plannedEntity(plan, fields, e.getValue())) {
                continue;
            }
            for (long id : ids) {
                if (!index.contains(e.getKey(), id)) {
                    fields.valuesOf(e.getValue(), id).forEach(v -> out.add("custom value " + v.id() + " ("
                            + keyOf(fields, v) + ") belongs to " + e.getValue() + " " + id
                            + ", which is not in the export (H15): not migrated"));
                }
            }
        }
        return out;
    }

    private static boolean plannedEntity(SchemaPlan plan, CustomFields fields, String entity) {
        return fields.definitions().stream().anyMatch(d -> d.appliesTo().equals(entity)
                && plan.columns().stream().anyMatch(c -> c.logicalName().equals(d.column())));
    }

    private static String keyOf(CustomFields fields, CustomFields.Value v) {
        CustomFields.Definition d = fields.definition(v.fieldId());
        return d == null ? "field " + v.fieldId() : d.fieldKey();
    }

    public Path writePlan(SchemaPlan plan) {
        Path file = config.reportDir().resolve(PLAN_FILE);
        try {
            Files.createDirectories(config.reportDir());
            Files.writeString(file, PlanMarkdown.render(plan, planSource()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** What the plan derives from, for its heading. */
    public String planSource() {
        return specs.inForce().describe() + " and the export's custom field definitions";
    }

    public List<SchemaCheck.Missing> check(SchemaPlan plan) {
        return SchemaCheck.missing(plan, http);
    }

    public SchemaApplier.Result apply(SchemaPlan plan) {
        return new SchemaApplier(http, config.schema().solution().orElse(null), config.schema().keyTimeout(),
                config.schema().keyPoll()).apply(plan);
    }

    /** What the operator API calls: plan, write it, apply what is missing; what is still missing afterwards. */
    public SchemaApplier.Result planAndApply() {
        SchemaPlan plan = plan();
        writePlan(plan);
        return apply(plan);
    }

    /**
     * Before a run: writes the plan, applies it when {@code migration.schema.apply} is on, then checks the target.
     * The refusal message naming every missing item, or empty when the target has everything.
     */
    public Optional<String> prepareTarget() {
        SchemaPlan plan = plan();
        Path file = writePlan(plan);
        List<SchemaCheck.Missing> missing;
        if (config.schema().apply()) {
            SchemaApplier.Result r = apply(plan);
            LOG.infof("Schema plan applied (%d item(s) created, %d still missing): %s", r.created().size(),
                    r.remaining().size(), file.toAbsolutePath());
            missing = r.remaining();
        } else {
            missing = check(plan);
            LOG.infof("Schema plan checked (%d item(s) missing): %s", missing.size(), file.toAbsolutePath());
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the target lacks " + missing.size() + " item(s) the map writes: "
                + String.join("; ", missing.stream().map(SchemaCheck.Missing::item).toList())
                + ". Create them from " + file.toAbsolutePath() + " or set migration.schema.apply=true");
    }

}
