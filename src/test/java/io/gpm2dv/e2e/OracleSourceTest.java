package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.source.StagingLoader;
import io.gpm2dv.source.StagingTables;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.ExportFixture;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The bundled sample migrated twice in one application: from the CSV package, then from the same data loaded into
 * the {@code GPX_*} staging tables (H2 in Oracle mode, §9 DDL). Every message on every {@code gpm.<object>.extracted}
 * topic is the same (key, headers, value; only the run's own id and number differ), and the emptied emulator ends up
 * holding the same records. Shares its application with {@link FullMigrationTest} (same resources, no profile).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class OracleSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Columns that say when a write happened, not what was written (as {@code testing.TargetContent}). */
    private static final List<String> WHEN = List.of("modifiedon", "versionnumber", "importsequencenumber",
            "overriddencreatedon");
    private static ExportSource sharedSource;

    @Inject
    MigrationRunner runner;

    @Inject
    ExportSource source;

    @Inject
    MappingSpecs specs;

    @Inject
    @DataSource("gensolve")
    AgroalDataSource staging;

    @AfterAll
    static void backToTheConfiguredSource() {
        if (sharedSource != null) {
            sharedSource.use(ExportSource.EXPORT); // the application is shared with other test classes
        }
    }

    @Test
    void theStagingTablesGiveTheSameExtractedMessagesAndTheSameDataverseContentAsTheCsvPackage() throws Exception {
        sharedSource = source;
        loadStagingTables();
        DataverseEmulator target = EmulatorResource.emulator();

        source.use(ExportSource.EXPORT);
        target.reset();
        RunOutcome fromCsv = runner.runFull();
        assertEquals(RunStatus.COMPLETE, fromCsv.status(), fromCsv.message());
        Map<String, JsonNode> csvContent = content(target);

        source.use(ExportSource.ORACLE);
        target.reset();
        RunOutcome fromTables = runner.runFull();
        assertEquals(RunStatus.COMPLETE, fromTables.status(), fromTables.message());
        assertEquals("oracle", source.kind());
        assertTrue(source.open().describe().contains("Oracle staging tables"), "the second run read the tables");
        Map<String, JsonNode> tableContent = content(target);

        assertTrue(csvContent.size() > 1000, "the sample fills the target: " + csvContent.size());
        assertTrue(csvContent.keySet().stream().anyMatch(k -> k.startsWith("annotation/")), "notes and documents");
        List<String> differences = diff(csvContent, tableContent);
        assertEquals(List.of(), differences.subList(0, Math.min(40, differences.size())),
                differences.size() + " differences in what Dataverse holds after each source");

        Map<String, Map<String, String>> messages = extracted(Set.of(fromCsv.runId(), fromTables.runId()));
        Map<String, String> csv = messages.get(fromCsv.runId());
        Map<String, String> tables = messages.get(fromTables.runId());
        assertNotNull(csv, "messages of the CSV run");
        // every object of the map in force has its topic, with one message per row of its file
        Map<String, Long> expected = new TreeMap<>();
        for (MappingSpec.ObjectMap om : specs.current().objects()) {
            var listed = source.open().manifest().file(om.file());
            expected.put("gpm." + om.object() + ".extracted", listed == null ? 0 : listed.rows());
        }
        expected.values().removeIf(n -> n == 0);
        assertEquals(expected, perTopic(csv), "messages per topic from the CSV");
        assertEquals(expected, perTopic(tables), "messages per topic from the tables");
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, String> m : csv.entrySet()) {
            if (!m.getValue().equals(tables.get(m.getKey()))) {
                differing.add(m.getKey());
            }
        }
        assertEquals(List.of(), differing, "topic/key of messages that differ");
    }

    private static Map<String, Long> perTopic(Map<String, String> messages) {
        Map<String, Long> out = new TreeMap<>();
        messages.keySet().forEach(k -> out.merge(k.substring(0, k.indexOf(' ')), 1L, Long::sum));
        return out;
    }

    private void loadStagingTables() throws Exception {
        try (Connection c = staging.getConnection()) {
            boolean loaded;
            try (ResultSet rs = c.getMetaData().getTables(null, null, StagingTables.EXPORT, null)) {
                loaded = rs.next();
            }
            if (!loaded) {
                StagingLoader.createTables(c, StagingTables.Dialect.H2);
                StagingLoader.load(ExportPackage.open(ExportFixture.BUNDLED), c);
            }
        }
    }

    /**
     * run id → ("topic key" → headers and value) of every message on the extracted topics, with the run's own id and
     * number taken out of the value (they are the only thing two runs of the same data may differ in).
     */
    private static Map<String, Map<String, String>> extracted(Set<String> runIds) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        p.put("group.id", "oracle-source-test-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        Map<String, Map<String, String>> out = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(Pattern.compile("gpm\\..+\\.extracted"));
            long quietSince = System.currentTimeMillis();
            long deadline = quietSince + 120_000;
            // read until the topics have been quiet for 5 s: both runs are over, every message is on the broker
            while (System.currentTimeMillis() - quietSince < 5_000 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                    quietSince = System.currentTimeMillis();
                    Header run = rec.headers().lastHeader("gpmRunId");
                    String runId = run == null ? null : new String(run.value(), StandardCharsets.UTF_8);
                    if (!runIds.contains(runId)) {
                        continue; // the broker is shared with other tests
                    }
                    Map<String, String> headers = new TreeMap<>();
                    for (Header h : rec.headers()) {
                        if (!"gpmRunId".equals(h.key())) {
                            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                        }
                    }
                    ObjectNode value = (ObjectNode) JSON.readTree(rec.value());
                    value.remove("runId");
                    value.remove("runNumber");
                    String previous = out.computeIfAbsent(runId, r -> new TreeMap<>()).put(rec.topic() + " " + rec.key(),
                            headers + " " + value);
                    assertEquals(null, previous, "one message per row and run: " + rec.topic() + " " + rec.key());
                }
            }
        }
        return out;
    }

    /** table/id → record for every table the emulator holds, without the columns that say when. */
    private static Map<String, JsonNode> content(DataverseEmulator emulator) throws Exception {
        JsonNode tables = JSON.readTree(emulator.stateAsJson()).path("tables");
        Map<String, JsonNode> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> t = tables.fields(); t.hasNext();) {
            Map.Entry<String, JsonNode> table = t.next();
            for (Iterator<Map.Entry<String, JsonNode>> it = table.getValue().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> r = it.next();
                if (!r.getValue().isObject()) {
                    continue;
                }
                String name = table.getKey();
                ObjectNode copy = ((ObjectNode) r.getValue()).deepCopy();
                WHEN.forEach(copy::remove);
                if ("annotation".equals(name) || !copy.hasNonNull("new_gensolveid")) {
                    copy.remove("createdon"); // notes and what the emulator seeds: created at load or reset time
                }
                if ("activityparty".equals(name)) {
                    // the target numbers parties itself: compare them by what they say
                    copy.remove("activitypartyid");
                    out.merge(name + "/" + copy, JSON.getNodeFactory().numberNode(1),
                            (a, b) -> JSON.getNodeFactory().numberNode(a.asInt() + 1));
                    continue;
                }
                out.put(name + "/" + r.getKey(), copy);
            }
        }
        return out;
    }

    /** "table/id column" of what differs; values left out (personal data). */
    private static List<String> diff(Map<String, JsonNode> a, Map<String, JsonNode> b) {
        List<String> out = new ArrayList<>();
        Set<String> ids = new TreeSet<>(a.keySet());
        ids.addAll(b.keySet());
        for (String id : ids) {
            JsonNode x = a.get(id);
            JsonNode y = b.get(id);
            if (x == null || y == null) {
                out.add(id + (x == null ? " only from the tables" : " only from the CSV"));
                continue;
            }
            Set<String> columns = new TreeSet<>();
            x.fieldNames().forEachRemaining(columns::add);
            y.fieldNames().forEachRemaining(columns::add);
            for (String c : columns) {
                if (!x.path(c).equals(y.path(c))) {
                    out.add(id + " " + c);
                }
            }
        }
        return out;
    }
}
