package io.gpm2dv.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Kafka client settings given once ({@code kafka.*}, or {@code KAFKA_*} in the environment) reach every client:
 * the stage consumers and producers and the admin clients alike; the topics keep the configured retention.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class KafkaSettingsTest {
    @Inject
    CamelContext camel;

    @Inject
    KafkaClients clients;

    @Test
    void securitySettingsFromPropertiesAndTheEnvironmentAreKafkaClientProperties() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("kafka.security.protocol", "SASL_SSL",
                        "kafka.sasl.mechanism", "SCRAM-SHA-512", "quarkus.http.port", "8080"), "props", 100))
                .withSources(new EnvConfigSource(Map.of("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
                        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        "HOME", "/root"), 300))
                .build();
        Map<String, Object> props = KafkaClients.properties(config);
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals("/etc/kafka/ca.p12", props.get("ssl.truststore.location"));
        assertTrue(String.valueOf(props.get("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.scram"));
        assertEquals(4, props.size(), "nothing but kafka.* settings: " + props.keySet());
    }

    @Test
    void aSettingReachesTheStageConsumersAndProducersAndTheAdminClients() {
        // application.properties sets %test.kafka.client.dns.lookup, as an operator would set kafka.security.protocol
        assertEquals("use_all_dns_ips", clients.properties().get("client.dns.lookup"));
        KafkaComponent component = camel.getComponent("kafka", KafkaComponent.class);
        assertEquals("use_all_dns_ips", component.getConfiguration().getAdditionalProperties().get("client.dns.lookup"));
        for (String route : List.of("map-clients", "owner-contact", "dv-sink-contact", "dead-letter")) {
            KafkaEndpoint endpoint = (KafkaEndpoint) camel.getRoute(route).getEndpoint();
            assertEquals("use_all_dns_ips", endpoint.getConfiguration().createConsumerProperties()
                    .getProperty("client.dns.lookup"), route);
        }
        KafkaEndpoint producer = camel.getEndpoint("kafka:migration.dead-letter", KafkaEndpoint.class);
        assertEquals("use_all_dns_ips", producer.getConfiguration().createProducerProperties().getProperty("client.dns.lookup"));
    }

    @Test
    void thePipelineTopicsKeepTheConfiguredRetention() throws Exception {
        try (Admin admin = clients.admin(5000, 10_000)) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "dv.contact.ready");
            String retention = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value();
            assertEquals(String.valueOf(java.time.Duration.ofDays(3).toMillis()), retention,
                    "migration.kafka.retention of the test profile (P3D)");
        }
    }
}
