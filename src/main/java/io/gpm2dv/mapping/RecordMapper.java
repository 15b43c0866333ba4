package io.gpm2dv.mapping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.mapping.MappingSpec.ObjectMap;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.SourceRow;

/**
 * Maps one source row to the Dataverse records it becomes, following the mapping spec: skip rules, the shape the
 * row takes (an object's variant, e.g. a QUICK appointment becomes a task), columns through their transforms,
 * migration key and deterministic id, owner rule, desired state, data-quality checks, and the {@code -unmapped} note
 * for whatever did not fit. No I/O of its own: what it consults comes through the {@link MappingContext}.
 */
public final class RecordMapper {
    public static final String UNMAPPED_OBJECT = "unmapped-notes";
    static final String UNMAPPED_SUBJECT = "Gensolve data not migrated to columns";
    /** annotation.notetext MaxLength; longer text travels as an attached UTF-8 file as well. */
    public static final int NOTETEXT_MAX = 100_000;

    private final MappingContext ctx;
    private final ColumnTransforms transforms;
    private final SkipRules skipRules;
    private final RowChecks checks;

    public RecordMapper(MappingContext ctx) {
        this.ctx = ctx;
        this.transforms = new ColumnTransforms(ctx);
        this.skipRules = new SkipRules(ctx);
        this.checks = new RowChecks(ctx);
    }

    public MappingResult map(ObjectMap objectSpec, SourceRow row, String runId, int runNumber) {
        SkipRules.Skip skip = skipRules.apply(objectSpec.skipRules(), row);
        if (skip != null) {
            return MappingResult.skipped(skip.rule(), skip.reason());
        }
        ObjectMap spec = shapeFor(objectSpec, row);
        String key = row.migrationKey();
        RecordDraft draft = new RecordDraft(key);
        for (ColumnMap col : spec.columns()) {
            transforms.apply(col, row, draft);
        }
        CustomFieldValues.apply(ctx.index().customFields(), ctx.customFieldTargets(), objectSpec, spec, row, draft);
        checks.apply(spec.checks(), row, key, draft.findings);
        TargetRecord record = new TargetRecord();
        record.runId = runId;
        record.runNumber = runNumber;
        record.object = spec.object();
        record.key = key;
        record.sourceFile = row.file().fileName();
        record.sourceRow = row.rowNumber();
        record.table = spec.table();
        record.entitySet = spec.entitySet();
        record.primaryKey = spec.primaryKey();
        record.attributes = draft.attributes;
        record.parents = draft.parents;
        record.directoryRefs = draft.directoryRefs;
        record.userParty = draft.userParty;
        record.file = draft.file;
        record.runTag = spec.tagsRun();
        if (spec.sourceKeyColumn()) {
            record.attributes.put("new_gensolveid", key);
        }
        if (spec.createdOn() != null && !row.isNull(spec.createdOn())) {
            record.createOnly.put("overriddencreatedon", row.timestamp(spec.createdOn()).toInstant().toString());
        }
        TargetRecord.StateChange state = StateRules.desiredState(spec.state(), row, ctx.dataCutoff(), key, draft.findings);
        if (spec.state() == null || !StateRules.DEFERRED.contains(spec.state().rule())) {
            record.state = state; // a deferred state (an invoice's) is set after the children: see deferredState
        }
        if (spec.matchUser()) {
            record.updateOnly = true;
            record.matchPractitionerId = row.id();
        } else {
            record.id = ctx.ids().idFor(key);
        }
        applyOwnerRule(spec, row, record);

        List<TargetRecord> records = new ArrayList<>();
        records.add(record);
        if (spec.unmappedNote() && !draft.unmappedLines.isEmpty()) {
            records.add(unmappedNote(record, row, draft.unmappedLines));
        }
        return new MappingResult(records, null, null, draft.findings);
    }

    /**
     * The state a record gets only after its children are written (an invoice is closed after its lines, API §14);
     * null when the row is skipped, its shape sets state at once, or it asks for none.
     */
    public TargetRecord.StateChange deferredState(ObjectMap objectSpec, SourceRow row) {
        if (skipRules.apply(objectSpec.skipRules(), row) != null) {
            return null;
        }
        ObjectMap spec = shapeFor(objectSpec, row);
        if (spec.state() == null || !StateRules.DEFERRED.contains(spec.state().rule())) {
            return null;
        }
        return StateRules.desiredState(spec.state(), row, ctx.dataCutoff(), row.migrationKey(), new ArrayList<>());
    }

    /** Whether the object's records get their state only after their children (see {@link #deferredState}). */
    public static boolean defersState(ObjectMap objectSpec) {
        return objectSpec.state() != null && StateRules.DEFERRED.contains(objectSpec.state().rule());
    }

