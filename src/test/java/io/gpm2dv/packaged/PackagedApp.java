package io.gpm2dv.packaged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.local.EmbeddedKafkaBroker;

/**
 * The production artifact as an operator starts it: {@code java -jar}, configuration from the environment only, a
 * Kafka cluster and a Dataverse environment given by address, one full run and exit.
 */
final class PackagedApp {
    static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar");

    private PackagedApp() {
    }

    /** The environment of a run of {@code export} into {@code dataverse} through {@code broker}. */
    static Map<String, String> environment(Path export, DataverseEmulator dataverse, EmbeddedKafkaBroker broker,
            Path reports, Path ledger, String groupPrefix) {
        Map<String, String> env = new HashMap<>();
        env.put("GENSOLVE_EXPORT_DIR", export.toAbsolutePath().toString());
        env.put("DATAVERSE_URL", dataverse.baseUrl());
        env.put("DATAVERSE_TOKEN_URL", dataverse.baseUrl() + "/packaged-test/oauth2/v2.0/token");
        env.put("DATAVERSE_CLIENT_ID", "gpm2dv-packaged-test");
        env.put("DATAVERSE_CLIENT_SECRET", "packaged-test-secret");
        env.put("MIGRATION_FALLBACK_OWNER", "migration.owner@harbourside.example");
        env.put("MIGRATION_REPORT_DIR", reports.toString());
        env.put("MIGRATION_RUN_ON_START", "full");
        // the headless confirmation of the map in force (the bundled default map)
        env.put("MIGRATION_CONFIRMED_MAPPING_SHA256", io.gpm2dv.mapping.MapInForce.sha256(io.gpm2dv.mapping.MappingSpecs.bundledBytes()));
        env.put("MIGRATION_EXIT_AFTER_RUN", "true");
        env.put("MIGRATION_KAFKA_GROUP_PREFIX", groupPrefix);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("DB_URL", "jdbc:h2:file:" + ledger.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        env.put("QUARKUS_HTTP_PORT", "0");
        // as the test profile has it: a stopping route waits for its consumers' current polls, one route after
        // another, and with the sinks' 500 ms default Camel took about 18 s to stop each run (12 s at 200 ms)
        env.put("MIGRATION_SINK_POLL_TIMEOUT_MS", "100");
        env.put("MIGRATION_STAGE_POLL_TIMEOUT_MS", "100");
        return env;
    }

    /** Starts the artifact with {@code env} (a null value removes the variable), its output in {@code log}. */
    static Process start(Map<String, String> env, Path log) throws IOException {
        if (!Files.exists(APP)) {
            throw new IllegalStateException(APP + " is missing: run through './mvnw verify', which packages first");
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", APP.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return pb.start();
    }

    /**
     * Waits for {@code p} to exit; when it does not within {@code minutes}, appends a thread dump to {@code log}, kills
     * the process and fails with what the run was doing: the last lines the product logged and the stacks of its own
     * threads. The CI shows only the failure, so the failure must say where the run stood.
     */
    static void awaitExit(Process p, Path log, int minutes) throws IOException, InterruptedException {
        if (p.waitFor(minutes, TimeUnit.MINUTES)) {
            return;
        }
        Process dump = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(p.pid()), "Thread.print")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        dump.waitFor(30, TimeUnit.SECONDS);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException("the packaged run did not exit within " + minutes + " minutes; " + log
                + " ends:\n" + String.join("\n", whereItStood(Files.readAllLines(log))));
    }

    /** The product's last 25 log lines and the stacks (12 frames) of the threads it named, from a log with a thread dump. */
    static List<String> whereItStood(List<String> lines) {
        List<String> logged = lines.stream().filter(l -> l.contains("[io.gpm") || l.contains("[io.quarkus]")
                || l.contains("AbstractCamelContext] (main) Apache")).toList();
        List<String> out = new java.util.ArrayList<>(logged.subList(Math.max(0, logged.size() - 25), logged.size()));
        int frames = -1;
        for (String l : lines) {
            if (l.startsWith("\"")) {
                frames = l.contains("gpm2dv") || l.startsWith("\"main\"") || l.contains("KafkaConsumer[") ? 0 : -1;
                if (frames == 0) {
                    out.add(l.length() > 120 ? l.substring(0, 120) : l);
                }
            } else if (frames >= 0 && frames < 12 && l.startsWith("\t")) {
                out.add(l);
                frames++;
            }
        }
        return out;
    }
}
