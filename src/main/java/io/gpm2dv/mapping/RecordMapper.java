package io.gpm2dv.mapping;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;

import io.gpm2dv.mapping.MappingSpec.ColumnMap;
import io.gpm2dv.mapping.MappingSpec.ObjectMap;
import io.gpm2dv.source.SourceRow;

/**
 * Maps one source row to the Dataverse records it becomes, following the mapping spec: skip rules, columns
 * through their transforms, migration key and deterministic id, owner rule, desired state, and the
 * {@code -unmapped} note for whatever did not fit. Pure: no I/O, no Camel.
 */
public final class RecordMapper {
    public static final String UNMAPPED_OBJECT = "unmapped-notes";
    static final String UNMAPPED_SUBJECT = "Gensolve data not migrated to columns";
    /** annotation.notetext MaxLength; longer text travels as an attached UTF-8 file as well. */
    static final int NOTETEXT_MAX = 100_000;

    private final MappingContext ctx;
    private final ColumnTransforms transforms;

    public RecordMapper(MappingContext ctx) {
        this.ctx = ctx;
        this.transforms = new ColumnTransforms(ctx);
    }

    public MappingResult map(ObjectMap spec, SourceRow row, String runId, int runNumber) {
        String skip = skipReason(spec, row);
        if (skip != null) {
            return MappingResult.skipped(skip);
        }
        String key = row.migrationKey();
        RecordDraft draft = new RecordDraft(key);
        for (ColumnMap col : spec.columns()) {
            transforms.apply(col, row, draft);
        }
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
        if (spec.sourceKeyColumn()) {
            record.attributes.put("new_gensolveid", key);
        }
        if (spec.createdOn() != null && !row.isNull(spec.createdOn())) {
            record.createOnly.put("overriddencreatedon", row.timestamp(spec.createdOn()).toInstant().toString());
        }
        record.state = StateRules.desiredState(spec.state(), row);
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
        return new MappingResult(records, null, draft.findings);
    }

    private String skipReason(ObjectMap spec, SourceRow row) {
        for (String rule : spec.skipRules()) {
            switch (rule) {
                case "merged-away" -> {
                    if (!row.isNull("merged_into_client_id")) {
                        return "merged into client-" + row.get("merged_into_client_id");
                    }
                }
                case "single-site" -> {
                    if (ctx.index().sites().size() <= 1) {
                        return "single-site export: no business unit is created";
                    }
                }
                default -> throw new IllegalArgumentException("unknown skip rule '" + rule + "'");
            }
        }
        return null;
    }

    private static void applyOwnerRule(ObjectMap spec, SourceRow row, TargetRecord record) {
        String owner = spec.owner() == null ? "none" : spec.owner();
        switch (owner) {
            case "practitioner" -> {
                record.ownerRule = TargetRecord.OwnerRule.PRACTITIONER;
                record.ownerPractitionerId = row.longValue(spec.ownerColumn());
            }
            case "fallback" -> record.ownerRule = TargetRecord.OwnerRule.FALLBACK;
            case "none" -> record.ownerRule = TargetRecord.OwnerRule.NONE;
            default -> throw new IllegalArgumentException("unknown owner rule '" + owner + "'");
        }
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
            note.attributes.put("isdocument", true);
            note.attributes.put("filename", note.key + ".txt");
            note.attributes.put("mimetype", "text/plain");
            note.attributes.put("documentbody",
                    Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
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
}
