package io.gpm2dv.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.gpm2dv.audit.Fate;

/**
 * Decides about a child whose parent is not in Dataverse yet; a child is never written without its lookup. It
 * waits while its parent may still come, and is refused at once when the run already decided the parent will
 * not come (skipped or dead-lettered), or once it has waited {@code maxWait} (time during a dependency's outage does
 * not count: the parent is late, not missing). Waiting never blocks anything: the sink pauses the child's
 * partition and tries again after the retry interval.
 */
final class ParentWait {
    private final Duration maxWait;

    ParentWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Why the child is refused now, or empty while it should wait on. */
    Optional<String> refusal(String parentKey, Optional<Fate> parentFate, Instant waitingSince, Instant now) {
        if (parentFate.isPresent() && (parentFate.get() == Fate.SKIPPED || parentFate.get() == Fate.DEAD_LETTERED)) {
            return Optional.of("parent " + parentKey + " was not loaded in this run (" + parentFate.get().name().toLowerCase() + ")");
        }
        if (Duration.between(waitingSince, now).compareTo(maxWait) >= 0) {
            return Optional.of("parent " + parentKey + " was not in Dataverse after " + maxWait.toSeconds() + " s of waiting");
        }
        return Optional.empty();
    }
}
