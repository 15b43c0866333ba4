package io.gpm2dv.reconcile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.deadletter.DeadLetterStore;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.owner.OwnerReport;
import io.gpm2dv.report.HtmlPage;
import io.gpm2dv.mapping.RecordMapper;
import io.gpm2dv.owner.TargetDirectory;
import io.gpm2dv.pipeline.DeadLetter;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.source.RunSelections;
import io.gpm2dv.verify.FieldDiff;
import io.gpm2dv.verify.VerificationSummary;

/**
 * Reconciliation by counts: per object, rows in the export, extracted, loaded, skipped by rule, dead-lettered,
 * and the records in Dataverse carrying the object's key prefix; from them the run's status. Every count is the
 * database's (no key of the run is held in memory), and the report file streams the records it names.
 */
@ApplicationScoped
public class Reconciler {

    @Inject
    RecordFates fates;

    @Inject
    AuditLog auditLog;

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    MigrationConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    TargetDirectory directory;

    @Inject
    DataverseCounts counts;

    @Inject
    InvoiceChecks invoiceChecks;

    @Inject
    RunSelections selections;

    @Inject
    FieldDiff fieldDiff;

    /** Reconciles a run; {@code failure} says why the run stopped early (null when it went to its end). */
    public RunReconciliation reconcile(String runId, int runNumber, String migrationId, String exportId, MappingSpec spec,
            String failure) {
        Map<String, long[]> operations = auditLog.operationsPerObject(runId);
        List<ObjectReconciliation> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (failure != null) {
            problems.add(failure);
        }
        for (MappingSpec.ObjectMap om : spec.objects()) {
            List<ObjectReconciliation.TargetCheck> targets = counts.targets(runId, om, problems);
            ObjectReconciliation counted = object(runId, om.object(), om.table(), operations, counts.inDataverse(om, targets, problems));
            ObjectReconciliation o = new ObjectReconciliation(counted.object(), counted.table(), counted.exportRows(),
                    counted.extracted(), counted.rejected(), counted.loaded(), counted.created(), counted.updated(),
                    counted.skipped(), counted.deadLettered(), counted.pending(), counted.inDataverse(),
                    fates.skipsByRule(runId, om.object()), targets);
            objects.add(o);
            for (ObjectReconciliation.TargetCheck t : targets) {
                if (!t.matches()) {
                    problems.add(om.object() + ": Dataverse holds " + t.present() + " of the " + t.written() + " " + t.table()
                            + " records written" + (t.parties() == null ? "" : " and " + t.partiesPresent() + " of their "
                            + t.parties() + " activity parties"));
                }
            }
            if (!o.balanced()) {
                problems.add(om.object() + ": numbers do not add up (export " + o.exportRows() + ", extracted "
                        + o.extracted() + ", rejected " + o.rejected() + ", loaded " + o.loaded() + ", skipped "
                        + o.skipped() + ", dead-lettered " + o.deadLettered() + ", pending " + o.pending() + ")");
            }
        }
        try {
            problems.addAll(invoiceChecks.check(runNumber, spec)); // Σ lines = source totals to the cent, states, payments
        } catch (RuntimeException e) {
            // the report is written whatever happened (e.g. an export file that vanished made the run fail)
            problems.add("invoices: the totals check could not run (" + SafeText.of(e) + ")");
        }
        VerificationSummary verification = verify(runId, runNumber, spec, failure, problems);
        ObjectReconciliation notes = object(runId, RecordMapper.UNMAPPED_OBJECT, "annotation", operations, null);
        if (notes.pending() > 0) {
            problems.add(RecordMapper.UNMAPPED_OBJECT + ": " + notes.pending() + " notes not written");
        }
        long loaded = objects.stream().mapToLong(ObjectReconciliation::loaded).sum();
        if (loaded == 0 && !selections.isSelective(runId)) {
            problems.add("the run loaded nothing"); // a delta over an unchanged export rightly loads nothing
        }
        boolean balanced = objects.stream().allMatch(ObjectReconciliation::balanced) && notes.pending() == 0;
        long deadLettered = deadLetters.count(runId);
        RunStatus status = failure != null ? RunStatus.FAILED
                : !problems.isEmpty() ? RunStatus.INCOMPLETE
                : deadLettered > 0 ? RunStatus.COMPLETE_WITH_FAILURES
                : RunStatus.COMPLETE;
        List<OwnerReport.Line> owners;
        try {
            owners = OwnerReport.of(directory.owners(runId), auditLog.recordsPerPractitioner(runId));
        } catch (DataverseException e) {
            owners = List.of();
            problems.add("owner report: " + SafeText.of(e));
        }
        return new RunReconciliation(runId, runNumber, migrationId, exportId, Instant.now(), status, balanced, problems,
                objects, notes, deadLettered, owners, verification);
    }

