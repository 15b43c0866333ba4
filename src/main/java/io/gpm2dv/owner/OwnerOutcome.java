package io.gpm2dv.owner;

/** How a record's owner was decided (target-mapping §1, Owners); reported per practitioner and per record. */
public enum OwnerOutcome {
    /** The practitioner's enabled system user. */
    MATCHED,
    /** The practitioner's user, which another practitioner shares (H05): usable, but reported. */
    MATCHED_SHARED,
    /** Fallback: no system user has the practitioner's email. */
    FALLBACK_UNMATCHED,
    /** Fallback: the practitioner's user is disabled. */
    FALLBACK_DISABLED,
    /** Fallback: several enabled users carry the practitioner's email and none can be chosen safely. */
    FALLBACK_AMBIGUOUS,
    /** Fallback: the row names a practitioner id that is not in the export. */
    FALLBACK_UNKNOWN_PRACTITIONER,
    /** Fallback: the row names no practitioner, or the object is owned by the fallback owner by rule. */
    FALLBACK_NONE;

    public boolean usable() {
        return this == MATCHED || this == MATCHED_SHARED;
    }
}
