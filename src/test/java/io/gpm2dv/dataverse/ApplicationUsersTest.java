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
                assertTrue(limit.tryStart(t, 1));
            }
            assertFalse(limit.tryStart(t, 1), "no more than the limit in flight");
            for (int i = 0; i < n; i++) {
                limit.answered(true, Double.NaN, Double.NaN, 0, 1, 0, Double.NaN);
            }
            double grown = limit.limit() - before;
            assertTrue(grown > 0.7 && grown <= 1.0, "about one more per round of answers: " + grown);
        }
        limit.tryStart(t, 1);
        limit.answered(false, Double.NaN, Double.NaN, 0, 1, 0, Double.NaN);
        double grownSoFar = limit.limit();
        assertEquals(grownSoFar, limit.limit(), "no growth from answers while the window was not full");

        long sent = ++t;
        int n = (int) limit.limit();
        for (int i = 0; i < n; i++) {
            assertTrue(limit.tryStart(sent, 1));
        }
        limit.throttled(sent, 1, ++t, Duration.ofSeconds(2));
        limit.throttled(sent, 1, ++t, Duration.ofSeconds(2)); // sent under the old limit: no second cut
        assertEquals(grownSoFar / 2, limit.limit(), 1e-9);
        for (int i = 0; i < n - 2; i++) {
            limit.ended(sent, 1);
        }
        assertFalse(limit.tryStart(t + Duration.ofSeconds(1).toNanos(), 1), "blocked until Retry-After has passed");
        assertTrue(limit.tryStart(t + Duration.ofSeconds(2).toNanos(), 1), "free again once Retry-After has passed");
        assertEquals(Duration.ofSeconds(2).plusNanos(1), limit.blocked(), "the time lost, overlapping blocks counted once");
    }

    @Test
    void whileDataverseSaysMostOfTheWindowIsUnusedTheLimitDoublesPerRoundAndStopsDoublingAsItFills() {
        ConcurrencyLimit limit = new ConcurrencyLimit(4, 52, 0.8);
        double timeLeft = 1_200_000;
        for (int round = 0; round < 2; round++) {
            int n = (int) limit.limit();
            for (int i = 0; i < n; i++) {
                assertTrue(limit.tryStart(0, 1));
            }
            for (int i = 0; i < n; i++) {
                timeLeft -= 2_600;
                limit.answered(true, 5_000, timeLeft, 0, 1, 0, Double.NaN);
            }
        }
        assertEquals(16, (int) limit.limit(), "4, 8, 16: an unused window is taken at once, not one request per round");

        double before = limit.limit();
        int n = (int) before;
        for (int i = 0; i < n; i++) {
            assertTrue(limit.tryStart(0, 1));
        }
        for (int i = 0; i < n; i++) {
            limit.answered(true, 5_000, 400_000, 0, 1, 0, Double.NaN); // a third left: the window is filling
        }
        double grown = limit.limit() - before;
        assertTrue(grown > 0.7 && grown <= 1.0, "back to one more per round once half the window is used: " + grown);
    }

    @Test
    void aUserPacedToItsBudgetKeepsItsLimitWhileTheWindowIsAtItsAimAndCutsItPastTheAimOrOnA429() {
        ConcurrencyLimit paced = new ConcurrencyLimit(8, 52, 0.5,
                ProtectionWindow.Budget.below(Duration.ofSeconds(300), Duration.ofSeconds(1200), 0));
        ConcurrencyLimit unpaced = new ConcurrencyLimit(8, 52, 0.5);
        for (ConcurrencyLimit limit : List.of(paced, unpaced)) {
            oneFullRound(limit, 1_200_000); // an empty window: Dataverse's figure for "all of it left"
        }
        double pacedBefore = paced.limit();
        double unpacedBefore = unpaced.limit();
        oneFullRound(paced, 40_000); // 3 % left: where pacing to 95 % keeps the window
        oneFullRound(unpaced, 40_000);
        assertTrue(paced.limit() > pacedBefore, "paced, a nearly full window is the aim, not a reason to cut: "
                + pacedBefore + " -> " + paced.limit());
        assertEquals(unpacedBefore / 2, unpaced.limit(), 1e-9, "unpaced, nearly used up cuts the limit before a 429 does");

        assertTrue(paced.tryStart(0, 1));
        paced.answered(false, 5_000, 240_000, 0, 1, 0, Double.NaN); // requests left the window: 20 % left again
        double grown = paced.limit();
        oneFullRound(paced, 12_000); // 1 % left: the account underestimated, the window went past the pacing's aim
        assertEquals(grown / 2, paced.limit(), 1e-9, "paced, a window past its aim cuts the limit, once per round");

        long sent = 1;
        assertTrue(paced.tryStart(sent, 1));
        double before429 = paced.limit();
        paced.throttled(sent, 1, sent + 1, Duration.ofSeconds(1));
        assertEquals(before429 / 2, paced.limit(), 1e-9, "a 429 still cuts a paced user's limit");
    }

    @Test
    void aPacedUserWhoseWindowDataverseReportsPastTheAimStartsNothingMoreUntilAnAnswerShowsRoom() {
        ConcurrencyLimit limit = new ConcurrencyLimit(8, 52, 0.5,
                ProtectionWindow.Budget.below(Duration.ofSeconds(300), Duration.ofSeconds(1200), 0));
        oneFullRound(limit, 1_200_000);
        assertTrue(limit.tryStart(0, 1));
        assertTrue(limit.tryStart(0, 1));
        // the account (answers of 0 s) has all the room there is, but Dataverse counts 97 % of the window used
        limit.answered(false, 5_000, 36_000, 0, 1, 0, Double.NaN);
        assertFalse(limit.tryStart(0, 1), "Dataverse's count, not the account, says the window is at its aim");
        limit.answered(false, 5_000, 240_000, 0, 1, 0, Double.NaN); // 20 % left: requests left the window
        assertTrue(limit.tryStart(0, 1), "an answer with room lets requests go again");
        limit.answered(false, 5_000, 36_000, 0, 1, 0, Double.NaN);
        assertTrue(limit.tryStart(0, 1), "with nothing in flight one request goes: no answer would come to free it");
    }

    @Test
    void aUserWhoseAnswersTakeThreeTimesWhatDataverseCountsPacesToDataversesLatestReportBroughtForward() {
        long s = Duration.ofSeconds(1).toNanos();
        // 95 s of execution time a minute (the paced 95 % of 100 s); Dataverse's header counts in its own units
        ConcurrencyLimit limit = new ConcurrencyLimit(52, 52, 0.8,
                ProtectionWindow.Budget.below(Duration.ofSeconds(60), Duration.ofSeconds(100), 0));
        assertTrue(limit.tryStart(0, 1));
        limit.answered(false, 5_000, 100_000, 0, 1, s, Double.NaN); // Dataverse counts: nothing used yet
        for (int i = 0; i < 40; i++) {
            assertTrue(limit.tryStart(s, 1));
        }
        // each answer took 3 s (a server queueing under load) while Dataverse counted 1 s of each: 40 % used (one
        // of the forty is still out)
        for (int i = 0; i < 39; i++) {
            limit.answered(false, 5_000, 100_000 - 1_000 * (i + 2), s, 1, 4 * s, Double.NaN);
        }
        // the account (118 s of answers) says the window is over its budget for a minute; Dataverse says 60 s are left
        int started = 0;
        while (started < 52 && limit.tryStart(4 * s, 1)) {
            started++;
        }
        // each new request is expected to take about 3 s (the answers so far): 55 s of room before the aim
        assertTrue(started >= 15 && started <= 19, "started " + started + " on Dataverse's count, not the account's");
        // one of them answers: Dataverse now counts 96 % used (requests it admitted since, of other tables' sizes)
        limit.answered(false, 5_000, 4_000, 4 * s, 1, 7 * s, Double.NaN);
        assertFalse(limit.tryStart(7 * s, 1), "Dataverse's latest report is past the aim: nothing more starts");
        // the straggler, started before that report, says it had room: an older report does not count
        limit.answered(false, 5_000, 50_000, s, 1, 8 * s, Double.NaN);
        assertFalse(limit.tryStart(8 * s, 1), "an older report does not overrule a newer one");
    }

    @Test
    void nearTheTopOfItsWindowAUserStartsOneRequestAtATimeSoThatA429CanStopTheNext() {
        long s = Duration.ofSeconds(1).toNanos();
        long spacing = Duration.ofMillis(50).toNanos();
        ConcurrencyLimit limit = new ConcurrencyLimit(52, 52, 0.8, ProtectionWindow.Budget
                .below(Duration.ofSeconds(60), Duration.ofSeconds(100), 0).spacedBy(Duration.ofNanos(spacing)));
        assertTrue(limit.tryStart(0, 1));
        limit.answered(false, 5_000, 100_000, 0, 1, s, Double.NaN); // Dataverse counts; each request takes 1 s
        assertTrue(limit.tryStart(s, 1));
        assertTrue(limit.tryStart(s, 1));
        limit.answered(false, 5_000, 80_000, s, 1, 2 * s, Double.NaN); // 20 % of the window used
        for (int i = 0; i < 5; i++) {
            assertTrue(limit.tryStart(2 * s, 1), "far from the top, a burst goes at once: request " + (i + 1));
        }
        limit.answered(false, 5_000, 15_000, s, 1, 2 * s, Double.NaN); // 85 % used, with room for a few more
        assertFalse(limit.tryStart(2 * s, 1), "near the top, not in the same instant as the last start");
        assertTrue(limit.tryStart(2 * s + spacing, 1), "one spacing later it goes");
        assertFalse(limit.tryStart(2 * s + spacing, 1), "and the next waits again");
        assertTrue(limit.tryStart(2 * s + 2 * spacing, 1));
    }

    /** Fills the limit and answers every request, each answer saying {@code timeLeft} of the window is left. */
    private static void oneFullRound(ConcurrencyLimit limit, double timeLeft) {
        int n = (int) limit.limit();
        for (int i = 0; i < n; i++) {
            assertTrue(limit.tryStart(0, 1));
        }
        for (int i = 0; i < n; i++) {
            limit.answered(true, 5_000, timeLeft, 0, 1, 0, Double.NaN);
        }
    }

    @Test
    void aUserStartsNoRequestThatWouldTakeItsWindowOverTheExecutionTimeBudgetAndGoesOnAsTheWindowSlides() {
        long s = Duration.ofSeconds(1).toNanos();
        ConcurrencyLimit limit = new ConcurrencyLimit(52, 52, 0.8,
                new ProtectionWindow.Budget(Duration.ofSeconds(10), Duration.ofSeconds(10), 0));
        assertTrue(limit.tryStart(0, 1));
        limit.answered(false, 5_000, Double.NaN, 0, 1, 2 * s, Double.NaN); // took 2 s: 8 s of the budget left
        for (int i = 0; i < 4; i++) {
            assertTrue(limit.tryStart(2 * s, 1), "request " + (i + 2) + " fits");
        }
        assertFalse(limit.tryStart(2 * s, 1), "a fifth 2-second request would take the window to 12 s of 10");
        for (int i = 0; i < 4; i++) {
            limit.answered(false, 5_000, Double.NaN, 2 * s, 1, 4 * s, Double.NaN);
        }
        assertFalse(limit.tryStart(5 * s, 1), "the window holds 10 s of execution time: nothing starts");
        assertEquals(5 * s, limit.waitFor(5 * s), "until the first request leaves the window");
        assertTrue(limit.tryStart(10 * s, 1), "the first request's 2 s have left the window");
        assertEquals(52, (int) limit.limit(), "pacing is not throttling: the limit is untouched");
    }

    @Test
    void whenDataverseCountsLessThanTheLatenciesTheAccountIsCalibratedToItAndMoreRequestsGo() {
        long s = Duration.ofSeconds(1).toNanos();
        ProtectionWindow window = new ProtectionWindow(new ProtectionWindow.Budget(Duration.ofSeconds(10), Duration.ofSeconds(10), 0));
        window.counted();
        window.answered(0, 2 * s, 1); // 2 s answers: 2 s in the window, 2 s expected of each request in flight
        assertTrue(window.allows(2 * s, 3, 3, 1));
        assertFalse(window.allows(2 * s, 4, 4, 1), "by latencies a fifth request would take the window over");
        window.calibrate(0.1, 0.01);
        assertEquals(1, window.serverRatio(), 1e-9, "a nearly empty window says nothing about the ratio");
        for (int i = 0; i < 20; i++) {
            window.calibrate(0.8, 0.4); // Dataverse's header: half of what the account held was counted
        }
        assertEquals(0.5, window.serverRatio(), 0.01);
        assertTrue(window.allows(2 * s, 7, 7, 1), "calibrated, about twice as many requests fit");
        assertFalse(window.allows(2 * s, 9, 9, 1), "but never more than the budget as Dataverse counts it");
        for (int i = 0; i < 40; i++) {
            window.calibrate(0.8, 0.004);
        }
        assertTrue(window.serverRatio() >= 0.2, "an implausible header moves the ratio no further than a fifth");
    }

    @Test
    void aBulkWriteIsExpectedToCostWhatBulkWritesCostAndAReadWhatReadsCost() {
        long ms = Duration.ofMillis(1).toNanos();
        ProtectionWindow window = new ProtectionWindow(new ProtectionWindow.Budget(Duration.ofSeconds(100), Duration.ofSeconds(100), 0));
        window.counted();
        for (int i = 0; i < 5; i++) {
            window.answered(0, 250 * ms, 1); // a read of the batch's ids
            window.answered(0, 5_200 * ms, 100); // a bulk write of 100 records
        }
        // 27.25 s in the window, 72.75 s left
        int bulks = 0;
        while (window.allows(6_000 * ms, bulks, 100L * bulks, 100)) {
            bulks++;
        }
        assertEquals(13, bulks, "13 more bulk writes of 5.2 s fit, not the 26 an average request (2.7 s) would let go");
        int reads = 0;
        while (window.allows(6_000 * ms, reads, reads, 1) && reads < 1_000) {
            reads++;
        }
        assertTrue(reads >= 280 && reads <= 291, "reads of 250 ms: about 291 fit, not 26: " + reads);
    }

    @Test
    void calibratedToDataversesOwnCountThePacingStillKeepsItsMarginBelowTheBudget() {
        long s = Duration.ofSeconds(1).toNanos();
        // Dataverse allows 10 s; the pacing aims at 95 % of it
        ProtectionWindow window = new ProtectionWindow(ProtectionWindow.Budget.below(Duration.ofSeconds(100),
                Duration.ofSeconds(10), 0));
        window.counted();
        for (int i = 0; i < 5; i++) {
            window.answered(0, s, 1); // five requests of 1 s, which Dataverse counts as exactly 1 s each
        }
        for (int i = 0; i < 40; i++) {
            window.calibrate(window.account(0, 0), 0.5); // its header: 5 s of 10 used, as the account says
        }
        assertEquals(1, window.serverRatio(), 0.01, "latencies that are Dataverse's count need no correction");
        assertTrue(window.allows(s, 3, 3, 1), "9 s of 10: within the 95 % aimed at");
        assertFalse(window.allows(s, 4, 4, 1), "10 s of 10 is the whole budget: any estimate short of it meets a 429");
    }

    @Test
    void aRequestDataverseRanButRefusedSpendsTheWindowAsAnAnswerDoes() {
        long s = Duration.ofSeconds(1).toNanos();
        ConcurrencyLimit refused = new ConcurrencyLimit(4, 52, 0.8,
                new ProtectionWindow.Budget(Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
        ConcurrencyLimit unreachable = new ConcurrencyLimit(4, 52, 0.8,
                new ProtectionWindow.Budget(Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
        for (ConcurrencyLimit limit : List.of(refused, unreachable)) {
            assertTrue(limit.tryStart(0, 1));
            limit.answered(false, 5_000, Double.NaN, 0, 1, s, Double.NaN); // 1 s of the 5 s budget
            assertTrue(limit.tryStart(s, 1));
        }
        refused.ran(s, 1, 5 * s); // a 400 after 4 s: Dataverse spent them
        unreachable.ended(s, 1); // a 503 from the gateway: nothing ran
        assertFalse(refused.tryStart(6 * s, 1), "the refused request's 4 s fill the window");
        assertTrue(unreachable.tryStart(6 * s, 1), "a request no server ran costs nothing");
        assertTrue(refused.tryStart(11 * s, 1), "once it has left the window the user goes on");
        assertTrue(DataverseHttp.ranOnTheServer(400) && DataverseHttp.ranOnTheServer(404) && DataverseHttp.ranOnTheServer(412));
        assertFalse(DataverseHttp.ranOnTheServer(401) || DataverseHttp.ranOnTheServer(503));
    }

    @Test
    void aRequestLongerThanTheWholeBudgetNeverStopsTheUserForGood() {
        long s = Duration.ofSeconds(1).toNanos();
        ConcurrencyLimit limit = new ConcurrencyLimit(4, 52, 0.8,
                new ProtectionWindow.Budget(Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
        assertTrue(limit.tryStart(0, 1));
        limit.answered(false, 5_000, Double.NaN, 0, 1, 8 * s, Double.NaN); // took longer than the whole budget
        assertFalse(limit.tryStart(9 * s, 1), "its 8 s are in the window");
        assertTrue(limit.tryStart(10 * s, 1), "once it has left, one request goes, though one is expected to take 8 s");
        assertFalse(limit.tryStart(10 * s, 1), "but only one while it is expected to take more than the budget");
    }

    @Test
    void nothingIsPacedWhileDataverseSendsNoRemainingBudgetHeaders() {
        ConcurrencyLimit limit = new ConcurrencyLimit(52, 52, 0.8,
                new ProtectionWindow.Budget(Duration.ofSeconds(10), Duration.ZERO, 3));
        for (int i = 0; i < 10; i++) {
            assertTrue(limit.tryStart(i, 1), "a server without service protection: no budget to pace to");
            limit.answered(false, Double.NaN, Double.NaN, i, 1, i + 1, Double.NaN);
        }
        limit.answered(false, 5_000, Double.NaN, 10, 1, 11, Double.NaN); // it counts after all
        assertFalse(limit.tryStart(12, 1), "from then on the request budget holds");
    }

    @Test
    void aUserStartsNoMoreRequestsPerWindowThanTheRequestBudget() {
        long s = Duration.ofSeconds(1).toNanos();
        ConcurrencyLimit limit = new ConcurrencyLimit(52, 52, 0.8,
                new ProtectionWindow.Budget(Duration.ofSeconds(10), Duration.ZERO, 3));
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.tryStart(i * s, 1));
            limit.answered(false, 5_000, Double.NaN, i * s, 1, i * s + 1, Double.NaN);
        }
        assertFalse(limit.tryStart(5 * s, 1), "three requests in the last 10 s");
        assertTrue(limit.tryStart(10 * s, 1), "the first has left the window");
    }

    @Test
    void afterAThrottleOnlyTheProbesAnswerLetsTheOthersGoNotAnAnswerToARequestAdmittedBefore() {
        ConcurrencyLimit limit = new ConcurrencyLimit(4, 52, 0.8);
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.tryStart(0, 1));
        }
        limit.throttled(0, 1, 10, Duration.ofNanos(100));
        limit.answered(false, Double.NaN, Double.NaN, 0, 1, 20, Double.NaN); // sent before the 429: admitted then, says nothing now
        assertTrue(limit.tryStart(200, 1), "the probe goes once Retry-After has passed");
        assertFalse(limit.tryStart(201, 1), "one request alone while the probe is out");
        limit.answered(false, Double.NaN, Double.NaN, 0, 1, 300, Double.NaN); // the last one sent before the 429
        assertFalse(limit.tryStart(301, 1), "still only the probe");
        limit.answered(false, Double.NaN, Double.NaN, 200, 1, 400, Double.NaN);
        assertTrue(limit.tryStart(401, 1), "the probe was answered: the others go");
    }

    @Test
    void theLimitNeverPassesFiftyTwo() {
        ConcurrencyLimit limit = new ConcurrencyLimit(60, 52, 0.8);
        assertEquals(52, (int) limit.limit());
        for (int i = 0; i < 5_000; i++) {
            limit.tryStart(0, 1);
            limit.answered(true, Double.NaN, Double.NaN, 0, 1, 0, Double.NaN);
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
    void theNextFreeSlotGoesToTheWaitingRequestOfHigherPriorityThoughTheOtherWaitedLonger() throws Exception {
        ApplicationUsers users = new ApplicationUsers(ApplicationUsers.parse("a", "x", 1, 1, 0.8), new SimpleMeterRegistry());
        for (int round = 0; round < 10; round++) {
            ApplicationUsers.Slot busy = users.take();
            List<Long> order = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread low = waitingRequest(users, 10, order);
            awaitWaiting(users, 1);
            Thread high = waitingRequest(users, 500, order);
            awaitWaiting(users, 2);
            users.answered(busy, Double.NaN, Double.NaN); // one slot frees: both wake, one goes
            low.join(10_000);
            high.join(10_000);
            assertEquals(List.of(500L, 10L), order, "round " + round);
        }
    }

    /** A thread that takes a slot at {@code priority}, notes it, and gives the slot back. */
    private static Thread waitingRequest(ApplicationUsers users, long priority, List<Long> order) {
        Thread t = new Thread(() -> {
            ApplicationUsers.Slot s = RequestPriority.during(priority, users::take);
            order.add(priority);
            users.ended(s);
        });
        t.start();
        return t;
    }

    private static void awaitWaiting(ApplicationUsers users, int n) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (users.waiting() < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(n, users.waiting(), "requests waiting");
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
