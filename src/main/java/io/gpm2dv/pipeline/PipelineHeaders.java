package io.gpm2dv.pipeline;

/** Message headers every stage reads or sets; they travel as Kafka record headers. */
public final class PipelineHeaders {
    /** Every message carries the id of the run that produced it. */
    public static final String RUN_ID = "gpmRunId";
    /** The pipeline object ({@code clients}, …). */
    public static final String OBJECT = "gpmObject";
    /** The Dataverse table a mapped record goes to; picks the {@code dv.<table>.*} topic. */
    public static final String TABLE = "gpmTable";
    /** Kafka message key (the migration key); Camel's {@code KafkaConstants.KEY}. */
    public static final String KAFKA_KEY = "kafka.KEY";

    private PipelineHeaders() {
    }
}
