package io.gpm2dv.pipeline;

import java.time.Duration;

/**
 * A failure of something a stage depends on, not of the record it was handling: the stage holds its work, commits
 * nothing, dead-letters nothing, and tries again later.
 */
public interface DependencyFailure {
    /** The dependency that failed, or null when this failure is the record's own after all. */
    StageBatch.Cause dependency();

    /** How long the dependency asked us to wait, if it said. */
    default Duration retryAfter() {
        return null;
    }
}
