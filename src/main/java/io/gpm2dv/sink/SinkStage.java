package io.gpm2dv.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.DefaultMessage;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.audit.AuditEntry;
import io.gpm2dv.audit.AuditLog;
import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.dataverse.DataverseConfig;
import io.gpm2dv.deadletter.DeadLetter;
import io.gpm2dv.mapping.TargetRecord;
import io.gpm2dv.run.MigrationConfig;
import io.gpm2dv.run.PipelineHeaders;
import io.gpm2dv.run.StageMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Dataverse sink stage, called by the {@code dv-sink-<table>} routes with one Kafka poll batch: writes the
 * batch, records each write in the audit log and each record's fate, hands back the dead letters for the
 * route to publish, and finally commits the batch's offsets — only after Dataverse confirmed every write.
 */
@ApplicationScoped
@Named("sinkStage")
public class SinkStage {
    static final String STAGE = "sink";
    private static final Logger LOG = Logger.getLogger(SinkStage.class);

    @Inject
    DataverseClient client;

    @Inject
    DataverseConfig dataverseConfig;

    @Inject
    MigrationConfig migrationConfig;

    @Inject
    AuditLog auditLog;

    @Inject
    RecordFates fates;

    @Inject
    MeterRegistry metrics;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    /** Writes the batch in the body ({@code List<Exchange>}) and returns the dead letters to publish. */
    public List<Message> write(Exchange batchExchange) {
        List<Exchange> batch = batchRecords(batchExchange);
        List<TargetRecord> records = new ArrayList<>();
        List<Message> deadLetters = new ArrayList<>();
        for (Exchange e : batch) {
            String body = e.getMessage().getBody(String.class);
            try {
                records.add(json.readValue(body, TargetRecord.class));
            } catch (Exception unreadable) {
                deadLetters.add(deadLetter(new DeadLetter(e.getMessage().getHeader(PipelineHeaders.RUN_ID, String.class),
                        STAGE, "unknown", e.getMessage().getHeader(KafkaConstants.KEY, String.class), null, null, null,
                        "unreadable message: " + unreadable.getClass().getSimpleName(), null, null, Instant.now())));
            }
        }
        if (records.isEmpty()) {
            return deadLetters;
        }
        RecordWriter writer = new RecordWriter(client, dataverseConfig.preReadChunk());
        ParentWait parentWait = new ParentWait(migrationConfig.sink().parentWait(),
                migrationConfig.sink().parentRetryInterval(), fates::fate);
        List<WriteOutcome> outcomes;
        try {
            outcomes = parentWait.resolve(writer.write(records), writer::write);
        } catch (RuntimeException unexpected) {
            // never let a batch vanish: everything in it is dead-lettered with the reason
            LOG.errorf("Sink batch of %d %s records failed: %s", records.size(), records.get(0).table, unexpected);
            outcomes = records.stream().map(r -> WriteOutcome.failed(r, "sink failure: " + unexpected, null)).toList();
        }
        recordOutcomes(outcomes, deadLetters);
        return deadLetters;
    }

    private void recordOutcomes(List<WriteOutcome> outcomes, List<Message> deadLetters) {
        List<AuditEntry> audit = new ArrayList<>();
        List<RecordFates.FateEntry> loaded = new ArrayList<>();
        Instant now = Instant.now();
        for (WriteOutcome o : outcomes) {
            TargetRecord r = o.record();
            if (o.isWritten()) {
                audit.add(new AuditEntry(r.runId, STAGE, r.object, sourceId(r), r.key, r.table, r.id.toString(),
                        o.operation() == WriteOutcome.Operation.CREATED ? AuditEntry.CREATED : AuditEntry.UPDATED,
                        now, migrationConfig.operator(), r.ownerOutcome,
                        r.ownerRule == TargetRecord.OwnerRule.PRACTITIONER ? r.ownerPractitionerId : null));
            }
            if (o.failure() == null) {
                loaded.add(new RecordFates.FateEntry(r.runId, r.object, r.key, Fate.LOADED, STAGE, null));
                count(r, "written");
            } else {
                deadLetters.add(deadLetter(new DeadLetter(r.runId, STAGE, r.object, r.key, r.sourceFile, r.sourceRow,
                        null, o.failure(), o.code(), json.valueToTree(r), now)));
                count(r, "dead-lettered");
            }
        }
        auditLog.append(audit);
        fates.record(loaded);
        if (!deadLetters.isEmpty()) {
            LOG.warnf("Sink: %d of %d %s records dead-lettered", deadLetters.size(), outcomes.size(),
                    outcomes.get(0).record().table);
        }
    }

    /** Commits, per partition, the offset of the last record of the batch. */
    public void commit(Exchange batchExchange) {
        Map<Integer, Exchange> lastPerPartition = new HashMap<>();
        for (Exchange e : batchRecords(batchExchange)) {
            Integer partition = e.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
            Exchange previous = lastPerPartition.get(partition);
            if (previous == null || offset(e) > offset(previous)) {
                lastPerPartition.put(partition, e);
            }
        }
        for (Exchange e : lastPerPartition.values()) {
            KafkaManualCommit manual = e.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (manual != null) {
                try {
                    manual.commit();
                } catch (RuntimeException failed) {
                    // e.g. the partition moved to another pod: it redelivers; upserts by id make that harmless
                    LOG.warnf("Sink: offset commit failed (%s); the batch will be redelivered", failed.toString());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Exchange> batchRecords(Exchange batchExchange) {
        Object saved = batchExchange.getProperty("gpmBatch");
        if (saved == null) {
            saved = batchExchange.getMessage().getBody(List.class);
            batchExchange.setProperty("gpmBatch", saved);
        }
        return (List<Exchange>) saved;
    }

    private static long offset(Exchange e) {
        Long o = e.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
        return o == null ? -1 : o;
    }

    private Message deadLetter(DeadLetter dl) {
        Message m = new DefaultMessage(camel);
        m.setHeader(PipelineHeaders.KAFKA_KEY, dl.key());
        m.setHeader(PipelineHeaders.RUN_ID, dl.runId());
        try {
            m.setBody(json.writeValueAsString(dl));
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise a dead letter", e);
        }
        return m;
    }

    private static String sourceId(TargetRecord r) {
        int dash = r.key.lastIndexOf('-');
        return r.key.endsWith("-unmapped") ? r.key : r.key.substring(dash + 1);
    }

    private void count(TargetRecord r, String outcome) {
        StageMetrics.count(metrics, STAGE, r.object, r.table, outcome);
    }
}