    /**
     * Verification by read-back, after the counts: every record the run loaded is read back and compared column by
     * column with what was sent (the field diff is written in the same pass); a mismatch is a problem, so the run is
     * not COMPLETE. A run that failed is not read back (its status says enough, and Dataverse may be away).
     */
    private VerificationSummary verify(String runId, int runNumber, MappingSpec spec, String failure, List<String> problems) {
        if (failure != null) {
            return null;
        }
        try {
            VerificationSummary v = fieldDiff.write(runId, runNumber, spec);
            if (v.mismatches() > 0) {
                problems.add("verification: " + v.mismatches() + " columns read back differently from what was sent ("
                        + v.mismatchesPerObject() + "; gpm_verification, runs/" + runNumber + "/diff.csv)");
            }
            return v;
        } catch (RuntimeException e) {
            // the report is written whatever happened (Dataverse away beyond the budget, the ledger, the report dir)
            problems.add("verification: the read-back could not run (" + SafeText.of(e) + ")");
            return null;
        }
    }

    private ObjectReconciliation object(String runId, String object, String table, Map<String, long[]> operations,
            Long inDataverse) {
        Map<Fate, Long> all = fates.counts(runId, object, null);
        Map<Fate, Long> afterExtract = fates.counts(runId, object, "extract");
        RecordFates.ExtractCounts extract = fates.extractCounts(runId, object).orElse(null);
        long[] ops = operations.getOrDefault(object, new long[2]);
        if (extract == null) {
            // objects the pipeline adds (notes) have no export file: expected = everything the map announced
            long expected = all.values().stream().mapToLong(Long::longValue).sum();
            return new ObjectReconciliation(object, table, expected, expected, 0, all.get(Fate.LOADED), ops[0], ops[1],
                    all.get(Fate.SKIPPED), all.get(Fate.DEAD_LETTERED), all.get(Fate.PENDING), inDataverse);
        }
        return new ObjectReconciliation(object, table, extract.exportRows(), extract.extracted(), extract.rejected(),
                afterExtract.get(Fate.LOADED), ops[0], ops[1], afterExtract.get(Fate.SKIPPED),
                afterExtract.get(Fate.DEAD_LETTERED), all.get(Fate.PENDING), inDataverse);
    }


    /**
     * Writes {@code reconciliation.json} to the report directory (and a copy per run number): the counts, then the
     * skipped and dead-lettered records and the findings, streamed from the ledger.
     */
    public Path write(RunReconciliation r, MappingSpec spec) {
        try {
            Path dir = config.reportDir().resolve("runs").resolve(Integer.toString(r.runNumber()));
            Files.createDirectories(dir);
            Path file = dir.resolve("reconciliation.json");
            try (OutputStream out = Files.newOutputStream(file)) {
                writeJson(r, spec, out);
            }
            Path latest = config.reportDir().resolve("reconciliation.json");
            Files.copy(file, latest, StandardCopyOption.REPLACE_EXISTING);
            // the same counts as a page a person opens in a browser (the lists stay in the JSON)
            Path page = dir.resolve("reconciliation.html");
            new HtmlPage("Reconciliation of run " + r.runNumber() + ": " + r.status())
                    .paragraph(r.problems().isEmpty() ? "No problems." : String.join("; ", r.problems()))
                    .preformatted(table(r) + deadLetterLines(r.runId(), 200)).write(page);
            Files.copy(page, config.reportDir().resolve("reconciliation.html"), StandardCopyOption.REPLACE_EXISTING);
            return latest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reconciliation report", e);
        }
    }

