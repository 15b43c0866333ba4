package io.gpm2dv.pipeline;

/**
 * One Kafka message handed to a stage: where it sits (topic, partition, offset), its key (the migration key), the
 * run id of its header, and its body. The position is what a dead letter of an unreadable message reports.
 */
public record Delivery(String topic, int partition, long offset, String key, String runId, String body) {

    /** {@code dv.contact.ready/3@1042}. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }
}
