package io.gpm2dv.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A token that Dataverse stops accepting before the client expected: one 401, a fresh token, and the call succeeds. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class TokenRenewalTest {
    @Inject
    DataverseClient client;

    @Inject
    MeterRegistry metrics;

    @Test
    void aRequestRefusedWithExpiredAuthTicketIsRetriedOnceWithAFreshToken() {
        client.whoAmI(); // a cached token the client believes valid for an hour
        double before = unauthorized();
        EmulatorResource.emulator().expireIssuedTokens();
        assertEquals(EmulatorResource.emulator().identity().applicationUserId().toString(),
                client.whoAmI().path("UserId").asText());
        assertEquals(1.0, unauthorized() - before, "exactly one 401, then the renewed token was accepted");
    }

    private double unauthorized() {
        Counter c = metrics.find("gpm2dv.dataverse.requests").tag("status", "401").counter();
        return c == null ? 0 : c.count();
    }
}
