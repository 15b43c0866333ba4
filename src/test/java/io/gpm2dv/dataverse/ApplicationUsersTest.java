package io.gpm2dv.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gpm2dv.pipeline.ConfigurationException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** How requests are spread over application users and how each user's concurrency adapts to Dataverse's answers. */
class ApplicationUsersTest {

    @Test
    void clientIdsAndSecretsPairUpInOrderAndAMismatchIsAClearError() {
        List<ApplicationUser> users = ApplicationUsers.parse("a, b ,c", "x,y,z", 4, 52, 0.8);
        assertEquals(List.of("a", "b", "c"), users.stream().map(ApplicationUser::clientId).toList());
        assertEquals("application user 2 of 3 (client id 'b')", users.get(1).describe());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ApplicationUsers.parse("a,b,c", "x,y", 4, 52, 0.8));
        assertTrue(e.getMessage().contains("3 application users") && e.getMessage().contains("2 secrets"), e.getMessage());
        assertFalse(e.getMessage().contains("x"), "a secret never appears in a message");
        assertThrows(ConfigurationException.class, () -> ApplicationUsers.parse("a", "x", 4, 53, 0.8),
                "more than Dataverse's 52 concurrent requests per user is refused");
    }

    @Test
    void theLimitGrowsByAboutOnePerRoundWhileFullAndShrinksOncePerRoundOnThrottling() {
        ConcurrencyLimit limit = new ConcurrencyLimit(4, 52, 0.5);
        long t = 0;
        for (int round = 0; round < 3; round++) {
            double before = limit.limit();
            int n = (int) before;
            for (int i = 0; i < n; i++) {
                assertTrue(limit.tryStart(t));
            }
            assertFalse(limit.tryStart(t), "no more than the limit in flight");
            for (int i = 0; i < n; i++) {
                limit.answered(true, Double.NaN, Double.NaN, 0, 0);
            }
            double grown = limit.limit() - before;
            assertTrue(grown > 0.7 && grown <= 1.0, "about one more per round of answers: " + grown);
        }
        limit.tryStart(t);
        limit.answered(false, Double.NaN, Double.NaN, 0, 0);
        double grownSoFar = limit.limit();
        assertEquals(grownSoFar, limit.limit(), "no growth from answers while the window was not full");

        long sent = ++t;
        int n = (int) limit.limit();
        for (int i = 0; i < n; i++) {
            assertTrue(limit.tryStart(sent));
        }
        limit.throttled(sent, ++t, Duration.ofSeconds(2));
        limit.throttled(sent, ++t, Duration.ofSeconds(2)); // sent under the old limit: no second cut
        assertEquals(grownSoFar / 2, limit.limit(), 1e-9);
        for (int i = 0; i < n - 2; i++) {
            limit.ended();
        }
        assertFalse(limit.tryStart(t + Duration.ofSeconds(1).toNanos()), "blocked until Retry-After has passed");
        assertTrue(limit.tryStart(t + Duration.ofSeconds(2).toNanos()), "free again once Retry-After has passed");
        assertEquals(Duration.ofSeconds(2).plusNanos(1), limit.blocked(), "the time lost, overlapping blocks counted once");
    }

    @Test
    void theLimitNeverPassesFiftyTwo() {
        ConcurrencyLimit limit = new ConcurrencyLimit(60, 52, 0.8);
        assertEquals(52, (int) limit.limit());
        for (int i = 0; i < 5_000; i++) {
            limit.tryStart(0);
            limit.answered(true, Double.NaN, Double.NaN, 0, 0);
        }
        assertEquals(52, (int) limit.limit());
    }

    @Test
    void aThrottledUserSlowsOnlyItselfTheOthersTakeTheRequests() {
        ApplicationUsers users = new ApplicationUsers(ApplicationUsers.parse("a,b", "x,y", 2, 52, 0.8), new SimpleMeterRegistry());
        ApplicationUsers.Slot first = users.take();
        users.throttled(first, Duration.ofSeconds(30));
        List<String> who = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ApplicationUsers.Slot s = users.take();
            who.add(s.user().clientId());
        }
        String blocked = first.user().clientId();
        assertFalse(who.contains(blocked), "no request goes to the user waiting out its Retry-After: " + who);
        assertEquals(1, users.figures().stream().filter(f -> f.clientId().equals(blocked)).findFirst().orElseThrow().throttled());
    }

    @Test
    void aStageThatCannotGetASlotWithinItsBudgetIsToldToWaitInsteadOfBlocking() {
        ApplicationUsers users = new ApplicationUsers(ApplicationUsers.parse("a", "x", 1, 52, 0.8), new SimpleMeterRegistry());
        users.throttled(users.take(), Duration.ofSeconds(60));
        Instant before = Instant.now();
        DataverseException e = assertThrows(DataverseException.class,
                () -> RetryBudget.within(Duration.ofMillis(200), users::take));
        assertTrue(e.isTransient(), "the records wait; nothing is refused");
        assertTrue(Duration.between(before, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0, "gave up at once");
        assertTrue(e.retryAfter().compareTo(Duration.ofSeconds(50)) > 0, "says how long the user is blocked: " + e.retryAfter());
    }
}
