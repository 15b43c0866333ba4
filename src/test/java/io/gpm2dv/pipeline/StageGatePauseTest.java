package io.gpm2dv.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.gpm2dv.dataverse.DataverseException;

/** How long a stage pauses: an outage backs off further each time; throttling waits exactly what was asked. */
class StageGatePauseTest {
    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);

    static Duration pause(Duration after, StageBatch.Cause cause, int inARow) {
        return StageGate.pauseFor(new StageBatch.Retry(after, cause), inARow, INITIAL, MAX);
    }

    @Test
    void anOutageBacksOffFurtherWithEachPauseInARowUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(1), pause(Duration.ZERO, StageBatch.Cause.DATAVERSE, 0));
        assertEquals(Duration.ofSeconds(8), pause(Duration.ZERO, StageBatch.Cause.DATAVERSE, 3));
        assertEquals(MAX, pause(Duration.ZERO, StageBatch.Cause.DATAVERSE, 10));
        assertEquals(Duration.ofSeconds(90), pause(Duration.ofSeconds(90), StageBatch.Cause.DATAVERSE, 0),
                "a longer Retry-After is honoured");
    }

    @Test
    void throttlingWaitsExactlyItsRetryAfterHoweverManyPausesCameBefore() {
        // the budget has room again after Retry-After: a back-off that had grown to 30 s would leave it unused
        assertEquals(Duration.ofMillis(1_500), pause(Duration.ofMillis(1_500), StageBatch.Cause.THROTTLED, 10));
        assertEquals(Duration.ofMillis(250), pause(Duration.ofMillis(50), StageBatch.Cause.THROTTLED, 10),
                "but not so short that the stage polls again into a budget still spent");
        assertEquals(Duration.ofSeconds(310), pause(Duration.ofSeconds(310), StageBatch.Cause.THROTTLED, 0));
    }

    @Test
    void a429IsThrottlingAndA503AnOutage() {
        assertEquals(StageBatch.Cause.THROTTLED, new DataverseException(429, "0x80072322", "busy", Duration.ofSeconds(5)).dependency());
        assertEquals(StageBatch.Cause.DATAVERSE, new DataverseException(503, null, "down").dependency());
    }
}
