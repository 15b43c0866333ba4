package io.gpm2dv.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.gpm2dv.audit.AuditEntry;
import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.deadletter.DeadLetter;
import io.gpm2dv.deadletter.DeadLetterStore;
import io.gpm2dv.mapping.Finding;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.RecordMapper;
import io.gpm2dv.owner.TargetDirectory;
import io.gpm2dv.run.MigrationConfig;
import io.gpm2dv.source.GpmFile;

/**
 * Reconciliation by counts: per object, rows in the export, extracted, loaded, skipped by rule, dead-lettered,
 * and the records in Dataverse carrying the object's key prefix. A run that loads nothing, or whose numbers do
 * not add up, is not complete.
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
    DataverseClient dataverse;

    @Inject
    MigrationConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    TargetDirectory directory;

    public RunReconciliation reconcile(String runId, int runNumber, String migrationId, String exportId, MappingSpec spec) {
        List<AuditEntry> writes = auditLog.entries(runId);
        Map<String, long[]> operations = operationsPerObject(writes);
        List<ObjectReconciliation> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MappingSpec.ObjectMap om : spec.objects()) {
            ObjectReconciliation o = object(runId, om.object(), om.table(), operations,
                    om.sourceKeyColumn() ? targetCount(om, GpmFile.byFileName(om.file()).keyPrefix()) : null);
            objects.add(o);
            if (!o.balanced()) {
                problems.add(om.object() + ": numbers do not add up (export " + o.exportRows() + ", extracted "
                        + o.extracted() + ", rejected " + o.rejected() + ", loaded " + o.loaded() + ", skipped "
                        + o.skipped() + ", dead-lettered " + o.deadLettered() + ", pending " + o.pending() + ")");
            }
        }
        ObjectReconciliation notes = object(runId, RecordMapper.UNMAPPED_OBJECT, "annotation", operations, null);
        if (notes.pending() > 0) {
            problems.add(RecordMapper.UNMAPPED_OBJECT + ": " + notes.pending() + " notes not written");
        }
        long loaded = objects.stream().mapToLong(ObjectReconciliation::loaded).sum();
        if (loaded == 0) {
            problems.add("the run loaded nothing");
        }
        return new RunReconciliation(runId, runNumber, migrationId, exportId, Instant.now(), problems.isEmpty(), problems,
                objects, notes, keyed(runId, spec, Fate.SKIPPED), deadLettered(runId), findings(runId, spec),
                OwnerReport.of(directory.owners(runId), writes));
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

    /** Distinct keys created and updated per object in this run (a key's first write decides). */
    private static Map<String, long[]> operationsPerObject(List<AuditEntry> writes) {
        Map<String, String> firstOperation = new LinkedHashMap<>();
        Map<String, String> objectOfKey = new LinkedHashMap<>();
        for (AuditEntry e : writes) {
            firstOperation.putIfAbsent(e.recordKey(), e.operation());
            objectOfKey.putIfAbsent(e.recordKey(), e.object());
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        firstOperation.forEach((key, op) -> out.computeIfAbsent(objectOfKey.get(key), k -> new long[2])
                [AuditEntry.CREATED.equals(op) ? 0 : 1]++);
        return out;
    }

    private long targetCount(MappingSpec.ObjectMap om, String prefix) {
        return dataverse.count(om.entitySet(), om.primaryKey(), "startswith(new_gensolveid,'" + prefix + "-')");
    }

    private List<Map<String, String>> keyed(String runId, MappingSpec spec, Fate fate) {
        List<Map<String, String>> out = new ArrayList<>();
        for (MappingSpec.ObjectMap om : spec.objects()) {
            for (String[] k : fates.keysWithFate(runId, om.object(), fate)) {
                out.add(Map.of("object", om.object(), "key", k[0], "stage", k[1], "reason", k[2] == null ? "" : k[2]));
            }
        }
        return out;
    }

    private List<Map<String, String>> deadLettered(String runId) {
        List<Map<String, String>> out = new ArrayList<>();
        for (DeadLetter dl : deadLetters.list(runId)) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("object", dl.object());
            m.put("key", dl.key());
            m.put("stage", dl.stage());
            if (dl.file() != null) {
                m.put("file", dl.file());
            }
            if (dl.row() != null) {
                m.put("row", dl.row().toString());
            }
            if (dl.column() != null) {
                m.put("column", dl.column());
            }
            m.put("reason", dl.reason());
            out.add(m);
        }
        return out;
    }

    private List<Map<String, String>> findings(String runId, MappingSpec spec) {
        List<Map<String, String>> out = new ArrayList<>();
        for (MappingSpec.ObjectMap om : spec.objects()) {
            for (Finding f : fates.findings(runId, om.object())) {
                out.add(Map.of("object", om.object(), "key", f.key(), "column", f.column(), "code", f.code()));
            }
        }
        return out;
    }

    /** Writes {@code reconciliation.json} to the report directory (and a copy per run number). */
    public Path write(RunReconciliation r) {
        try {
            Path dir = config.reportDir();
            Files.createDirectories(dir.resolve("runs").resolve(Integer.toString(r.runNumber())));
            byte[] bytes = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsBytes(r);
            Files.write(dir.resolve("runs").resolve(Integer.toString(r.runNumber())).resolve("reconciliation.json"), bytes);
            Path latest = dir.resolve("reconciliation.json");
            Files.write(latest, bytes);
            return latest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reconciliation report", e);
        }
    }

    /** The short table printed at the end of a run. */
    public static String table(RunReconciliation r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Reconciliation of run %d (%s): %s%n", r.runNumber(), r.runId(),
                r.complete() ? "COMPLETE" : "FAILED"));
        sb.append(String.format("%-16s %8s %9s %8s %7s %7s %7s %7s %8s %10s  %s%n", "object", "export", "extracted",
                "rejected", "loaded", "created", "updated", "skipped", "dead-ltr", "dataverse", "balanced"));
        for (ObjectReconciliation o : r.objects()) {
            row(sb, o);
        }
        row(sb, r.unmappedNotes());
        for (String p : r.problems()) {
            sb.append("PROBLEM: ").append(p).append(System.lineSeparator());
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
