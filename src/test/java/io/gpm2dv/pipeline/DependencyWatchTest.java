package io.gpm2dv.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What the run's outage tolerance is measured against. */
class DependencyWatchTest {

    @Test
    void aStageHeldForTheBudgetIsStalledOnlyWhileDataverseAnswersNobody() throws Exception {
        DependencyWatch watch = new DependencyWatch();
        watch.down("dv-sink-email", StageBatch.Cause.THROTTLED);
        Instant held = watch.oldest().orElseThrow().since();
        Thread.sleep(5);
        watch.dataverseAnswered(); // another table's request: the budget moves, the email sink waits its turn
        assertTrue(watch.longestStall().orElseThrow().since().isAfter(held), "the stall counts from the last answer");
        assertEquals(held, watch.oldest().orElseThrow().since(), "the console still says how long the stage waits");
    }

    @Test
    void aStageWhoseRequestsFailIsInAnOutageHoweverOftenDataverseAnswersOthers() throws Exception {
        DependencyWatch watch = new DependencyWatch();
        watch.down("dv-sink-contact", StageBatch.Cause.DATAVERSE);
        Instant down = watch.oldest().orElseThrow().since();
        Thread.sleep(5);
        watch.dataverseAnswered();
        assertEquals(down, watch.longestStall().orElseThrow().since());
        watch.up("dv-sink-contact");
        assertTrue(watch.longestStall().isEmpty());
    }
}
