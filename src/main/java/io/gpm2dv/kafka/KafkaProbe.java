package io.gpm2dv.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Asks the configured Kafka cluster about itself; used by readiness and by the run (before it starts, before it reconciles). */
@ApplicationScoped
public class KafkaProbe {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    KafkaClients clients;

    /** The number of brokers that answered, or empty when the cluster did not answer within five seconds. */
    public Optional<Integer> brokers() {
        try (Admin admin = clients.admin(3000, 5000)) {
            return Optional.of(admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * How many messages of {@code topic} the consumer group has not committed yet (the sum over partitions), or empty
     * when the cluster did not answer.
     */
    public Optional<Long> lag(String groupId, String topic) {
        try (Admin admin = clients.admin(5000, 10_000)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
            }
            return Optional.of(lag);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public String bootstrapServers() { return bootstrapServers; }
}
