package io.gpm2dv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gpm2dv.audit.Fate;

/** When a child stops waiting for its parent: never while the parent may still come, at once when it cannot. */
class ParentWaitTest {
    final ParentWait wait = new ParentWait(Duration.ofMinutes(5));
    final Instant since = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aChildWaitsWhileItsParentHasNoFateOrIsStillOnItsWay() {
        assertTrue(wait.refusal("organisation-501", Optional.empty(), since, since.plusSeconds(299)).isEmpty());
        assertTrue(wait.refusal("organisation-501", Optional.of(Fate.PENDING), since, since.plusSeconds(10)).isEmpty());
        assertTrue(wait.refusal("organisation-501", Optional.of(Fate.LOADED), since, since.plusSeconds(10)).isEmpty(),
                "loaded but not visible yet: try again");
    }

    @Test
    void aChildIsRefusedAtOnceWhenItsParentWasSkippedOrDeadLettered() {
        assertEquals(Optional.of("parent organisation-501 was not loaded in this run (skipped)"),
                wait.refusal("organisation-501", Optional.of(Fate.SKIPPED), since, since));
        assertEquals(Optional.of("parent organisation-501 was not loaded in this run (dead_lettered)"),
                wait.refusal("organisation-501", Optional.of(Fate.DEAD_LETTERED), since, since));
    }

    @Test
    void aChildIsRefusedOnceItHasWaitedTheWholeParentWait() {
        assertEquals(Optional.of("parent organisation-501 was not in Dataverse after 300 s of waiting"),
                wait.refusal("organisation-501", Optional.empty(), since, since.plus(Duration.ofMinutes(5))));
    }
}
