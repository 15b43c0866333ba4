package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Injected faults (503 fraction, 429 fraction, latency) and expiring tokens (401 ExpiredAuthTicket) over HTTP. */
class FaultsAndTokensHttpTest {

    private static List<Integer> statuses(DataverseEmulator e, int n) {
        EmulatorHttp h = new EmulatorHttp(e);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(h.get("WhoAmI").status());
        }
        return out;
    }

    @Test
    void unavailableFractionAnswers503InTheErrorShape_sameSeedSameRequestsFail() {
        try (DataverseEmulator all = DataverseEmulator.start(EmulatorOptions.defaults().withUnavailableFraction(1.0))) {
            EmulatorHttp.Reply r = new EmulatorHttp(all).get("WhoAmI");
            assertEquals(503, r.status());
            assertTrue(r.header("Content-Type").startsWith("application/json"));
            assertTrue(r.errorCode().matches("0x[0-9a-f]{8}"));
            assertEquals(2, r.json().path("error").size());
        }
        EmulatorOptions some = EmulatorOptions.defaults().withUnavailableFraction(0.3).withSeed(11);
        List<Integer> first;
        try (DataverseEmulator e = DataverseEmulator.start(some)) {
            first = statuses(e, 60);
            e.reset();
            assertEquals(first, statuses(e, 60), "reset starts the seeded sequence again");
        }
        try (DataverseEmulator e = DataverseEmulator.start(some)) {
            assertEquals(first, statuses(e, 60));
        }
        long failed = first.stream().filter(s -> s == 503).count();
        assertTrue(failed > 5 && failed < 35, failed + " of 60 answered 503");
        assertTrue(first.stream().allMatch(s -> s == 200 || s == 503));
    }

    @Test
    void throttleFractionIsSeededToo() {
        EmulatorOptions o = EmulatorOptions.defaults().withThrottleFraction(0.5).withRetryAfterSeconds(3).withSeed(5);
        List<Integer> first;
        try (DataverseEmulator e = DataverseEmulator.start(o)) {
            first = statuses(e, 40);
        }
        try (DataverseEmulator e = DataverseEmulator.start(o)) {
            assertEquals(first, statuses(e, 40));
            EmulatorHttp h = new EmulatorHttp(e);
            EmulatorHttp.Reply r;
            do {
                r = h.get("WhoAmI");
            } while (r.status() != 429);
            assertEquals("3", r.header("Retry-After"));
            assertEquals("0x80072322", r.errorCode());
        }
        assertTrue(first.contains(429) && first.contains(200));
    }

    @Test
    void latencyDelaysEveryWebApiAnswer() {
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults().withLatency(Duration.ofMillis(300)))) {
            EmulatorHttp h = new EmulatorHttp(e);
            h.accessToken(); // the token endpoint is not delayed
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertEquals(200, h.get("WhoAmI").status());
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 300, "answered after " + ms + " ms"); // a lower bound only: never flaky
            }
        }
    }

    @Test
    void expiringToken_401ExpiredAuthTicketThenAFreshTokenWorks() {
        ManualClock clock = new ManualClock();
        EmulatorOptions o = EmulatorOptions.defaults().withTokenLifetime(Duration.ofSeconds(60)).withClock(clock);
        try (DataverseEmulator e = DataverseEmulator.start(o)) {
            EmulatorHttp h = new EmulatorHttp(e);
            EmulatorHttp.Reply token = h.token("grant_type=client_credentials&client_id=app&client_secret=s&scope="
                    + EmulatorHttp.enc(e.baseUrl() + "/.default"));
            assertEquals(60, token.json().path("expires_in").asInt());
            assertEquals(200, h.get("WhoAmI").status());
            clock.advance(Duration.ofSeconds(59));
            assertEquals(200, h.get("WhoAmI").status());
            clock.advance(Duration.ofSeconds(1));
            EmulatorHttp.Reply r = h.get("WhoAmI");
            assertEquals(401, r.status());
            assertTrue(r.errorMessage().startsWith("ExpiredAuthTicket"), r.errorMessage());
            assertTrue(r.errorCode().matches("0x[0-9a-f]{8}"));
            assertEquals(1, r.json().size());
            assertEquals(2, r.json().path("error").size());
            assertTrue(r.header("WWW-Authenticate").contains("invalid_token"));
            assertEquals("4.0", r.header("OData-Version"));
            EmulatorHttp renewed = new EmulatorHttp(e); // asks for a new token, as a client does after a 401
            assertEquals(200, renewed.get("WhoAmI").status());
            EmulatorHttp.Reply forged = h.raw(HttpRequest.newBuilder(URI.create(e.baseUrl() + "/api/data/v9.2/WhoAmI"))
                    .header("Authorization", "Bearer emu.forged"));
            assertTrue(forged.errorMessage().startsWith("BadAuthTicket"));
        }
    }

    @Test
    void expiringEveryIssuedTokenAtOnceForcesRenewal() throws Exception {
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults())) {
            EmulatorHttp h = new EmulatorHttp(e);
            assertEquals(200, h.get("WhoAmI").status());
            HttpResponse<String> expire = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(e.baseUrl() + "/emulator/tokens/expire")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, expire.statusCode());
            EmulatorHttp.Reply r = h.get("WhoAmI");
            assertEquals(401, r.status());
            assertTrue(r.errorMessage().startsWith("ExpiredAuthTicket"), r.errorMessage());
            assertEquals(200, new EmulatorHttp(e).get("WhoAmI").status(), "a token issued afterwards works");
        }
    }
}
