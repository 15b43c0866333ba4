package io.gpm2dv.mapping;

import java.util.Locale;

import io.gpm2dv.mapping.notes.BodyFormat;
import io.gpm2dv.mapping.notes.NoteBody;
import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.source.SourceRow;

/**
 * The text of a clinical note or a document's note (target-mapping §2): notes take no custom columns, so their
 * Gensolve facts travel in a first line, then the body in the form the map says. Text beyond notetext's 100,000
 * characters is cut with … and the full original attached to the same note (H17); an RTF body whose pictures
 * could not become text is attached as well (H11).
 */
final class NoteTexts {
    private NoteTexts() {
    }

    /** {@code title}, else {@code "<Note type> note"} plus {@code " — <ASSESSMENT_TYPE>"} unless NONE. */
    static String subject(SourceRow row) {
        String title = row.get("title");
        if (!TextValues.isBlank(title)) {
            return title;
        }
        String type = row.get("note_type");
        String assessment = row.get("assessment_type");
        String subject = type.charAt(0) + type.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ') + " note";
        return assessment == null || "NONE".equals(assessment) ? subject : subject + " — " + assessment;
    }

    /** {@code [GPM note <id> · TYPE · ASSESSMENT · completed · locked <instant> · author <name> (GPM <id>)]}. */
    static String noteHeader(MappingContext ctx, SourceRow row) {
        String locked = Boolean.TRUE.equals(row.bool("is_locked"))
                ? (row.isNull("locked_at") ? "locked" : "locked " + row.timestamp("locked_at").toInstant())
                : "unlocked";
        return "[GPM note " + row.id() + " · " + row.get("note_type") + " · " + row.get("assessment_type") + " · "
                + (Boolean.TRUE.equals(row.bool("is_completed")) ? "completed" : "not completed") + " · " + locked
                + " · " + author(ctx, row) + "]";
    }

    /** {@code [GPM document <id> · CATEGORY · <document_date> · author <name> (GPM <id>)|author none]}. */
    static String documentHeader(MappingContext ctx, SourceRow row) {
        return "[GPM document " + row.id() + " · " + row.get("category") + " · "
                + (row.isNull("document_date") ? "undated" : row.get("document_date")) + " · " + author(ctx, row) + "]";
    }

    private static String author(MappingContext ctx, SourceRow row) {
        Long author = row.longValue("author_practitioner_id");
        return author == null ? "author none" : "author " + RecordMapper.practitionerLabel(ctx.index(), author);
    }

    /** Writes {@code notetext} (and the attached original when it does not fit or lost detail) into the draft. */
    static void apply(MappingContext ctx, SourceRow row, RecordDraft draft) {
        String header = noteHeader(ctx, row);
        NoteBody.Rendered body = NoteBody.render(row.get("body_format"), row.get("body"), row.get("sections"));
        if (row.get("body") != null && body.format() != BodyFormat.ofCode(row.get("body_format"))) {
            draft.findings.add(new Finding(draft.key, "notetext", Finding.FORMAT_SNIFFED));
        }
        String full = body.text() == null || body.text().isEmpty() ? header : header + "\n\n" + body.text();
        draft.attributes.put("notetext", TextValues.fit(full, RecordMapper.NOTETEXT_MAX));
        String filename = "note-" + row.id() + "." + body.extension();
        if (full.length() > RecordMapper.NOTETEXT_MAX) {
            // plain text and sections attach the whole note; RTF and HTML their original markup
            String original = body.format() == BodyFormat.PLAIN ? full : body.original();
            RecordMapper.attachText(draft.attributes, filename, mimeType(body.format()), original);
            draft.findings.add(new Finding(draft.key, "notetext", Finding.NOTE_ATTACHED));
        } else if (body.lossy()) {
            RecordMapper.attachText(draft.attributes, filename, mimeType(body.format()), body.original());
            draft.findings.add(new Finding(draft.key, "notetext", Finding.RTF_CONTENT_DROPPED));
        }
    }

    private static String mimeType(BodyFormat format) {
        return switch (format) {
            case RTF -> "application/rtf";
            case HTML -> "text/html";
            case PLAIN -> "text/plain";
        };
    }
}
