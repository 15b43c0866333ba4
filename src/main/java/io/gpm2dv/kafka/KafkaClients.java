package io.gpm2dv.kafka;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.quarkus.core.events.ComponentAddEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One source for how every Kafka client of the product connects: each {@code kafka.<client property>} of the
 * configuration (environment {@code KAFKA_<PROPERTY>}: {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL},
 * {@code KAFKA_SASL_JAAS_CONFIG=…}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION=…}) reaches the stage consumers and
 * producers (as the Camel component's additional properties) and the admin clients of topic provisioning,
 * the readiness probe and the run's checks alike, so TLS or SASL set once holds everywhere.
 */
@ApplicationScoped
public class KafkaClients {

    /** The Kafka client properties of the configuration, without the {@code kafka.} prefix. */
    public Map<String, Object> properties() {
        return properties(ConfigProvider.getConfig());
    }

    static Map<String, Object> properties(Config config) {
        Map<String, Object> out = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            String key = null;
            if (name.startsWith("kafka.")) {
                key = name.substring("kafka.".length());
            } else if (name.matches("KAFKA_[A-Z0-9_]+")) {
                key = name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
            if (key != null && !key.isEmpty()) {
                String k = key;
                config.getOptionalValue("kafka." + k, String.class).ifPresent(v -> out.put(k, v));
            }
        }
        return out;
    }

    /** An admin client with the common properties and these timeouts. */
    public Admin admin(int requestTimeoutMs, int apiTimeoutMs) {
        Map<String, Object> props = new HashMap<>(properties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMs);
        return Admin.create(props);
    }

    /** The Camel Kafka component (every stage consumer and producer) takes the same properties. */
    void onComponentAdd(@Observes ComponentAddEvent event) {
        if (event.getComponent() instanceof KafkaComponent kafka) {
            Map<String, Object> props = new HashMap<>(kafka.getConfiguration().getAdditionalProperties());
            props.putAll(properties());
            props.remove("bootstrap.servers"); // the component's brokers option carries it
            kafka.getConfiguration().setAdditionalProperties(props);
        }
    }
}
