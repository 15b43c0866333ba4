package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application started as the standalone emulator ({@code -Dquarkus.profile=emulator}), the way the
 * README says, with no Kafka broker: Kafka's address points at a trap socket that fails the test if anything
 * connects. Skipped unless {@code target/quarkus-app/quarkus-run.jar} is the local build ({@code -Plocal}), the only
 * one that holds the emulator.
 */
class StandaloneEmulatorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Process process;
    private static Path log;
    private static String base;
    private static ServerSocket kafkaTrap;
    private static final AtomicInteger kafkaConnections = new AtomicInteger();

    @BeforeAll
    static void launch() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "standalone emulator IT skipped: " + JAR.toAbsolutePath()
                + " is absent (build it with ./mvnw -Plocal package -Dmaven.test.skip=true)");
        Assumptions.assumeTrue(holdsTheEmulator(), "standalone emulator IT skipped: " + JAR.toAbsolutePath()
                + " is the production artifact, which holds no emulator (run it on the local build: ./mvnw -Plocal verify"
                + " -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StandaloneEmulatorIT)");
        kafkaTrap = new ServerSocket(0);
        Thread trap = new Thread(() -> {
            while (!kafkaTrap.isClosed()) {
                try (Socket s = kafkaTrap.accept()) {
                    kafkaConnections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "kafka-trap");
        trap.setDaemon(true);
        trap.start();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        base = "http://localhost:" + port;
        log = Files.createDirectories(Path.of("target/standalone-emulator-it")).resolve("emulator.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx256m", "-Dquarkus.profile=emulator", "-Dquarkus.http.port=" + port,
                "-Demulator.users-file=src/main/sample/dataverse-users.json",
                "-Demulator.token-lifetime-seconds=120",
                "-Demulator.protection.enabled=true", "-Demulator.protection.requests-per-window=5",
                "-Dkafka.bootstrap.servers=localhost:" + kafkaTrap.getLocalPort(),
                "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            assertTrue(process.isAlive(), "the emulator process exited early:\n" + Files.readString(log));
            try {
                if (send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertTrue(System.nanoTime() < deadline, "not ready within 90 s:\n" + Files.readString(log));
            Thread.sleep(250);
        }
    }

    /** Only the local build ({@code -Plocal}) packages the emulator (src/emulator/java). */
    private static boolean holdsTheEmulator() throws IOException {
        try (var apps = Files.list(JAR.resolveSibling("app"))) {
            for (Path app : apps.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (var jar = new java.util.zip.ZipFile(app.toFile())) {
                    if (jar.getEntry("io/gpm2dv/emulator/EmulatorLauncher.class") != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (kafkaTrap != null) {
            kafkaTrap.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String clientId) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=y&scope="
                + URLEncoder.encode(base + "/.default", StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/standalone-tenant/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(120, body.path("expires_in").asInt(), "emulator.token-lifetime-seconds reaches the token endpoint");
        return body.path("access_token").asText();
    }

    private static HttpResponse<String> api(String token, String method, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/data/v9.2/" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void tokenThenWhoAmIOnQuarkusHttpPort_withoutAnyKafkaConnection() throws Exception {
        HttpResponse<String> who = api(token("standalone-a"), "GET", "WhoAmI", null);
        assertEquals(200, who.statusCode(), who.body());
        assertEquals("4.0", who.headers().firstValue("OData-Version").orElse(null));
        assertEquals("4", who.headers().firstValue("x-ms-dop-hint").orElse(null));
        assertEquals(Identity.standard().applicationUserId().toString(), JSON.readTree(who.body()).path("UserId").asText());
        assertEquals(401, api("not-a-token", "GET", "WhoAmI", null).statusCode());
        assertEquals(0, kafkaConnections.get(), "something in the emulator profile tried to reach Kafka");
        String out = Files.readString(log);
        assertTrue(out.contains("Routes startup (total:0)"), "no pipeline routes");
        assertFalse(out.contains("Ledger schema"), "no ledger migration");
        assertFalse(out.contains("pipeline topics"), "no topic provisioning");
        assertTrue(out.contains("Profile emulator activated"));
    }

    @Test
    void writesStateAndResetUseTheMountedBaseUrl() throws Exception {
        String token = token("standalone-b");
        HttpResponse<String> created = api(token, "POST", "contacts", "{\"lastname\":\"Standalone\"}");
        assertEquals(204, created.statusCode(), created.body());
        String entityId = created.headers().firstValue("OData-EntityId").orElseThrow();
        assertTrue(entityId.startsWith(base + "/api/data/v9.2/contacts("), entityId);
        HttpResponse<String> state = send(HttpRequest.newBuilder(URI.create(base + "/emulator/state")));
        assertEquals(200, state.statusCode());
        assertTrue(state.body().contains("Standalone"));
        assertTrue(JSON.readTree(state.body()).path("tables").path("systemuser").size() > 1, "users file was seeded");
        assertEquals(204, send(HttpRequest.newBuilder(URI.create(base + "/emulator/reset"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertFalse(send(HttpRequest.newBuilder(URI.create(base + "/emulator/state"))).body().contains("Standalone"));
    }

    @Test
    void serviceProtectionKeysApply() throws Exception {
        String token = token("standalone-c");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api(token, "GET", "WhoAmI", null).statusCode());
        }
        HttpResponse<String> r = api(token, "GET", "WhoAmI", null);
        assertEquals(429, r.statusCode());
        assertTrue(r.headers().firstValue("Retry-After").orElse("").matches("\\d+"));
        assertEquals("Number of requests exceeded the limit of 5 over time window of 300 seconds.",
                JSON.readTree(r.body()).path("error").path("message").asText());
    }
}
