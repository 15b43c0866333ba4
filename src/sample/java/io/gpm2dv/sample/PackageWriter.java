package io.gpm2dv.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.gpm2dv.source.ExportSchema;
import io.gpm2dv.source.GpmFile;

/** The open files of one package being generated: every CSV writer, the document store and the warnings. */
final class PackageWriter implements AutoCloseable {
    final Path dir;
    final Warnings warnings = new Warnings();
    final DocumentStore documentFiles;
    final CsvFileWriter sites;
    final CsvFileWriter practitioners;
    final CsvFileWriter organisations;
    final CsvFileWriter clients;
    final CsvFileWriter referrers;
    final CsvFileWriter referrals;
    final CsvFileWriter conditions;
    final CsvFileWriter appointments;
    final CsvFileWriter notes;
    final CsvFileWriter invoices;
    final CsvFileWriter lines;
    final CsvFileWriter payments;
    final CsvFileWriter fieldDefinitions;
    final CsvFileWriter fieldValues;
    final CsvFileWriter documents;
    final CsvFileWriter communications;
    private final List<CsvFileWriter> all = new ArrayList<>();

    PackageWriter(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        documentFiles = new DocumentStore(dir);
        sites = open(GpmFile.SITES);
        practitioners = open(GpmFile.PRACTITIONERS);
        organisations = open(GpmFile.CLIENT_ORGANISATIONS);
        clients = open(GpmFile.CLIENTS);
        referrers = open(GpmFile.REFERRERS);
        referrals = open(GpmFile.CLIENT_REFERRALS);
        conditions = open(GpmFile.CONDITIONS);
        appointments = open(GpmFile.APPOINTMENTS);
        notes = open(GpmFile.CLINICAL_NOTES);
        invoices = open(GpmFile.INVOICES);
        lines = open(GpmFile.INVOICE_LINES);
        payments = open(GpmFile.PAYMENTS);
        fieldDefinitions = open(GpmFile.CUSTOM_FIELD_DEFINITIONS);
        fieldValues = open(GpmFile.CUSTOM_FIELD_VALUES);
        documents = open(GpmFile.DOCUMENTS);
        communications = open(GpmFile.COMMUNICATIONS);
    }

    private CsvFileWriter open(GpmFile file) throws IOException {
        CsvFileWriter w = new CsvFileWriter(dir, ExportSchema.of(file));
        all.add(w);
        return w;
    }

    /** Closes every CSV and writes the manifest from their final sizes and digests. */
    void finish(long seed, int scale) throws IOException {
        close();
        String exportId = UUID.nameUUIDFromBytes(("gpm2dv-sample:" + seed + ":" + scale).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        ManifestWriter.write(dir, exportId, all, documentFiles, warnings.sorted());
    }

    @Override
    public void close() throws IOException {
        for (CsvFileWriter w : all) {
            w.close();
        }
    }
}