    /** The object's own shape, or the first variant whose condition the row meets. */
    private ObjectMap shapeFor(ObjectMap spec, SourceRow row) {
        for (MappingSpec.Variant v : spec.variants()) {
            boolean applies = switch (v.when()) {
                case "sent-by-communication" -> ctx.index().communicationSending(row.id()) != null;
                case "contact-reference" -> ctx.invoicesAsContactNotes();
                default -> v.equals() != null && v.equals().contains(row.get(v.when()));
            };
            if (applies) {
                return v.shape(spec);
            }
        }
        return spec;
    }

    private void applyOwnerRule(ObjectMap spec, SourceRow row, TargetRecord record) {
        String owner = spec.owner() == null ? "none" : spec.owner();
        switch (owner) {
            case "practitioner" -> {
                record.ownerRule = TargetRecord.OwnerRule.PRACTITIONER;
                record.ownerPractitionerId = practitionerOf(spec, row);
                if (spec.practitionerColumn() != null && record.ownerPractitionerId != null) {
                    record.practitionerColumn = spec.practitionerColumn();
                    record.practitionerLabel = practitionerLabel(ctx.index(), record.ownerPractitionerId);
                }
            }
            case "fallback" -> record.ownerRule = TargetRecord.OwnerRule.FALLBACK;
            case "none" -> record.ownerRule = TargetRecord.OwnerRule.NONE;
            default -> throw new IllegalArgumentException("unknown owner rule '" + owner + "'");
        }
    }

    /**
     * The practitioner a row names (target-mapping §1 Owners): its own column; emails the linked appointment's;
     * documents the author, else the client's default practitioner; referrals the client's default practitioner.
     */
    private Long practitionerOf(ObjectMap spec, SourceRow row) {
        return practitionerOf(spec, row, ctx.index());
    }

    /** The practitioner whose user owns the row's record (null: none named); also what the owner report counts. */
    public static Long practitionerOf(ObjectMap spec, SourceRow row, ExportIndex index) {
        Long id = switch (spec.ownerVia() == null ? "" : spec.ownerVia()) {
            case "appointment" -> index.appointmentPractitioner(row.longValue("appointment_id"));
            // referrals: the client's owner, i.e. the (surviving) client's default practitioner
            case "client" -> index.clientDefaultPractitioner(index.survivingClient(row.longValue("client_id")));
            default -> spec.ownerColumn() == null ? null : row.longValue(spec.ownerColumn());
        };
        if (id == null && "client-default-practitioner".equals(spec.ownerFallback())) {
            id = index.clientDefaultPractitioner(index.survivingClient(row.longValue("client_id")));
        }
        return id;
    }

    /** {@code "<display_name> (GPM <id>)"}, or {@code "Unknown practitioner (GPM <id>)"} when the export lacks it (H07). */
    static String practitionerLabel(ExportIndex index, long practitionerId) {
        ExportIndex.Practitioner p = index.practitioner(practitionerId);
        return (p == null ? "Unknown practitioner" : p.displayName()) + " (GPM " + practitionerId + ")";
    }

    /** The one note per record that keeps what did not fit its columns (key {@code <record key>-unmapped}). */
    private TargetRecord unmappedNote(TargetRecord parent, SourceRow row, List<String> lines) {
        TargetRecord note = new TargetRecord();
        note.runId = parent.runId;
        note.runNumber = parent.runNumber;
        note.object = UNMAPPED_OBJECT;
        note.key = parent.key + "-unmapped";
        note.sourceFile = parent.sourceFile;
        note.sourceRow = parent.sourceRow;
        note.table = "annotation";
        note.entitySet = "annotations";
        note.primaryKey = "annotationid";
        note.id = ctx.ids().idFor(note.key);
        String text = "[GPM " + row.file().keyPrefix() + " " + row.id() + "] Values kept here because they did not fit "
                + "their Dataverse columns:\n\n" + String.join("\n", lines);
        note.attributes.put("subject", UNMAPPED_SUBJECT);
        note.attributes.put("notetext", TextValues.fit(text, NOTETEXT_MAX));
        if (text.length() > NOTETEXT_MAX) {
            attachText(note.attributes, note.key + ".txt", "text/plain", text);
        }
        String navigation = "objectid_" + parent.table;
        note.attributes.put(navigation + "@odata.bind", parent.bindPath());
        note.attributes.put("objecttypecode", parent.table);
        note.parents.add(new TargetRecord.ParentRef(navigation, parent.entitySet, parent.id, parent.key));
        note.createOnly = parent.createOnly.deepCopy();
        note.ownerRule = parent.ownerRule;
        note.ownerPractitionerId = parent.ownerPractitionerId;
        return note;
    }

    /** Attaches {@code text} to a note as a UTF-8 file ({@code isdocument}): the note's columns {@code attributes}. */
    static void attachText(ObjectNode attributes, String filename, String mimeType, String text) {
        attributes.put("isdocument", true);
        attributes.put("filename", filename);
        attributes.put("mimetype", mimeType);
        attributes.put("documentbody", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }
}
