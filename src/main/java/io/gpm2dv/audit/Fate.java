package io.gpm2dv.audit;

/** Where a record ended up in a run. Every extracted record reaches exactly one final fate. */
public enum Fate {
    /** Emitted by a stage but not final yet (used for records a stage adds, such as {@code -unmapped} notes). */
    PENDING,
    LOADED,
    SKIPPED,
    DEAD_LETTERED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
