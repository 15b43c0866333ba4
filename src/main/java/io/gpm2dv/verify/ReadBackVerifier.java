package io.gpm2dv.verify;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.gpm2dv.dataverse.RetryBudget;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.sink.RecordImages;

/**
 * Verification by read-back: every record a run wrote and loaded (its last write in the run) is read back from
 * Dataverse by id, a chunk of ids at a time and only the columns it sent, and compared column by column with what
 * the write sent ({@link ColumnComparison}). Each mismatch goes to {@code gpm_verification} by object, key, column
 * and the kinds of both values; the logs name counts only. Invoice lines summed against their header are checked by
 * the reconciliation's {@code InvoiceChecks}, not here.
 */
@ApplicationScoped
public class ReadBackVerifier {
    private static final Logger LOG = Logger.getLogger(ReadBackVerifier.class);
    /** Ids per read (the filter of 50 ids stays well inside a URL's length). */
    static final int CHUNK = 50;
    /** Documents per read: their bodies come back whole. */
    static final int FILE_CHUNK = 5;
    /** A large run reads back for a while; an outage longer than this leaves the verification undone (a problem). */
    private static final Duration BUDGET = Duration.ofMinutes(30);

    @Inject
    WrittenRecords written;

    @Inject
    TargetReader reader;

    @Inject
    VerificationLedger ledger;

    /** Verifies the run and records its mismatches. */
    public VerificationSummary verify(String runId, MappingSpec spec) {
        return verify(runId, spec, c -> {
        });
    }

    /** As {@link #verify(String, MappingSpec)}, handing every column's check to {@code each} too (the field diff). */
    public VerificationSummary verify(String runId, MappingSpec spec, Consumer<ColumnCheck> each) {
        ledger.clear(runId);
        VerificationSummary summary;
        try (VerificationLedger.Writer mismatches = ledger.writer(runId)) {
            summary = RetryBudget.within(BUDGET, () -> {
                ReadBack readBack = new ReadBack(reader, tables(spec), CHUNK, FILE_CHUNK, c -> {
                    mismatches.add(c);
                    each.accept(c);
                });
                written.forEachLastWrite(runId, readBack::accept);
                return readBack.finish();
            });
        }
        if (summary.mismatches() == 0) {
            LOG.infof("Run %s verified by read-back: %d records, %d columns, no mismatch", runId, summary.checked(),
                    summary.columns());
        } else {
            LOG.warnf("Run %s verified by read-back: %d records, %d columns, %d mismatches %s", runId, summary.checked(),
                    summary.columns(), summary.mismatches(), summary.mismatchesPerObject());
        }
        return summary;
    }

    /** Where each table of the map is read; a table the map does not name follows Dataverse's naming rules. */
    static Function<String, ReadBack.TableRef> tables(MappingSpec spec) {
        Map<String, ReadBack.TableRef> known = new HashMap<>();
        known.put("annotation", new ReadBack.TableRef("annotations", "annotationid"));
        for (MappingSpec.ObjectMap om : spec.objects()) {
            for (MappingSpec.ObjectMap shape : om.allShapes()) {
                known.putIfAbsent(shape.table(), new ReadBack.TableRef(shape.entitySet(), shape.primaryKey()));
            }
        }
        return table -> known.getOrDefault(table, new ReadBack.TableRef(RecordImages.entitySetOf(table), table + "id"));
    }
}
