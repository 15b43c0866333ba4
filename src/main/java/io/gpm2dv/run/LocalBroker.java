package io.gpm2dv.run;

/**
 * Starts the in-JVM Kafka broker when the build bundles it (the {@code local} Maven profile adds
 * {@code io.gpm2dv.local.EmbeddedKafkaBroker}; production artifacts do not) and no cluster is configured.
 */
final class LocalBroker {
    private static final String BROKER_CLASS = "io.gpm2dv.local.EmbeddedKafkaBroker";

    private LocalBroker() {
    }

    static AutoCloseable startIfBundled() {
        if (System.getProperty("kafka.bootstrap.servers") != null || System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null) {
            return null;
        }
        try {
            Class<?> type = Class.forName(BROKER_CLASS);
            AutoCloseable broker = (AutoCloseable) type.getMethod("start").invoke(null);
            String servers = (String) type.getMethod("bootstrapServers").invoke(broker);
            System.setProperty("kafka.bootstrap.servers", servers);
            System.out.println("gpm2dv: embedded Kafka broker for the local run at " + servers);
            return broker;
        } catch (ClassNotFoundException notBundled) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker", e);
        }
    }

    static void close(AutoCloseable broker) {
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception ignored) {
                // the process is ending anyway
            }
        }
    }
}
