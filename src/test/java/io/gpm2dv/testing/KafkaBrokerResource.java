package io.gpm2dv.testing;

import java.util.Map;

import io.gpm2dv.local.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One real in-JVM Kafka broker for every Quarkus test (registered once; global by default). Each test profile
 * restarts Quarkus in a new class loader, where this class's statics start afresh: the broker's address is kept in
 * a system property, so every profile uses the one broker the first started.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private static final String ADDRESS = "gpm2dv.test.kafka.bootstrap-servers";
    private static EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        synchronized (System.class) {
            if (System.getProperty(ADDRESS) == null) {
                broker = EmbeddedKafkaBroker.start();
                System.setProperty(ADDRESS, broker.bootstrapServers());
            }
        }
        return Map.of("kafka.bootstrap.servers", System.getProperty(ADDRESS));
    }

    @Override
    public void stop() {
        // the broker lives as long as the test JVM: Quarkus restarts between test profiles reuse it
    }

    public static String bootstrapServers() {
        return System.getProperty(ADDRESS);
    }
}
