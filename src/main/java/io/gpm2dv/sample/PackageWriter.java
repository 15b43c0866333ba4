package io.gpm2dv.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
        sites = open("sites.csv");
        practitioners = open("practitioners.csv");
        organisations = open("client_organisations.csv");
        clients = open("clients.csv");
        referrers = open("referrers.csv");
        referrals = open("client_referrals.csv");
        conditions = open("conditions.csv");
        appointments = open("appointments.csv");
        notes = open("clinical_notes.csv");
        invoices = open("invoices.csv");
        lines = open("invoice_lines.csv");
        payments = open("payments.csv");
        fieldDefinitions = open("custom_field_definitions.csv");
        fieldValues = open("custom_field_values.csv");
        documents = open("documents.csv");
        communications = open("communications.csv");
    }

    private CsvFileWriter open(String name) throws IOException {
        CsvFileWriter w = new CsvFileWriter(dir, ExportSchema.file(name));
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