    private void writeJson(RunReconciliation r, MappingSpec spec, OutputStream out) throws IOException {
        ObjectMapper mapper = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            ObjectNode counts = mapper.valueToTree(r);
            for (var field : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) counts::fields) {
                g.writeFieldName(field.getKey());
                mapper.writeTree(g, field.getValue());
            }
            g.writeArrayFieldStart("skipped");
            for (MappingSpec.ObjectMap om : spec.objects()) {
                fates.forEachWithFate(r.runId(), om.object(), Fate.SKIPPED, k -> write(g, () -> {
                    g.writeStartObject();
                    g.writeStringField("object", om.object());
                    g.writeStringField("key", k.key());
                    g.writeStringField("stage", k.stage());
                    g.writeStringField("rule", k.skipRule() == null ? "OTHER" : k.skipRule());
                    g.writeStringField("reason", k.reason() == null ? "" : k.reason());
                    g.writeEndObject();
                }));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("deadLettered");
            deadLetters.forEach(r.runId(), dl -> write(g, () -> writeDeadLetter(g, dl)));
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (MappingSpec.ObjectMap om : spec.objects()) {
                fates.forEachFinding(r.runId(), om.object(), f -> write(g, () -> {
                    g.writeStartObject();
                    g.writeStringField("object", om.object());
                    g.writeStringField("key", f.key());
                    writeFindingColumn(g, f);
                    g.writeStringField("code", f.code());
                    g.writeEndObject();
                }));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * The finding's column; an orphan reference (H15) is kept as {@code "<column> → <parent key>"} and reported as its
     * column and the missing parent's key apart, so the report names both.
     */
    private static void writeFindingColumn(JsonGenerator g, io.gpm2dv.pipeline.Finding f) throws IOException {
        int arrow = f.column().indexOf(ORPHAN_ARROW);
        if (io.gpm2dv.pipeline.Finding.ORPHAN_REFERENCE.equals(f.code()) && arrow > 0) {
            g.writeStringField("column", f.column().substring(0, arrow));
            g.writeStringField("parent", f.column().substring(arrow + ORPHAN_ARROW.length()));
        } else {
            g.writeStringField("column", f.column());
        }
    }

    private static final String ORPHAN_ARROW = " → ";

    private static void writeDeadLetter(JsonGenerator g, DeadLetter dl) throws IOException {
        g.writeStartObject();
        g.writeStringField("object", dl.object());
        g.writeStringField("key", dl.key());
        g.writeStringField("stage", dl.stage());
        if (dl.file() != null) {
            g.writeStringField("file", dl.file());
        }
        if (dl.row() != null) {
            g.writeStringField("row", dl.row().toString());
        }
        if (dl.column() != null) {
            g.writeStringField("column", dl.column());
        }
        if (dl.topic() != null) {
            g.writeStringField("topic", dl.topic());
            g.writeStringField("partition", String.valueOf(dl.partition()));
            g.writeStringField("offset", String.valueOf(dl.offset()));
        }
        g.writeStringField("reason", dl.reason());
        g.writeEndObject();
    }

    private interface JsonWrite {
        void run() throws IOException;
    }

    private static void write(JsonGenerator g, JsonWrite w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The short table printed at the end of a run. */
    public static String table(RunReconciliation r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Reconciliation of run %d (%s): %s%n", r.runNumber(), r.runId(), r.status()));
        sb.append(String.format("%-16s %8s %9s %8s %7s %7s %7s %7s %8s %10s  %s%n", "object", "export", "extracted",
                "rejected", "loaded", "created", "updated", "skipped", "dead-ltr", "dataverse", "balanced"));
        for (ObjectReconciliation o : r.objects()) {
            row(sb, o);
        }
        row(sb, r.unmappedNotes());
        for (ObjectReconciliation o : r.objects()) {
            if (o.skippedByRule() != null && !o.skippedByRule().isEmpty()) {
                sb.append(String.format("  %s skipped by rule: %s%n", o.object(), o.skippedByRule().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))));
            }
            for (ObjectReconciliation.TargetCheck t : o.targets() == null ? List.<ObjectReconciliation.TargetCheck>of() : o.targets()) {
                if (t.written() == 0 && (t.present() == null || t.present() == 0)) {
                    continue; // a shape this map does not use (e.g. invoices as contact notes): nothing to say
                }
                sb.append(String.format("  %s in %s: %d written, %s in Dataverse%s%n", o.object(), t.table(), t.written(),
                        t.present() == null ? "n/a" : t.present(), t.parties() == null ? ""
                                : String.format("; activity parties %d written, %s in Dataverse", t.parties(),
                                        t.partiesPresent() == null ? "n/a" : t.partiesPresent())));
            }
        }
        if (r.verification() != null) {
            sb.append(String.format("Read-back verification: %d records, %d columns, %d mismatches%n",
                    r.verification().checked(), r.verification().columns(), r.verification().mismatches()));
        }
        for (String p : r.problems()) {
            sb.append("PROBLEM: ").append(p).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The dead letters of a run as lines for the console: key, stage, where, reason (at most {@code limit}). */
    public String deadLetterLines(String runId, int limit) {
        StringBuilder sb = new StringBuilder();
        long[] n = {0};
        deadLetters.forEach(runId, dl -> {
            if (n[0]++ < limit) {
                String where = dl.file() != null ? dl.file() + (dl.row() == null ? "" : " row " + dl.row())
                        + (dl.column() == null ? "" : " column " + dl.column())
                        : dl.topic() != null ? dl.topic() + " partition " + dl.partition() + " offset " + dl.offset() : "";
                sb.append(String.format("DEAD LETTER: %s (%s, %s)%s: %s%n", dl.key(), dl.object(), dl.stage(),
                        where.isEmpty() ? "" : " at " + where, dl.reason()));
            }
        });
        if (n[0] > limit) {
            sb.append(String.format("... and %d more dead letters in reconciliation.json%n", n[0] - limit));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, ObjectReconciliation o) {
        sb.append(String.format("%-16s %8s %9d %8d %7d %7d %7d %7d %8d %10s  %s%n", o.object(),
                o.exportRows() == null ? "-" : o.exportRows(), o.extracted(), o.rejected(), o.loaded(), o.created(),
                o.updated(), o.skipped(), o.deadLettered(), o.inDataverse() == null ? "n/a" : o.inDataverse(),
                o.balanced() ? "yes" : "NO"));
    }
}
