package io.gpm2dv.local;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft Kafka broker inside the JVM, for the local run and the tests (toolchain.md §4).
 * Only on the classpath of tests and of the {@code local} build, never of the production artifact.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafkaBroker start() {
        // an embedded broker never decides how its host process exits: at JVM exit its temporary log directories are
        // deleted by shutdown hooks while it still runs, and its "all log dirs failed" path would halt(1) the process
        Exit.setHaltProcedure((status, message) -> System.err.println("embedded Kafka broker wanted to halt (" + status + ")"));
        Exit.setExitProcedure((status, message) -> System.err.println("embedded Kafka broker wanted to exit (" + status + ")"));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka broker did not start", e);
        }
    }

    /**
     * The same broker as a process of its own, for benchmarks that measure the migration's heap without the broker's
     * (bench/throughput.sh): prints {@code bootstrap.servers=<host:port>} once it is ready, and runs until killed.
     */
    public static void main(String[] args) throws Exception {
        EmbeddedKafkaBroker broker = start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                System.err.println("embedded Kafka broker did not close cleanly: " + e);
            }
        }));
        System.out.println("bootstrap.servers=" + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
