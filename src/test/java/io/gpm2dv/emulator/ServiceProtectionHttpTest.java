package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * Service protection over real HTTP (§17 lines 46–48): each test starts its own emulator with the model on and a
 * manual clock, so windows and Retry-After are asserted without waiting.
 */
class ServiceProtectionHttpTest {
    private static final String CALLER = "gpm2dv-test"; // the client id EmulatorHttp asks its token for
    private static final String CONTACT = "\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\"";

    private final ManualClock clock = new ManualClock();

    private DataverseEmulator start(ServiceProtectionLimits limits) {
        return DataverseEmulator.start(EmulatorOptions.defaults().withServiceProtection(limits).withClock(clock));
    }

    private static ServiceProtectionLimits limits() {
        return ServiceProtectionLimits.dataverse();
    }

    @Test
    void line46_requestLimitAnswers429WithIntegerRetryAfterCodeAndMessage() {
        try (DataverseEmulator e = start(limits().withRequests(3, Duration.ofSeconds(300)))) {
            EmulatorHttp h = new EmulatorHttp(e);
            for (int i = 2; i >= 0; i--) {
                EmulatorHttp.Reply ok = h.get("WhoAmI");
                assertEquals(200, ok.status());
                assertEquals(Integer.toString(i), ok.header("x-ms-ratelimit-burst-remaining-xrm-requests"));
            }
            clock.advance(Duration.ofSeconds(60));
            EmulatorHttp.Reply r = h.get("WhoAmI");
            assertEquals(429, r.status());
            assertEquals("240", r.header("Retry-After"));
            assertEquals("0x80072322", r.errorCode());
            assertEquals("Number of requests exceeded the limit of 3 over time window of 300 seconds.", r.errorMessage());
            assertTrue(r.header("Content-Type").startsWith("application/json"));
            clock.advance(Duration.ofSeconds(240));
            assertEquals(200, h.get("WhoAmI").status(), "honouring Retry-After gets the caller in again");
        }
    }

