package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The service protection model of API §7 (checklist lines 46–47) on a manual clock: no waiting, no timing. */
class ServiceProtectionTest {
    private final ManualClock clock = new ManualClock();

    private ServiceProtection model(ServiceProtectionLimits limits) {
        return new ServiceProtection(limits, clock::millis);
    }

    private static ServiceProtection.Denial denied(ServiceProtection.Verdict v) {
        return assertInstanceOf(ServiceProtection.Denial.class, v);
    }

    private static void admitted(ServiceProtection.Verdict v) {
        assertInstanceOf(ServiceProtection.Admission.class, v);
    }

    @Test
    void line46_realNumbers_request6001InTheWindowGets0x80072322WithExactMessageAndIntegerRetryAfter() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse());
        for (int i = 0; i < 6000; i++) {
            admitted(m.admit("app", 1));
            if (i % 100 == 99) {
                clock.advance(Duration.ofMillis(10)); // 6000 requests spread over 0.6 s
            }
        }
        ServiceProtection.Denial d = denied(m.admit("app", 1));
        assertEquals("0x80072322", d.code());
        assertEquals("Number of requests exceeded the limit of 6000 over time window of 300 seconds.", d.message());
        assertEquals(300, d.retryAfterSeconds()); // the oldest request leaves the window 300 s after it came
        ApiResponse r = d.response();
        assertEquals(429, r.status());
        assertEquals("300", r.headers().get("Retry-After"));
        assertEquals("{\"error\":{\"code\":\"0x80072322\",\"message\":\"Number of requests exceeded the limit of 6000 "
                + "over time window of 300 seconds.\"}}", r.body());
    }

    @Test
    void line46_realNumbers_combinedExecutionTimeOver1200000msGets0x80072321WithExactMessage() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse().withCost(0, 1000)); // 1 s a record
        admitted(m.admit("app", 1000)); // 1,000,000 ms
        admitted(m.admit("app", 200)); // 1,200,000 ms: the limit is reached, not yet crossed
        ServiceProtection.Denial d = denied(m.admit("app", 1));
        assertEquals("0x80072321", d.code());
        assertEquals("Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time "
                + "window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and "
                + "try again later.", d.message());
        assertEquals(300, d.retryAfterSeconds());
    }

    @Test
    void line47_concurrencyExcessIsRefusedAtOnceWith0x80072326AndLeavesNoBlock() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse().withConcurrentRequests(2));
        assertNull(m.enter("app"));
        assertNull(m.enter("app"));
        ServiceProtection.Denial d = m.enter("app");
        assertNotNull(d);
        assertEquals("0x80072326", d.code());
        assertEquals("Number of concurrent requests exceeded the limit of 2.", d.message());
        assertTrue(d.retryAfterSeconds() >= 1);
        assertEquals(2, m.inFlight("app"));
        assertNull(m.enter("other-app"), "limits are per caller");
        m.leave("app");
        assertNull(m.enter("app"), "a freed slot is usable at once");
        admitted(m.admit("app", 1)); // a concurrency refusal does not block the window
    }

    @Test
    void line47_realNumbers_concurrencyLimitIs52() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse());
        for (int i = 0; i < 52; i++) {
            assertNull(m.enter("app"));
        }
        assertEquals("Number of concurrent requests exceeded the limit of 52.", m.enter("app").message());
    }

    @Test
    void retryAfterGrowsUnderContinuedPressure() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse().withRequests(2, Duration.ofSeconds(60))
                .withRetryAfterStepSeconds(5));
        admitted(m.admit("app", 1));
        admitted(m.admit("app", 1));
        clock.advance(Duration.ofSeconds(10));
        int first = denied(m.admit("app", 1)).retryAfterSeconds();
        assertEquals(50, first); // the first request leaves the 60 s window 50 s from now
        int previous = first;
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1)); // ignores Retry-After and keeps sending
            int next = denied(m.admit("app", 1)).retryAfterSeconds();
            assertTrue(next > previous, "Retry-After " + next + " after " + previous);
            previous = next;
        }
        assertEquals(50 + 5 * 5 - 5, previous); // each ignored second is gone, each request adds 5 s
    }

    @Test
    void callerHonouringRetryAfterExactlyIsAdmittedAgain() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse().withRequests(2, Duration.ofSeconds(60)));
        admitted(m.admit("app", 1));
        clock.advance(Duration.ofSeconds(20));
        admitted(m.admit("app", 1));
        int wait = denied(m.admit("app", 1)).retryAfterSeconds();
        assertEquals(40, wait);
        clock.advance(Duration.ofSeconds(wait).minusMillis(1));
        assertEquals("0x80072322", denied(m.admit("app", 1)).code()); // one millisecond early still counts as pressure
        ServiceProtection fresh = model(ServiceProtectionLimits.dataverse().withRequests(2, Duration.ofSeconds(60)));
        admitted(fresh.admit("app", 1));
        clock.advance(Duration.ofSeconds(20));
        admitted(fresh.admit("app", 1));
        clock.advance(Duration.ofSeconds(denied(fresh.admit("app", 1)).retryAfterSeconds()));
        admitted(fresh.admit("app", 1)); // the window slid: only one request of the last 60 s remains
        assertEquals("0x80072322", denied(fresh.admit("app", 1)).code());
    }

    @Test
    void bulkRequestTripsTheExecutionTimeLimitSoonerThanSingles() {
        ServiceProtectionLimits limits = ServiceProtectionLimits.dataverse().withExecutionTimeMs(10_000).withCost(20, 10);
        ServiceProtection singles = model(limits);
        int admittedSingles = 0;
        while (singles.admit("app", 1) instanceof ServiceProtection.Admission) {
            admittedSingles++;
        }
        assertEquals(334, admittedSingles); // 30 ms each: the 334th reaches 10,020 ms, the next is refused
        ServiceProtection bulk = model(limits);
        int admittedBulk = 0;
        ServiceProtection.Verdict v;
        while ((v = bulk.admit("app", 1000)) instanceof ServiceProtection.Admission a) {
            assertEquals(10_020, a.costMs());
            admittedBulk++;
        }
        assertEquals(1, admittedBulk);
        assertEquals("0x80072321", denied(v).code());
    }

    @Test
    void timeScale60_makesThe300sWindowLast5sOfWallTime() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse().withRequests(3, Duration.ofSeconds(300))
                .withTimeScale(60));
        for (int i = 0; i < 3; i++) {
            admitted(m.admit("app", 1));
        }
        ServiceProtection.Denial d = denied(m.admit("app", 1));
        assertEquals(5, d.retryAfterSeconds());
        assertEquals("Number of requests exceeded the limit of 3 over time window of 300 seconds.", d.message());
        clock.advance(Duration.ofMillis(4900));
        // still blocked: 0.1 s left plus a 5 modelled-second step (1/12 s), rounded up to whole wall seconds
        assertEquals(1, denied(m.admit("app", 1)).retryAfterSeconds());
        clock.advance(Duration.ofSeconds(1));
        admitted(m.admit("app", 1));
    }

    @Test
    void windowSlides_retryAfterPointsAtTheRequestThatLeavesFirst() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse().withRequests(3, Duration.ofSeconds(300)));
        admitted(m.admit("app", 1));
        clock.advance(Duration.ofSeconds(100));
        admitted(m.admit("app", 1));
        clock.advance(Duration.ofSeconds(100));
        admitted(m.admit("app", 1));
        assertEquals(100, denied(m.admit("app", 1)).retryAfterSeconds());
        clock.advance(Duration.ofSeconds(100));
        admitted(m.admit("app", 1));
    }

    @Test
    void limitsArePerCallerAndResetForgetsThem() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse().withRequests(1, Duration.ofSeconds(300)));
        admitted(m.admit("app-a", 1));
        denied(m.admit("app-a", 1));
        admitted(m.admit("app-b", 1));
        m.reset();
        admitted(m.admit("app-a", 1));
        assertEquals(1, m.toJson().path("callers").path("app-a").path("requests").asInt());
    }

    @Test
    void switchedOffModelAdmitsEverythingAndHoldsNoSlots() {
        ServiceProtection m = model(ServiceProtectionLimits.off().withRequests(1, Duration.ofSeconds(300))
                .withConcurrentRequests(1));
        for (int i = 0; i < 100; i++) {
            admitted(m.admit("app", 1000));
            assertNull(m.enter("app"));
        }
    }

    @Test
    void costIsBasePlusPerRecord() {
        ServiceProtectionLimits l = ServiceProtectionLimits.dataverse().withCost(20, 10);
        assertEquals(30, l.cost(1));
        assertEquals(30, l.cost(0));
        assertEquals(10_020, l.cost(1000));
    }

    @Test
    void totalsPerCallerSinceStartOrReset_surviveTheWindowAndCountEach429ByLimit() {
        ServiceProtection m = model(ServiceProtectionLimits.dataverse().withRequests(2, Duration.ofSeconds(10))
                .withExecutionTimeMs(1000).withConcurrentRequests(1).withCost(100, 10));
        admitted(m.admit("app", 10)); // 200 ms
        admitted(m.admit("app", 1)); // 110 ms
        assertEquals("0x80072322", denied(m.admit("app", 1)).code());
        assertEquals("0x80072322", denied(m.admit("app", 1)).code(), "sent while blocked: counted under the block's limit");
        assertNull(m.enter("app"));
        assertEquals("0x80072326", m.enter("app").code());
        m.leave("app");
        clock.advance(Duration.ofSeconds(60)); // the window is empty again; the totals are not
        admitted(m.admit("app", 80)); // 900 ms
        admitted(m.admit("app", 10)); // 200 ms: over 1000 now
        clock.advance(Duration.ofSeconds(5));
        admitted(m.admit("other", 1));

        var json = m.toJson();
        assertEquals(65_000, json.path("since").asLong());
        var app = json.path("callers").path("app");
        assertEquals(4, app.path("requestsTotal").asLong());
        assertEquals(200 + 110 + 900 + 200, app.path("executionMsTotal").asLong());
        assertEquals(3, app.path("throttledTotal").asLong());
        assertEquals(2, app.path("throttledByLimit").path("requests").asLong());
        assertEquals(0, app.path("throttledByLimit").path("time").asLong());
        assertEquals(1, app.path("throttledByLimit").path("concurrency").asLong());
        assertEquals(2, app.path("requests").asLong(), "the window fields are kept");
        assertEquals(1, json.path("callers").path("other").path("requestsTotal").asLong());

        clock.advance(Duration.ofSeconds(20));
        admitted(m.admit("app", 90)); // 1000 ms: the limit is reached
        assertEquals("0x80072321", denied(m.admit("app", 1)).code());
        assertEquals(1, m.toJson().path("callers").path("app").path("throttledByLimit").path("time").asLong());

        clock.advance(Duration.ofSeconds(3));
        m.reset();
        clock.advance(Duration.ofSeconds(2));
        assertEquals(2_000, m.toJson().path("since").asLong());
        assertEquals(0, m.toJson().path("callers").size(), "a reset forgets the totals");
    }
}
