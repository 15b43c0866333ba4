package io.gpm2dv.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

/** Anchor documents (7001–7013, H10 missing, bad SHA-256, oversized) and communications (90001–90010). */
final class AnchorFiles {
    /** The oversized document (H10): 30 MiB, above the 25 MiB upload limit. */
    static final long LARGE_ID = 7011;
    static final long LARGE_SIZE = 31_457_280;

    private AnchorFiles() {
    }

    static void write(PackageWriter out, boolean largeDocuments) {
        present(out, 7001, 1001L, "REFERRAL", "Referral from Harbour Orthopaedics", "Referral letter.pdf", "application/pdf")
                .v("condition_id", 4001).v("author_practitioner_id", 11).write(t(1), t(1));
        missing(out, 7002, 1004L, "UPLOAD", "MRI report", "MRI report.pdf", "application/pdf").write(t(2), t(2));
        out.warnings.add("documents.csv", 7002, "stored_path", "FILE_MISSING", "file not found in the source document store");
        // H10: the bytes on disk are fine, the SHA-256 recorded by the source is not
        CsvFileWriter.Row bad = present(out, 7003, 1019L, "IMAGE", "Shoulder photo", "shoulder.jpg", "image/jpeg");
        bad.v("sha256", DocumentStore.sha256("a different file".getBytes(StandardCharsets.UTF_8))).write(t(3), t(3));
        present(out, 7004, 1001L, "LETTER", "Letter to GP", "Letter to GP.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document").v("note_id", 20011)
                .v("author_practitioner_id", 11).write(t(4), t(4));
        present(out, 7005, 1021L, "UPLOAD", "Scan März", "Scan März.PDF", "application/pdf").write(t(5), t(5));
        present(out, 7006, 1032L, "FORM_DRAWING", "Body chart", "body-chart.png", "image/png").v("note_id", 20015)
                .v("appointment_id", 10011).v("author_practitioner_id", 19).write(t(6), t(6));
        present(out, 7007, null, "OTHER", "Practice privacy policy", "Privacy policy 2023.pdf", "application/pdf").write(t(7), t(7));
        present(out, 7008, 1004L, "NOTE_PDF", "Restricted note", "note-20008.pdf", "application/pdf").v("is_restricted", true)
                .v("note_id", 20008).v("author_practitioner_id", 12).write(t(8), t(8));
        present(out, 7009, AnchorClients.DELETED_CLIENT, "UPLOAD", "X-ray of a deleted client", "xray.jpg", "image/jpeg").write(t(9), t(9));
        out.warnings.orphan("documents.csv", 7009, "client_id", AnchorClients.DELETED_CLIENT, "clients.csv");
        present(out, 7010, 1030L, "UPLOAD", "Invoice 3470", "Invoice 3470.pdf", "application/pdf").write(t(10), t(10));
        large(out, largeDocuments);
        present(out, 7012, 1022L, "REFERRAL", "Letter from GP", "Letter from GP", null).write(t(12), t(12));
        present(out, 7013, 1032L, "REFERRAL", "Referral Dr O'Sullivan", "referral_osullivan.pdf", "application/pdf")
                .v("condition_id", 4006).write(t(13), t(13));
        AnchorMessages.write(out);
    }

    private static void large(PackageWriter out, boolean real) {
        if (real) {
            try {
                DocumentStore.Stored s = out.documentFiles.writeLarge(LARGE_ID, "Ultrasound video.mp4", LARGE_SIZE, LARGE_ID);
                row(out, LARGE_ID, 1028L, "IMAGE", "Ultrasound video", "Ultrasound video.mp4", "video/mp4")
                        .v("size_bytes", s.size()).v("sha256", s.sha256()).v("file_status", "PRESENT").write(t(11), t(11));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        // the bundled package stays small: the 30 MiB file is declared missing and its size kept in the warning
        missing(out, LARGE_ID, 1028L, "IMAGE", "Ultrasound video", "Ultrasound video.mp4", "video/mp4").write(t(11), t(11));
        out.warnings.add("documents.csv", LARGE_ID, "stored_path", "FILE_MISSING",
                "source file of " + LARGE_SIZE + " bytes (above 25 MiB) not shipped; generate with --large-documents to include it");
    }

    static Instant t(int n) {
        return SampleTime.nz(2024, 1, 8, 9, 0).plusSeconds(n * 86_400L * 7);
    }

    private static CsvFileWriter.Row row(PackageWriter out, long id, Long client, String category, String title,
            String filename, String mime) {
        return out.documents.row().v("document_id", id).v("client_id", client).v("category", category).v("title", title)
                .v("original_filename", filename).v("stored_path", DocumentStore.storedPath(id, filename))
                .v("mime_type", mime).v("is_restricted", false).v("document_date", LocalDate.of(2024, 1, 8).plusDays((id % 100) * 7));
    }

    static CsvFileWriter.Row present(PackageWriter out, long id, Long client, String category, String title,
            String filename, String mime) {
        try {
            DocumentStore.Stored s = out.documentFiles.write(id, filename, content(id, filename));
            return row(out, id, client, category, title, filename, mime).v("size_bytes", s.size()).v("sha256", s.sha256())
                    .v("file_status", "PRESENT");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CsvFileWriter.Row missing(PackageWriter out, long id, Long client, String category, String title,
            String filename, String mime) {
        out.documentFiles.missing();
        return row(out, id, client, category, title, filename, mime).v("size_bytes", 0).v("file_status", "MISSING");
    }

    /** Small deterministic bytes shaped like the file type (a few hundred bytes to 2 KiB). */
    static byte[] content(long id, String filename) {
        String lower = filename.toLowerCase(java.util.Locale.ROOT);
        StringBuilder text = new StringBuilder();
        if (lower.endsWith(".pdf")) {
            text.append("%PDF-1.4\n% gpm2dv sample document ").append(id).append('\n');
        } else {
            text.append("gpm2dv sample document ").append(id).append(" (").append(filename).append(")\n");
        }
        Random r = new Random(id);
        int lines = 4 + r.nextInt(24);
        for (int i = 0; i < lines; i++) {
            text.append("line ").append(i).append(": ").append(Long.toHexString(r.nextLong())).append(Long.toHexString(r.nextLong())).append('\n');
        }
        if (lower.endsWith(".pdf")) {
            text.append("%%EOF\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
