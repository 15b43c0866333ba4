package io.gpm2dv.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.spi.CamelEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.MigrationConfig;

/**
 * Creates the pipeline's topics before the routes start, with the configured partitions (the unit of
 * scale-out across pods) instead of whatever a broker's auto-creation would pick, and keeps every topic's
 * retention at {@code migration.kafka.retention} (how long a stage can be replayed from its topic).
 */
@ApplicationScoped
public class PipelineTopics {
    private static final Logger LOG = Logger.getLogger(PipelineTopics.class);

    @Inject
    MigrationConfig config;

    @Inject
    MappingSpecs specs;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    KafkaClients clients;

    @ConfigProperty(name = "gpm2dv.pipeline.enabled", defaultValue = "true")
    boolean pipelineEnabled;

    void beforeRoutesStart(@Observes CamelEvent.CamelContextStartingEvent event) {
        if (!pipelineEnabled) {
            return;
        }
        String retentionMs = Long.toString(config.kafka().retention().toMillis());
        // a row may carry a 16 MiB field (export format §5): messages must not be capped at Kafka's 1 MiB default
        String maxMessage = Integer.toString(config.kafka().maxMessageBytes());
        try (Admin admin = clients.admin(10_000, 15_000)) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(15, TimeUnit.SECONDS));
            List<NewTopic> missing = new ArrayList<>();
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> retention = new java.util.HashMap<>();
            for (String topic : topics(specs.current(), config.topics().deadLetter())) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, config.kafka().partitions(), config.kafka().replicationFactor())
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs,
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessage)));
                } else {
                    retention.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs), AlterConfigOp.OpType.SET),
                            new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessage),
                                    AlterConfigOp.OpType.SET)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("Created %d pipeline topics with %d partitions", missing.size(), config.kafka().partitions());
            }
            if (!retention.isEmpty()) {
                admin.incrementalAlterConfigs(retention).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // not fatal: readiness reports Kafka, and a broker may auto-create; but say so loudly
            LOG.errorf("Could not provision the pipeline topics at %s: %s", bootstrapServers, e.toString());
        }
    }

    /** Every topic of the pipeline: {@code gpm.<object>.extracted}, {@code dv.<table>.mapped|ready}, dead letters. */
    public static Set<String> topics(MappingSpec spec, String deadLetterTopic) {
        Set<String> topics = new LinkedHashSet<>();
        Set<String> tables = new LinkedHashSet<>();
        for (MappingSpec.ObjectMap om : spec.objects()) {
            topics.add("gpm." + om.object() + ".extracted");
            tables.addAll(tables(om));
        }
        for (String table : tables) {
            topics.add("dv." + table + ".mapped");
            topics.add("dv." + table + ".ready");
        }
        topics.add(deadLetterTopic);
        return topics;
    }

    /** The tables one object feeds: its own, its variants', and {@code annotation} when values go to an unmapped note. */
    public static Set<String> tables(MappingSpec.ObjectMap object) {
        Set<String> tables = new LinkedHashSet<>();
        for (MappingSpec.ObjectMap shape : object.allShapes()) {
            tables.add(shape.table());
            if (shape.unmappedNote()) {
                tables.add("annotation");
            }
        }
        return tables;
    }
}
