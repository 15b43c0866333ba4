package io.gpm2dv.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void backoffDoublesUpToTheCap() {
        assertEquals(Duration.ofSeconds(1), policy.backoff(1));
        assertEquals(Duration.ofSeconds(2), policy.backoff(2));
        assertEquals(Duration.ofSeconds(32), policy.backoff(6));
        assertEquals(Duration.ofSeconds(60), policy.backoff(7));
    }

    @Test
    void retryAfterIsHonouredExactly() {
        assertEquals(Duration.ofSeconds(17), policy.throttleWait("17", 1));
        assertEquals(Duration.ofSeconds(0), policy.throttleWait("0", 3));
    }

    @Test
    void withoutRetryAfterThrottlingBacksOffExponentially() {
        assertEquals(Duration.ofSeconds(2), policy.throttleWait(null, 1));
        assertEquals(Duration.ofSeconds(8), policy.throttleWait(null, 3));
    }
}
