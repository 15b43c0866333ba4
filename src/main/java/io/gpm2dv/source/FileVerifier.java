package io.gpm2dv.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.gpm2dv.source.ExportPackage.ManifestFile;

/**
 * Checks one listed file against its manifest entry (§6): exact size, then SHA-256, header and data-record
 * count in a single streaming pass through the same CSV reader the rows are later read with.
 */
final class FileVerifier {
    private FileVerifier() {
    }

    /** The cheap check, done for every file before any file is hashed. */
    static void checkSize(Path dir, ManifestFile entry) throws ExportRefusedException, IOException {
        long size = Files.size(dir.resolve(entry.name()));
        if (size != entry.bytes()) {
            throw new ExportRefusedException(entry.name(),
                    "bytes in manifest.json is " + entry.bytes() + " but the file has " + size);
        }
    }

    /** Hash, header and record count; {@code schema} is null for a listed file this product does not read. */
    static void checkContent(Path dir, ManifestFile entry, FileSchema schema, int maxFieldChars)
            throws ExportRefusedException, IOException {
        MessageDigest sha256 = sha256();
        Scan scan;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(entry.name())),
                1 << 16), sha256)) {
            scan = scan(in, schema, maxFieldChars);
            in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        // A damaged file explains everything else that is wrong with it, so the checksum is reported first.
        if (!actual.equals(entry.sha256())) {
            throw new ExportRefusedException(entry.name(),
                    "sha256 in manifest.json is " + entry.sha256() + " but the file's is " + actual);
        }
        if (scan.fault != null) {
            throw new ExportRefusedException(entry.name(), scan.fault);
        }
        if (scan.dataRecords != entry.rows()) {
            throw new ExportRefusedException(entry.name(), "rows in manifest.json is " + entry.rows()
                    + " but the file has " + scan.dataRecords + " data records");
        }
    }

    private record Scan(long dataRecords, String fault) {
    }

    private static Scan scan(InputStream in, FileSchema schema, int maxFieldChars) throws IOException {
        // Not closed here: the caller drains the rest of the bytes into the digest first.
        CsvReader csv = CsvReader.utf8(in, maxFieldChars);
        try {
            List<String> header = csv.next();
            if (header == null) {
                return new Scan(0, schema == null ? null : "header row is missing");
            }
            if (schema != null) {
                String problem = schema.headerProblem(header);
                if (problem != null) {
                    return new Scan(0, problem);
                }
            }
            while (csv.next() != null) {
                // counting only: values are checked row by row when the file is streamed
            }
            return new Scan(csv.records() - 1, null);
        } catch (CharacterCodingException e) {
            return new Scan(0, "is not valid UTF-8 (after data record " + Math.max(0, csv.records() - 1) + ")");
        } catch (CsvFormatException e) {
            return new Scan(0, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
