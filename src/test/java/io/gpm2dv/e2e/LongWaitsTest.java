package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.Incident;
import io.gpm2dv.kafka.KafkaClients;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.pipeline.StageGate;
import io.gpm2dv.testing.ConsumerGroups;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the production proportions at a tenth of the scale (Kafka's poll interval 30 s instead of 300 s, the parent
 * wait equal to it as in production, a 1 s parent retry, a 0.5 s back-off up to 6 s) — what matters is how the waits compare,
 * not their length, and the scale keeps the suite's time: Dataverse throttles every write of an account with {@code Retry-After} longer than the whole poll
 * interval, and a contact that needs that account as its parent came just before it. Neither stage blocks its consumer
 * (no batch keeps a poll thread for more than its inline budget plus a request), the group never rebalances, no
 * commit fails, the child waits past the parent wait (the parent is late, not missing) and both land once.
 */
@QuarkusTest
@TestProfile(LongWaitsTest.ProductionWaits.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class LongWaitsTest {
    /** Kafka's max.poll.interval.ms for this test (production: 300 s). */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(30);
    /** Longer than the poll interval: a consumer that waited this long on its poll thread would be evicted. */
    static final Duration RETRY_AFTER = POLL_INTERVAL.plusSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();
    static DataverseEmulator target;

    /** An emulator of its own; the waits in their production proportions (the test profile shortens some). */
    public static class ProductionWaits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (target == null) {
                target = EmulatorResource.startOwn(o -> o);
            }
            return EmulatorResource.pointingAt(target, Map.of("dataverse.initial-backoff", "PT0.5S",
                    "dataverse.max-backoff", "PT6S", "migration.sink.parent-wait", POLL_INTERVAL.toString(),
                    "migration.kafka.max-poll-interval-ms", String.valueOf(POLL_INTERVAL.toMillis()),
                    "migration.sink.parent-retry-interval", "PT1S", "migration.report-dir", "target/test-reports/waits"));
        }
    }

    @Inject
    RunRegistry runs;

    @Inject
    RecordFates fates;

    @Inject
    StageGate gate;

    @Inject
    MeterRegistry metrics;

    @Inject
    KafkaClients kafka;

    @Inject
    MigrationConfig config;

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
            target = null;
        }
    }

    @Test
    void aThrottleLongerThanThePollIntervalAndAParentLateBeyondTheParentWaitPauseTheStagesWithoutARebalance()
            throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        RunRegistry.Run run = runs.start("test", "waits-" + tag, "Harbourside Physiotherapy Ltd", "test");
        TargetRecord parent = record(run, "account", "accounts", "accountid", "waits-" + tag + "-parent");
        parent.attributes.put("name", "Throttled parent");
        TargetRecord child = record(run, "contact", "contacts", "contactid", "waits-" + tag + "-child");
        child.attributes.put("lastname", "Waiting child");
        child.attributes.put("parentcustomerid_account@odata.bind", parent.bindPath());
        child.parents.add(new TargetRecord.ParentRef("parentcustomerid_account", "accounts", parent.id, parent.key));

        // the sinks' consumers join their groups one by one at start, each join a rebalance: count from after that
        try (var admin = kafka.admin(10_000, 10_000)) {
            String prefix = config.kafka().groupPrefix() + "-sink-";
            ConsumerGroups.awaitSettled(admin, List.of(prefix + "account", prefix + "contact"),
                    config.sink().consumers(), Duration.ofSeconds(60));
        }
        double rebalances = counter("gpm2dv.kafka.rebalances");
        double commitFailures = counter("gpm2dv.kafka.commit.failures");
        // the child first, until Dataverse has told the contact sink its parent is not there: once the parent's 429
        // blocks the (only) application user, no request of the child reaches Dataverse until Retry-After has passed
        publish("dv.contact.ready", child);
        long childFirst = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (holds("dv-sink-contact", "parent") == 0 && System.nanoTime() < childFirst) {
            Thread.sleep(200);
        }
        assertTrue(holds("dv-sink-contact", "parent") >= 1, "the contact sink paused for the parent");
        target.incident(Incident.throttle(RETRY_AFTER.minusSeconds(10), 0, "accounts", RETRY_AFTER));
        long started = System.nanoTime();
        publish("dv.account.ready", parent);

        Optional<Fate> childFate = Optional.empty();
        long deadline = System.nanoTime() + RETRY_AFTER.multipliedBy(3).toNanos();
        while (System.nanoTime() < deadline && (childFate = fates.fate(run.runId(), child.key)).isEmpty()) {
            Thread.sleep(1000);
        }
        long waited = (System.nanoTime() - started) / 1_000_000_000L;
        runs.finish(run.runId(), "COMPLETE");

        assertEquals(Optional.of(Fate.LOADED), fates.fate(run.runId(), parent.key), "the throttled parent landed");
        assertEquals(Optional.of(Fate.LOADED), childFate, "the child waited past the parent wait and landed");
        assertTrue(waited >= RETRY_AFTER.toSeconds(), "the parent waited out Retry-After (" + waited + " s)");
        DataverseTestClient dataverse = new DataverseTestClient(target.baseUrl());
        JsonNode written = dataverse.retrieve("contacts", child.id);
        assertNotNull(written);
        assertEquals(parent.id.toString(), written.path("_parentcustomerid_value").asText(), "never without its lookup");
        assertEquals(1, target.deliveries().get("account/" + parent.id), "the parent was delivered once");
        assertEquals(1, target.deliveries().get("contact/" + child.id), "the child was delivered once");

        assertEquals(rebalances, counter("gpm2dv.kafka.rebalances"), "no consumer was evicted: no rebalance");
        assertEquals(commitFailures, counter("gpm2dv.kafka.commit.failures"), "no offset commit failed");
        Duration budget = POLL_INTERVAL.dividedBy(5).plusSeconds(5); // a fifth of the poll interval, plus a request
        for (String route : new String[] {"dv-sink-account", "dv-sink-contact"}) {
            assertTrue(gate.longestBatch(route).compareTo(budget) < 0, route + " kept its poll thread for "
                    + gate.longestBatch(route).toSeconds() + " s");
        }
        assertTrue(holds("dv-sink-account", "throttled") >= 1, "the account sink paused for the throttle");
    }

    private double holds(String route, String cause) {
        return metrics.find("gpm2dv.stage.holds").tag("route", route).tag("cause", cause).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private double counter(String name) {
        return metrics.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static TargetRecord record(RunRegistry.Run run, String table, String set, String pk, String key) {
        TargetRecord r = new TargetRecord();
        r.runId = run.runId();
        r.runNumber = run.runNumber();
        r.object = table;
        r.key = key;
        r.table = table;
        r.entitySet = set;
        r.primaryKey = pk;
        r.id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        r.attributes.put("new_gensolveid", key);
        return r;
    }

    private static void publish(String topic, TargetRecord r) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, r.key, JSON.writeValueAsString(r));
            record.headers().add("gpmRunId", r.runId.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
