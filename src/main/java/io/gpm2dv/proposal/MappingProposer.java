package io.gpm2dv.proposal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.gpm2dv.mapping.CustomFieldValues;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.mapping.MappingSpec.ObjectMap;
import io.gpm2dv.source.ColumnSpec;
import io.gpm2dv.source.CustomFields;
import io.gpm2dv.source.CustomFields.Definition;
import io.gpm2dv.source.ExportSchema;
import io.gpm2dv.source.GpmFile;

/**
 * Proposes the field map: every column the default map knows keeps its default target (confidence 1); every custom
 * field goes to the existing column of its table whose display name means the same (sentence embeddings), whose type
 * takes its values and, for a choice, whose options hold its answers — or, when nothing matches well enough, to a new
 * {@code new_cf_<field_key>} column; a source column the map does not use goes to an existing column only on a close
 * match, else is not migrated, with the reason. Nothing is confirmed: the result is for a person to review.
 */
public final class MappingProposer {
    /** Settings: a custom field needs {@code minScore} to land on an existing column, an unused column {@code minUnusedScore}. */
    public record Settings(double minScore, double minUnusedScore, int sampleValues) {
        public static Settings defaults() {
            return new Settings(0.45, 0.8, 200);
        }
    }

    /**
     * What the proposer reads: the default map, each file's header, the custom fields, the target's columns and, per
     * file and column, sample values (the first rows; profiled, never written out).
     */
    public record Input(MappingSpec map, Map<String, List<String>> headers, CustomFields customFields,
            Function<String, List<TargetColumn>> targetColumns, Map<String, Map<String, List<String>>> values) {
        public Input(MappingSpec map, Map<String, List<String>> headers, CustomFields customFields,
                Function<String, List<TargetColumn>> targetColumns) {
            this(map, headers, customFields, targetColumns, Map.of());
        }

        List<String> values(String file, String column) {
            return values.getOrDefault(file, Map.of()).getOrDefault(column, List.of());
        }
    }

    private final Embeddings embeddings;
    private final Settings settings;

    public MappingProposer(Embeddings embeddings, Settings settings) {
        this.embeddings = embeddings;
        this.settings = settings;
    }

