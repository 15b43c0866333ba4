package io.gpm2dv.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseException;
import io.gpm2dv.dataverse.RetryBudget;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.source.GpmFile;

/**
 * What Dataverse holds of an object after a run, for the reconciliation: records by key prefix where the table has the
 * source key column, the written records by id where it has not (notes, email attachments), and the activity parties
 * of the written activities. A Dataverse that does not answer is a problem of the report, never a failed report.
 */
@ApplicationScoped
public class DataverseCounts {
    /** How long the report may wait for Dataverse to count: a run that failed over an outage still gets its report. */
    private static final Duration COUNT_BUDGET = Duration.ofSeconds(30);
    /** Checking written records by id takes a request per 50 records: a large run needs longer than one count. */
    private static final Duration CHECK_BUDGET = Duration.ofMinutes(15);

    @Inject
    DataverseClient dataverse;

    @Inject
    AuditLog auditLog;

    /**
     * What Dataverse holds of the object: records carrying its key prefix in every table that has the source key
     * column (which also finds records no run of this ledger wrote), else the written records that are there.
     */
    Long inDataverse(MappingSpec.ObjectMap om, List<ObjectReconciliation.TargetCheck> targets, List<String> problems) {
        String prefix = GpmFile.byFileName(om.file()).keyPrefix();
        long total = 0;
        for (MappingSpec.ObjectMap shape : distinctTables(om)) {
            if (shape.sourceKeyColumn()) {
                try {
                    total += RetryBudget.within(COUNT_BUDGET, () -> dataverse.count(shape.entitySet(), shape.primaryKey(),
                            "startswith(new_gensolveid,'" + prefix + "-')"));
                } catch (DataverseException e) {
                    problems.add(om.object() + ": Dataverse did not answer the count (" + SafeText.of(e) + ")");
                    return null;
                }
            } else {
                Long present = targets.stream().filter(t -> t.table().equals(shape.table())).findFirst()
                        .map(ObjectReconciliation.TargetCheck::present).orElse(0L);
                if (present == null) {
                    return null;
                }
                total += present;
            }
        }
        return om.matchUser() ? null : total;
    }

    /** The object's shapes, one per table. */
    private static List<MappingSpec.ObjectMap> distinctTables(MappingSpec.ObjectMap om) {
        java.util.Map<String, MappingSpec.ObjectMap> byTable = new java.util.LinkedHashMap<>();
        om.allShapes().forEach(shape -> byTable.putIfAbsent(shape.table(), shape));
        return List.copyOf(byTable.values());
    }

    /**
     * Per table the object wrote in this run: records written and how many Dataverse holds (checked by id for tables
     * without the source key column), and for activities their parties against the parties Dataverse holds.
     */
    List<ObjectReconciliation.TargetCheck> targets(String runId, MappingSpec.ObjectMap om, List<String> problems) {
        if (om.matchUser()) {
            return List.of();
        }
        java.util.Map<String, AuditLog.TableTotals> totals = auditLog.totalsPerTable(runId, om.object());
        List<ObjectReconciliation.TargetCheck> out = new ArrayList<>();
        for (MappingSpec.ObjectMap shape : distinctTables(om)) {
            AuditLog.TableTotals t = totals.getOrDefault(shape.table(), new AuditLog.TableTotals(0, 0));
            boolean checkPresence = !shape.sourceKeyColumn();
            boolean checkParties = t.parties() > 0;
            if (!checkPresence && !checkParties) {
                continue;
            }
            try {
                long[] found = {0, 0};
                List<java.util.UUID> chunk = new ArrayList<>();
                Runnable flush = () -> {
                    if (checkPresence) {
                        found[0] += dataverse.retrieveExisting(shape.entitySet(), shape.primaryKey(), chunk,
                                shape.primaryKey(), CHUNK).size();
                    }
                    if (checkParties) {
                        found[1] += dataverse.count("activityparties", "activitypartyid", String.join(" or ",
                                chunk.stream().map(id -> "_activityid_value eq " + id).toList()));
                    }
                    chunk.clear();
                };
                RetryBudget.within(CHECK_BUDGET, () -> {
                    auditLog.forEachTarget(runId, om.object(), shape.table(), id -> {
                        chunk.add(java.util.UUID.fromString(id));
                        if (chunk.size() == CHUNK) {
                            flush.run();
                        }
                    });
                    if (!chunk.isEmpty()) {
                        flush.run();
                    }
                    return null;
                });
                out.add(new ObjectReconciliation.TargetCheck(shape.table(), t.records(), checkPresence ? found[0] : null,
                        checkParties ? t.parties() : null, checkParties ? found[1] : null));
            } catch (DataverseException e) {
                problems.add(om.object() + ": Dataverse did not answer the check of " + shape.table() + " (" + SafeText.of(e) + ")");
                out.add(new ObjectReconciliation.TargetCheck(shape.table(), t.records(), null, null, null));
            }
        }
        return out;
    }

    private static final int CHUNK = 50;
}
