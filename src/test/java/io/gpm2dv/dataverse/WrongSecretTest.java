package io.gpm2dv.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.testing.EmulatorResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Before a run starts every application user signs in ({@link DataverseHttp#signInEveryUser}, called by the runner's
 * start): a user whose secret the token endpoint refuses stops the run there, with a message that names the user and
 * Entra's reason, never the secret. Against an emulator that knows three app registrations, over HTTP.
 */
class WrongSecretTest {
    static DataverseEmulator target;

    @BeforeAll
    static void start() {
        target = EmulatorResource.startOwn(o -> o.withClients(Map.of("app-a", "secret-a", "app-b", "secret-b",
                "app-c", "secret-c")));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void everyUserWithTheRightSecretSignsInAndStartsFromTheDopHint() {
        DataverseHttp http = client("app-a,app-b,app-c", "secret-a,secret-b,secret-c");
        http.signInEveryUser();
        for (ApplicationUsers.Figures f : http.users.figures()) {
            assertEquals(4.0, f.limit(), f.clientId() + " starts from the emulator's x-ms-dop-hint");
        }
    }

    @Test
    void aUserWhoseSecretIsWrongIsRefusedByNameBeforeAnythingMoves() {
        DataverseHttp http = client("app-a,app-b,app-c", "secret-a,not-the-secret,secret-c");
        DataverseTokenProvider.CredentialsRefused e = assertThrows(DataverseTokenProvider.CredentialsRefused.class,
                http::signInEveryUser);
        String said = SafeText.of(e); // what the run's refusal says
        assertTrue(said.contains("application user 2 of 3 (client id 'app-b')"), said);
        assertTrue(said.contains("invalid_client") && said.contains("AADSTS7000215"), said);
        assertFalse(said.contains("not-the-secret") || said.contains("secret-a"), "never a secret: " + said);
    }

    @Test
    void anUnknownClientIdIsRefusedByNameToo() {
        DataverseHttp http = client("app-a,app-typo", "secret-a,secret-b");
        String said = SafeText.of(assertThrows(DataverseTokenProvider.CredentialsRefused.class, http::signInEveryUser));
        assertTrue(said.contains("client id 'app-typo'") && said.contains("AADSTS700016"), said);
    }

    /** The production client, wired by hand (no CDI) to the emulator. */
    private static DataverseHttp client(String ids, String secrets) {
        DataverseConfig config = new Config(target.baseUrl(), ids, secrets);
        ApplicationUsers users = new ApplicationUsers();
        users.config = config;
        users.metrics = new SimpleMeterRegistry();
        DataverseTokenProvider tokens = new DataverseTokenProvider();
        tokens.config = config;
        tokens.users = users;
        DataverseHttp http = new DataverseHttp();
        http.config = config;
        http.tokens = tokens;
        http.users = users;
        http.metrics = users.metrics;
        return http;
    }

    private record Config(String base, String clientId, String clientSecret) implements DataverseConfig {
        public String url() { return base; }
        public String apiVersion() { return "v9.2"; }
        public String tokenUrl() { return base + "/own-tenant/oauth2/v2.0/token"; }
        public Concurrency concurrency() {
            return new Concurrency() {
                public int initial() { return 2; }
                public boolean initialFromHint() { return true; }
                public int max() { return 52; }
                public double decrease() { return 0.8; }
            };
        }
        public Protection protection() {
            return new Protection() {
                public Duration window() { return Duration.ofMinutes(5); }
                public Duration executionTime() { return Duration.ofMinutes(20); }
                public int requests() { return 6000; }
                public Duration spacing() { return Duration.ofMillis(50); }
            };
        }
        public int batchSize() { return 100; }
        public int preReadChunk() { return 50; }
        public int maxAttempts() { return 2; }
        public Duration initialBackoff() { return Duration.ofMillis(50); }
        public Duration maxBackoff() { return Duration.ofMillis(100); }
        public Duration throttleMaxWait() { return Duration.ofSeconds(5); }
        public Duration connectTimeout() { return Duration.ofSeconds(5); }
        public Duration requestTimeout() { return Duration.ofSeconds(10); }
        public Duration tokenRenewBefore() { return Duration.ofMinutes(5); }
        public Optional<String> scope() { return Optional.empty(); }
    }
}
