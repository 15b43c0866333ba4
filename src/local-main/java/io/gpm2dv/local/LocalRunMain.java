package io.gpm2dv.local;

import org.apache.camel.quarkus.main.CamelMainApplication;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the local run's build (Maven profile {@code local}): starts the in-JVM broker before Quarkus
 * reads its configuration, unless a cluster is configured or only the emulator runs, then runs the application as
 * usual.
 */
@QuarkusMain(name = "local-run")
public class LocalRunMain {

    public static void main(String... args) throws Exception {
        EmbeddedKafkaBroker broker = null;
        if (System.getProperty("kafka.bootstrap.servers") == null && System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null
                && !emulatorAlone()) {
            broker = quietly(EmbeddedKafkaBroker::start);
            System.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
            System.out.println("gpm2dv local run: embedded Kafka broker at " + broker.bootstrapServers());
        }
        try {
            Quarkus.run(CamelMainApplication.class, args);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** The emulator profile (this build's standalone Dataverse emulator) runs no pipeline: it needs no broker. */
    private static boolean emulatorAlone() {
        String profile = System.getProperty("quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", ""));
        return java.util.List.of(profile.split(",")).contains("emulator");
    }

    /** Kafka's storage formatter prints to standard out; the operator's console is for the product's own lines. */
    private static <T> T quietly(java.util.concurrent.Callable<T> start) throws Exception {
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return start.call();
        } finally {
            System.setOut(console);
        }
    }
}
