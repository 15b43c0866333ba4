package io.gpm2dv.pipeline;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the stage gate reads off a Camel Kafka poll batch (an exchange whose body is the list of record exchanges)
 * and keeps on it between its steps: the records, each one's place and delivery, the Kafka client behind them,
 * and the batch the stage was handed.
 */
final class PollBatch {
    private static final String RECORDS = "gpmRecords";
    private static final String BATCH = "gpmStageBatch";
    private static final String POSITIONS = "gpmStagePositions";
    private static final String STARTED = "gpmStageStarted";

    private PollBatch() {
    }

    /** The record exchanges of the poll (kept, since the stage replaces the body). */
    @SuppressWarnings("unchecked")
    static List<Exchange> records(Exchange batchExchange) {
        Object saved = batchExchange.getProperty(RECORDS);
        if (saved == null) {
            saved = batchExchange.getMessage().getBody(List.class);
            batchExchange.setProperty(RECORDS, saved);
        }
        return saved == null ? List.of() : (List<Exchange>) saved;
    }

    static PartitionCursors.Position position(Exchange record) {
        return new PartitionCursors.Position(new TopicPartition(record.getMessage().getHeader(KafkaConstants.TOPIC, String.class),
                record.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class)),
                record.getMessage().getHeader(KafkaConstants.OFFSET, Long.class));
    }

    static Delivery delivery(Exchange record) {
        return new Delivery(record.getMessage().getHeader(KafkaConstants.TOPIC, String.class),
                record.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class),
                record.getMessage().getHeader(KafkaConstants.OFFSET, Long.class),
                record.getMessage().getHeader(KafkaConstants.KEY, String.class),
                record.getMessage().getHeader(PipelineHeaders.RUN_ID, String.class),
                record.getMessage().getBody(String.class));
    }

    /** The Kafka client behind the batch: the gate runs on its poll thread, so it may seek and commit. */
    static Consumer<?, ?> kafkaConsumer(Exchange record) {
        Object manual = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT);
        if (manual instanceof DefaultKafkaManualCommit m) {
            return m.getCamelExchangePayload().consumer;
        }
        throw new IllegalStateException("stage routes consume with allowManualCommit=true and autoCommitEnable=false");
    }

    /** Keeps the batch handed to the stage and where each of its deliveries sits. */
    static StageBatch handed(Exchange batchExchange, StageBatch batch, Map<Delivery, PartitionCursors.Position> positions) {
        batchExchange.setProperty(BATCH, batch);
        batchExchange.setProperty(POSITIONS, positions);
        return batch;
    }

    static StageBatch handed(Exchange batchExchange) {
        return batchExchange.getProperty(BATCH, StageBatch.class);
    }

    @SuppressWarnings("unchecked")
    static Map<Delivery, PartitionCursors.Position> positions(Exchange batchExchange) {
        return (Map<Delivery, PartitionCursors.Position>) batchExchange.getProperty(POSITIONS, Map.class);
    }

    static void started(Exchange batchExchange) {
        batchExchange.setProperty(STARTED, System.nanoTime());
    }

    /** Nanoseconds since {@link #started}, or null. */
    static Long elapsed(Exchange batchExchange) {
        Long started = batchExchange.getProperty(STARTED, Long.class);
        return started == null ? null : System.nanoTime() - started;
    }
}