    public Proposal propose(Input in) {
        List<ProposalEntry> entries = new ArrayList<>();
        List<MappingSpec.CustomFieldTarget> onto = new ArrayList<>();
        Map<String, Set<String>> taken = targetsByTable(in.map());
        Map<String, List<TargetColumn>> columns = new HashMap<>();
        for (ObjectMap om : in.map().objects()) {
            Map<String, ProposalEntry> used = new LinkedHashMap<>();
            for (ObjectMap shape : om.allShapes()) {
                for (ColumnMap c : shape.columns()) {
                    for (ColumnMap each : withCandidates(c)) {
                        if (each.source() != null) {
                            // a source the map writes to several columns has an entry for each
                            ProposalEntry e = new ProposalEntry(om.file(), each.source(), words(each.source()), shape.table(),
                                    c.target(), c.transformName(), 1.0, "default map", isNew(c.target()));
                            entries.add(e);
                            used.putIfAbsent(each.source(), e);
                        }
                        // columns read alongside the source (a fallback, a selector, text appended) belong to the same rule
                        for (String helper : new String[] {each.fallbackSource(), each.selector(), each.append()}) {
                            if (helper != null) {
                                add(entries, used, new ProposalEntry(om.file(), helper, words(helper), shape.table(), c.target(),
                                        c.transformName(), 1.0, "default map: read with " + c.target(), isNew(c.target())));
                            }
                        }
                    }
                }
            }
            if (om.ownerColumn() != null) {
                add(entries, used, new ProposalEntry(om.file(), om.ownerColumn(), words(om.ownerColumn()), om.table(), "ownerid",
                        "owner", 1.0, "default map: the practitioner whose system user owns the record", false));
            }
            if (om.createdOn() != null) {
                add(entries, used, new ProposalEntry(om.file(), om.createdOn(), words(om.createdOn()), om.table(),
                        "overriddencreatedon", "timestamp", 1.0, "default map: the record's original creation time", false));
            }
            if (om.state() != null && om.state().source() != null) {
                add(entries, used, new ProposalEntry(om.file(), om.state().source(), words(om.state().source()), om.table(),
                        "statecode", "state", 1.0, "default map: the record's state and status (" + om.state().rule() + ")",
                        false));
            }
            for (String column : in.headers().getOrDefault(om.file(), List.of())) {
                if (!used.containsKey(column)) {
                    entries.add(unused(om, column, ValueKind.of(in.values(om.file(), column)),
                            columns.computeIfAbsent(om.table(), in.targetColumns()), taken.getOrDefault(om.table(), Set.of())));
                }
            }
        }
        Map<Long, List<String>> samples = samples(in.customFields());
        for (Definition d : in.customFields().definitions()) {
            String object = CustomFieldValues.OBJECT_OF_ENTITY.get(d.appliesTo());
            ObjectMap om = object == null ? null : in.map().find(object).orElse(null);
            if (om == null) {
                entries.add(new ProposalEntry("custom_field_definitions.csv", d.fieldKey(), d.label(), null, null,
                        "custom-field", 1.0, "not migrated: no object of the map carries " + d.appliesTo() + " records",
                        false));
                continue;
            }
            List<TargetColumn> candidates = columns.computeIfAbsent(om.table(), in.targetColumns());
            Match best = bestFor(d, candidates, taken.getOrDefault(om.table(), Set.of()),
                    ValueKind.of(samples.getOrDefault(d.id(), List.of())));
            if (best != null && best.score >= settings.minScore()) {
                entries.add(new ProposalEntry("custom_field_definitions.csv", d.fieldKey(), d.label(), om.table(),
                        best.column.logicalName(), "custom-field", round(Math.min(1, best.score)), best.reason, false));
                onto.add(new MappingSpec.CustomFieldTarget(d.fieldKey(), best.column.logicalName(),
                        best.optionValues.isEmpty() ? null : best.optionValues));
            } else {
                String near = best == null ? "no column of " + om.table() + " takes its type"
                        : "nearest '" + best.column.displayName() + "' (" + String.format(Locale.ROOT, "%.2f", best.score) + ")";
                entries.add(new ProposalEntry("custom_field_definitions.csv", d.fieldKey(), d.label(), om.table(),
                        d.column(), "custom-field", round(best == null ? 1 : Math.min(1, Math.max(0.5, 1 - Math.max(0, best.score)))),
                        "no existing column means the same (" + near + "): a new custom column", true));
            }
        }
        return new Proposal(entries, onto);
    }

    /** A candidate column with its score, why, and (choices) the option value of each of the field's answers. */
    private record Match(TargetColumn column, double score, String reason, Map<String, Integer> optionValues) {
    }

    private Match bestFor(Definition d, List<TargetColumn> candidates, Set<String> taken, ValueKind kind) {
        Match best = null;
        for (TargetColumn c : candidates) {
            if (!c.takesPlainValues() || taken.contains(c.logicalName()) || c.logicalName().startsWith("new_")
                    || !TypeFit.takes(d, c)) {
                continue;
            }
            double similarity = embeddings.similarity(d.label(), c.displayName());
            double score = similarity;
            StringBuilder why = new StringBuilder("label '" + d.label() + "' ~ '" + c.displayName() + "' ("
                    + String.format(Locale.ROOT, "%.2f", similarity) + "), " + c.attributeType());
            Map<String, Integer> optionValues = new LinkedHashMap<>();
            if ("PICKLIST".equals(d.dataType())) {
                for (String answer : d.options()) {
                    c.options().forEach((value, label) -> {
                        if (label != null && label.equalsIgnoreCase(answer.trim())) {
                            optionValues.put(answer, value);
                        }
                    });
                }
                double fraction = d.options().isEmpty() ? 0 : (double) optionValues.size() / d.options().size();
                score += fraction > 0 ? 0.3 * fraction : -0.15;
                why.append(", ").append(optionValues.size()).append(" of ").append(d.options().size()).append(" options match");
                if (optionValues.size() < d.options().size()) {
                    score -= 0.1; // an answer with no option would not land: the column fits only in part
                }
            }
            if (kind == ValueKind.EMAIL || kind == ValueKind.PHONE) {
                boolean named = c.logicalName().contains(kind == ValueKind.EMAIL ? "email" : "phone");
                score += named ? 0.1 : -0.2;
                why.append(", values look like ").append(kind.name().toLowerCase(Locale.ROOT)).append(named ? "s" : "s, the column does not");
            }
            if (best == null || score > best.score) {
                best = new Match(c, score, why.toString(), optionValues);
            }
        }
        return best;
    }