    @Test
    void line46_executionTimeLimitWithPerRecordCost_aBulkRequestTripsItSoonerThanSingles() {
        ServiceProtectionLimits l = limits().withExecutionTimeMs(1000).withCost(10, 10);
        try (DataverseEmulator e = start(l)) {
            EmulatorHttp h = new EmulatorHttp(e);
            for (int i = 0; i < 10; i++) {
                assertEquals(204, h.post("contacts", "{\"lastname\":\"S" + i + "\"}").status()); // 20 ms each
            }
            assertEquals(200, h.get("WhoAmI").status(), "ten singles are far from 1,000 ms");
        }
        try (DataverseEmulator e = start(l)) {
            EmulatorHttp h = new EmulatorHttp(e);
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                targets.add("{" + CONTACT + ",\"lastname\":\"B" + i + "\"}");
            }
            EmulatorHttp.Reply bulk = h.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple",
                    "{\"Targets\":[" + String.join(",", targets) + "]}");
            assertEquals(200, bulk.status(), bulk.body()); // 10 + 100 × 10 = 1,010 ms: admitted, crosses the limit
            assertEquals("0", bulk.header("x-ms-ratelimit-time-remaining-xrm-requests"));
            EmulatorHttp.Reply r = h.get("WhoAmI");
            assertEquals(429, r.status());
            assertEquals("0x80072321", r.errorCode());
            assertEquals("Combined execution time of incoming requests exceeded limit of 1,000 milliseconds over time "
                    + "window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests "
                    + "and try again later.", r.errorMessage());
            assertTrue(r.header("Retry-After").matches("\\d+"));
        }
    }

    @Test
    void retryAfterGrowsUnderContinuedPressure() {
        try (DataverseEmulator e = start(limits().withRequests(1, Duration.ofSeconds(60)).withRetryAfterStepSeconds(5))) {
            EmulatorHttp h = new EmulatorHttp(e);
            assertEquals(200, h.get("WhoAmI").status());
            int previous = 0;
            for (int i = 0; i < 4; i++) {
                EmulatorHttp.Reply r = h.get("WhoAmI");
                assertEquals(429, r.status());
                int retryAfter = Integer.parseInt(r.header("Retry-After"));
                assertTrue(retryAfter > previous, retryAfter + " after " + previous);
                previous = retryAfter;
            }
            assertEquals(60 + 3 * 5, previous);
        }
    }

    @Test
    void timeScale60_aRealDataverseWindowOf300sLasts5s() {
        try (DataverseEmulator e = start(limits().withRequests(2, Duration.ofSeconds(300)).withTimeScale(60))) {
            EmulatorHttp h = new EmulatorHttp(e);
            assertEquals(200, h.get("WhoAmI").status());
            assertEquals(200, h.get("WhoAmI").status());
            EmulatorHttp.Reply r = h.get("WhoAmI");
            assertEquals(429, r.status());
            assertEquals("5", r.header("Retry-After"));
            assertEquals("Number of requests exceeded the limit of 2 over time window of 300 seconds.", r.errorMessage());
            clock.advance(Duration.ofSeconds(5));
            assertEquals(200, h.get("WhoAmI").status());
            EmulatorHttp.Reply state = h.raw(HttpRequest.newBuilder(URI.create(e.baseUrl() + "/emulator/protection")));
            assertEquals(60.0, state.json().path("limits").path("timeScale").asDouble());
            assertEquals(1, state.json().path("callers").path(CALLER).path("requests").asInt());
        }
    }

    @Test
    void line47_concurrentExcessIsAnsweredAtOnceWith0x80072326() throws Exception {
        EmulatorOptions o = EmulatorOptions.defaults().withServiceProtection(limits().withConcurrentRequests(2))
                .withLatency(Duration.ofSeconds(4)); // holds two requests in flight
        try (DataverseEmulator e = DataverseEmulator.start(o)) {
            EmulatorHttp h = new EmulatorHttp(e);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest slow = HttpRequest.newBuilder(URI.create(e.baseUrl() + "/api/data/v9.2/WhoAmI"))
                    .header("Authorization", "Bearer " + h.accessToken()).build();
            CompletableFuture<HttpResponse<String>> first = client.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> second = client.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
            for (int i = 0; i < 1000 && e.protection().inFlight(CALLER) < 2; i++) {
                Thread.sleep(10);
            }
            assertEquals(2, e.protection().inFlight(CALLER));
            EmulatorHttp.Reply r = h.get("WhoAmI");
            assertFalse(first.isDone(), "the excess request is refused while the others are still in flight");
            assertEquals(429, r.status());
            assertEquals("0x80072326", r.errorCode());
            assertEquals("Number of concurrent requests exceeded the limit of 2.", r.errorMessage());
            assertTrue(r.header("Retry-After").matches("\\d+"));
            assertEquals(200, first.get().statusCode());
            assertEquals(200, second.get().statusCode());
            assertEquals(0, e.protection().inFlight(CALLER), "slots are given back");
        }
    }

    @Test
    void line48_responsesCarryDopHintAndNeverNeedArrAffinity() {
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults())) {
            EmulatorHttp h = new EmulatorHttp(e);
            assertEquals("4", h.get("WhoAmI").header("x-ms-dop-hint"));
            assertEquals("4", h.get("nosuchset").header("x-ms-dop-hint"));
            assertNull(h.get("WhoAmI").header("Set-Cookie"));
        }
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults().withDopHint(16).withArrAffinityCookie(true))) {
            EmulatorHttp h = new EmulatorHttp(e); // java.net.http keeps no cookies: the cookie never comes back
            EmulatorHttp.Reply first = h.get("WhoAmI");
            assertEquals("16", first.header("x-ms-dop-hint"));
            assertTrue(first.header("Set-Cookie").startsWith("ARRAffinity="));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, h.get("WhoAmI").status());
            }
            assertEquals(200, h.get("WhoAmI", "Cookie", "ARRAffinity=from-another-server").status());
        }
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults().withDopHint(0))) {
            assertNull(new EmulatorHttp(e).get("WhoAmI").header("x-ms-dop-hint"));
        }
    }

    @Test
    void limitsArePerCallerClientId() {
        try (DataverseEmulator e = start(limits().withRequests(1, Duration.ofSeconds(300)))) {
            EmulatorHttp a = new EmulatorHttp(e);
            assertEquals(200, a.get("WhoAmI").status());
            assertEquals(429, a.get("WhoAmI").status());
            EmulatorHttp.Reply token = a.token("grant_type=client_credentials&client_id=another-app&client_secret=s&scope="
                    + EmulatorHttp.enc(e.baseUrl() + "/.default"));
            String other = token.json().path("access_token").asText();
            EmulatorHttp.Reply r = a.raw(HttpRequest.newBuilder(URI.create(e.baseUrl() + "/api/data/v9.2/WhoAmI"))
                    .header("Authorization", "Bearer " + other));
            assertEquals(200, r.status());
            e.reset();
            assertEquals(200, a.get("WhoAmI").status(), "reset forgets the windows");
        }
    }
}
