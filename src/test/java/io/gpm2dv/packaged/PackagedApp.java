package io.gpm2dv.packaged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
}
