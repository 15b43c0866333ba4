package io.gpm2dv.run;

/** Why a run did not start: a stable code (the operator API's {@code error}) and one line for a person. */
public record RunRefusal(String code, String message) {
    public static final String UNCONFIRMED_MAPPING = "unconfirmed-mapping";
    public static final String INVALID_MAPPING = "invalid-mapping";
    public static final String SCHEMA_INCOMPLETE = "schema-incomplete";
    public static final String RUN_IN_PROGRESS = "run-in-progress";
    /** Anything else a run checks before it moves a record: export, broker, settings, target, ledger. */
    public static final String REFUSED = "refused";
}
