package io.gpm2dv.health;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.gpm2dv.kafka.KafkaProbe;

/** Ready only when the Kafka cluster answers: every stage reads from or writes to it. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    @Inject
    KafkaProbe probe;

    @ConfigProperty(name = "gpm2dv.pipeline.enabled", defaultValue = "true")
    boolean pipelineEnabled;

    @Override
    public HealthCheckResponse call() {
        if (!pipelineEnabled) {
            return HealthCheckResponse.named("kafka").up().withData("pipeline", "disabled").build();
        }
        Optional<Integer> brokers = probe.brokers();
        return brokers.isPresent() ? HealthCheckResponse.named("kafka").up().withData("brokers", brokers.get()).build()
                : HealthCheckResponse.named("kafka").down().withData("error", "no answer from " + probe.bootstrapServers()).build();
    }
}
