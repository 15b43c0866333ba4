package io.gpm2dv.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.pipeline.DeadLetter;
import io.gpm2dv.pipeline.Delivery;
import io.gpm2dv.pipeline.DependencyFailure;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.pipeline.StageBatch;
import io.gpm2dv.pipeline.StageMessages;
import io.gpm2dv.pipeline.StageMetrics;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.ExtractedRow;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The map stage behind {@code map-<object>}: turns each extracted row of a poll batch into the records it becomes
 * (for {@code dv.<table>.mapped}), records skips and findings, and dead-letters a row the map cannot handle or a
 * message it cannot read. A ledger failure is not the row's fault: it escapes, and the stage gate holds the batch.
 */
@ApplicationScoped
@Named("mapStage")
public class MapStage {
    static final String STAGE = "map";
    private static final Logger LOG = Logger.getLogger(MapStage.class);

    @Inject
    MappingSpecs specs;

    @Inject
    MigrationContext context;

    @Inject
    RecordFates fates;

    @Inject
    RunRegistry runs;

    @Inject
    StageMessages messages;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    /** The messages for the next topics (records, then dead letters) of every delivery in the batch. */
    public List<Message> map(StageBatch batch) {
        List<Message> out = new ArrayList<>();
        for (Delivery d : batch.deliveries()) {
            Optional<ExtractedRow> read = messages.readOrDeadLetter(d, ExtractedRow.class, r -> r.runId() != null
                    && r.key() != null && r.object() != null && specs.current().find(r.object()).isPresent(),
                    STAGE, runs::runOf, out);
            if (read.isEmpty()) {
                continue;
            }
            ExtractedRow row = read.get();
            if (!runs.isRunning(row.runId())) {
                StageMetrics.count(metrics, STAGE, row.object(), specs.current().get(row.object()).table(), "stale-run");
                continue;
            }
            out.addAll(map(row, d));
        }
        return out;
    }

    private List<Message> map(ExtractedRow row, Delivery d) {
        MappingResult result;
        try {
            result = context.recordMapper().map(specs.current().get(row.object()), row.toSourceRow(),
                    row.runId(), row.runNumber());
        } catch (RuntimeException e) {
            if (e instanceof DependencyFailure f && f.dependency() != null) {
                throw e;
            }
            String reason = "mapping failed: " + SafeText.of(e);
            LOG.warnf("Map: %s (%s row %d) dead-lettered: %s", row.key(), row.file(), row.row(), reason);
            count(row.object(), "dead-lettered");
            return List.of(messages.deadLetter(DeadLetter.of(row.runId(), STAGE, row.object(), row.key(), row.file(),
                    row.row(), null, reason, null, json.valueToTree(row)).from(d)));
        }
        if (result.isSkipped()) {
            fates.recordSkip(row.runId(), row.object(), row.key(), STAGE, result.skipRule(), result.skipReason());
            count(row.object(), "skipped");
            return List.of();
        }
        fates.recordFindings(row.runId(), row.object(), result.findings());
        List<Message> out = new ArrayList<>();
        for (TargetRecord r : result.records()) {
            if (!r.object.equals(row.object())) {
                // records the map adds (the -unmapped note) are expected so the run waits for them
                fates.record(r.runId, r.object, r.key, Fate.PENDING, STAGE, null);
            }
            out.add(messages.forNextStage(r, r.key, r.runId, r.table));
        }
        count(row.object(), "mapped");
        return out;
    }

    private void count(String object, String outcome) {
        StageMetrics.count(metrics, STAGE, object, specs.current().get(object).table(), outcome);
    }
}
