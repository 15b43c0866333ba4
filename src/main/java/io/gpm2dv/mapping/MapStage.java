package io.gpm2dv.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.deadletter.DeadLetter;
import io.gpm2dv.run.MigrationContext;
import io.gpm2dv.run.StageMessages;
import io.gpm2dv.source.ExtractedRow;
import io.gpm2dv.run.StageMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The map stage behind {@code map-<object>}: turns an extracted row into the records it becomes (for
 * {@code dv.<table>.mapped}), records skips and findings, and dead-letters a row the map cannot handle.
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
    StageMessages messages;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    public List<Message> map(String body) {
        ExtractedRow row = messages.read(body, ExtractedRow.class);
        MappingResult result;
        try {
            result = new RecordMapper(context.mappingContext()).map(specs.current().get(row.object()), row.toSourceRow(),
                    row.runId(), row.runNumber());
        } catch (RuntimeException e) {
            LOG.warnf("Map: %s (%s row %d) dead-lettered: %s", row.key(), row.file(), row.row(), e.getMessage());
            count(row.object(), "dead-lettered");
            return List.of(messages.deadLetter(new DeadLetter(row.runId(), STAGE, row.object(), row.key(), row.file(),
                    row.row(), null, "mapping failed: " + e.getMessage(), null, json.valueToTree(row), Instant.now())));
        }
        if (result.isSkipped()) {
            fates.record(row.runId(), row.object(), row.key(), Fate.SKIPPED, STAGE, result.skipReason());
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
