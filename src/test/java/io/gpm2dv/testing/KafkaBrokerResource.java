package io.gpm2dv.testing;

import java.util.Map;

import io.gpm2dv.local.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** One real in-JVM Kafka broker for every Quarkus test (registered once; global by default). */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedKafkaBroker broker;

    @Override
    public synchronized Map<String, String> start() {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.start();
        }
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker lives as long as the test JVM: Quarkus restarts between test profiles reuse it
    }

    public static String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