    private ProposalEntry unused(ObjectMap om, String column, ValueKind kind, List<TargetColumn> candidates,
            Set<String> taken) {
        GpmFile file = GpmFile.byFileName(om.file());
        ColumnSpec spec = file == null ? null : ExportSchema.of(file).column(column);
        TargetColumn best = null;
        double bestScore = 0;
        for (TargetColumn c : candidates) {
            if (!c.takesPlainValues() || taken.contains(c.logicalName()) || c.logicalName().startsWith("new_")
                    || TypeFit.transform(spec, kind, c) == null) {
                continue;
            }
            double s = embeddings.similarity(words(column), c.displayName());
            if (s > bestScore) {
                best = c;
                bestScore = s;
            }
        }
        String match = best == null ? null : "'" + words(column) + "' ~ '" + best.displayName() + "' ("
                + String.format(Locale.ROOT, "%.2f", bestScore) + "), " + best.attributeType();
        if (spec == null) {
            // the reader binds documented columns only: an extra column never reaches the map stage
            return new ProposalEntry(om.file(), column, words(column), om.table(), null, null, 1.0,
                    "not migrated: not a documented column of the export, the reader does not carry it"
                            + (best != null && bestScore >= settings.minUnusedScore() ? " (would match " + match + ")" : ""),
                    false);
        }
        if (best != null && bestScore >= settings.minUnusedScore()) {
            return new ProposalEntry(om.file(), column, words(column), om.table(), best.logicalName(),
                    TypeFit.transform(spec, kind, best), round(bestScore), "not in the default map; " + match, false);
        }
        String reason = column.endsWith("_id") ? "not migrated: an identifier the map resolves through keys and lookups"
                : column.equals("created_at") || column.equals("updated_at") ? "not migrated: bookkeeping of the export"
                : om.unmappedNote() ? "not in the default map: its value is kept in the record's unmapped note"
                : "not migrated: the default map does not carry it";
        return new ProposalEntry(om.file(), column, words(column), om.table(), null, null, 1.0, reason, false);
    }

    private static Map<String, Set<String>> targetsByTable(MappingSpec map) {
        Map<String, Set<String>> taken = new HashMap<>();
        for (ObjectMap om : map.objects()) {
            for (ObjectMap shape : om.allShapes()) {
                for (ColumnMap c : shape.columns()) {
                    for (ColumnMap each : withCandidates(c)) {
                        String target = each.target() == null ? c.target() : each.target();
                        // a lookup's navigation name (parentcustomerid_account) takes the column (parentcustomerid)
                        taken.computeIfAbsent(shape.table(), k -> new LinkedHashSet<>()).add(target);
                        taken.get(shape.table()).add(target.replaceFirst("_(account|contact|systemuser)$", ""));
                    }
                }
            }
        }
        return taken;
    }

    private static List<ColumnMap> withCandidates(ColumnMap c) {
        if (c.candidates() == null || c.candidates().isEmpty()) {
            return List.of(c);
        }
        List<ColumnMap> all = new ArrayList<>();
        all.add(c);
        all.addAll(c.candidates());
        return all;
    }

    private Map<Long, List<String>> samples(CustomFields fields) {
        Map<Long, List<String>> out = new HashMap<>();
        fields.forEachValue(v -> {
            List<String> s = out.computeIfAbsent(v.fieldId(), k -> new ArrayList<>());
            if (s.size() < settings.sampleValues()) {
                s.add(v.text() != null ? v.text() : v.raw());
            }
        });
        return out;
    }

    /** Adds a helper's entry unless its column already has one (a column read by two rules is listed under the first). */
    private static void add(List<ProposalEntry> entries, Map<String, ProposalEntry> used, ProposalEntry e) {
        if (used.putIfAbsent(e.column(), e) == null) {
            entries.add(e);
        }
    }

    private static boolean isNew(String target) {
        return target != null && target.startsWith("new_");
    }

    /** {@code preferred_contact_time} → "preferred contact time". */
    static String words(String column) {
        return column.replace('_', ' ');
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
