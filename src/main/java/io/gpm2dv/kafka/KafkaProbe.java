package io.gpm2dv.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Asks the configured Kafka cluster for its brokers; used by readiness and before a run starts. */
@ApplicationScoped
public class KafkaProbe {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** The number of brokers that answered, or empty when the cluster did not answer within five seconds. */
    public Optional<Integer> brokers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            return Optional.of(admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public String bootstrapServers() { return bootstrapServers; }
}
