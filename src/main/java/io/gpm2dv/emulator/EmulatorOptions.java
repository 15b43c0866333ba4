package io.gpm2dv.emulator;

import java.nio.file.Path;
import java.util.Set;

/**
 * How to start the emulator: port (0 = any free port), users file (JSON array of
 * {@code {"email","fullname","isdisabled"}}), optional state file (loaded at start, rewritten after every write),
 * throttling injection (every Nth Web API request and/or a random fraction answered 429) and tables whose bulk
 * messages are switched off.
 */
public record EmulatorOptions(int port, Path usersFile, Path stateFile, int throttleEveryNth, double throttleFraction,
        int retryAfterSeconds, Set<String> bulkDisabledTables) {

    public EmulatorOptions {
        bulkDisabledTables = Set.copyOf(bulkDisabledTables);
        if (throttleFraction < 0 || throttleFraction > 1) {
            throw new IllegalArgumentException("throttleFraction must be between 0 and 1");
        }
    }

    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, null, null, 0, 0.0, 1, Set.of());
    }

    public EmulatorOptions withPort(int p) {
        return new EmulatorOptions(p, usersFile, stateFile, throttleEveryNth, throttleFraction, retryAfterSeconds, bulkDisabledTables);
    }

    public EmulatorOptions withUsersFile(Path f) {
        return new EmulatorOptions(port, f, stateFile, throttleEveryNth, throttleFraction, retryAfterSeconds, bulkDisabledTables);
    }

    public EmulatorOptions withStateFile(Path f) {
        return new EmulatorOptions(port, usersFile, f, throttleEveryNth, throttleFraction, retryAfterSeconds, bulkDisabledTables);
    }

    /** Every {@code n}th Web API request is answered 429 (0 = never). */
    public EmulatorOptions withThrottleEveryNth(int n) {
        return new EmulatorOptions(port, usersFile, stateFile, n, throttleFraction, retryAfterSeconds, bulkDisabledTables);
    }

    /** This fraction of Web API requests, chosen at random, is answered 429. */
    public EmulatorOptions withThrottleFraction(double f) {
        return new EmulatorOptions(port, usersFile, stateFile, throttleEveryNth, f, retryAfterSeconds, bulkDisabledTables);
    }

    public EmulatorOptions withRetryAfterSeconds(int s) {
        return new EmulatorOptions(port, usersFile, stateFile, throttleEveryNth, throttleFraction, s, bulkDisabledTables);
    }

    /** Tables (logical names) whose CreateMultiple/UpdateMultiple/UpsertMultiple are unsupported. */
    public EmulatorOptions withBulkDisabled(Set<String> tables) {
        return new EmulatorOptions(port, usersFile, stateFile, throttleEveryNth, throttleFraction, retryAfterSeconds, tables);
    }
}
