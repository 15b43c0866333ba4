package io.gpm2dv.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How to start the emulator: port (0 = any free port), users file (JSON array of
 * {@code {"email","fullname","isdisabled"}}), optional state file (loaded at start, rewritten shortly after writes and at close),
 * simple throttling injection (every Nth Web API request and/or a fraction answered 429), the service protection
 * model (off by default), injected faults (503s, latency), token lifetime, the {@code x-ms-dop-hint} value,
 * tables whose bulk messages are switched off, the clock (tests pass a manual one) and the organization's
 * {@code maxuploadfilesize} (the limit on a note's or attachment's base64 content, API §12.3), and whether it starts
 * as an empty org (no custom columns, tables or keys: {@link #withEmptyOrg}), and the registered applications
 * (client id and secret) the token endpoint accepts ({@link #withClients}; any when none).
 * The {@code emulator.*} configuration keys map onto these one to one; see docs/emulator.md.
 */
public record EmulatorOptions(int port, Path usersFile, Path stateFile, int throttleEveryNth, double throttleFraction,
        int retryAfterSeconds, Set<String> bulkDisabledTables, ServiceProtectionLimits protection, Faults faults,
        Duration tokenLifetime, int dopHint, boolean arrAffinityCookie, Clock clock, long maxUploadFileSize, boolean emptyOrg,
        Map<String, String> clients) {

    /** Entra ID's usual {@code expires_in} for the client-credentials grant. */
    public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3599);
    /** The emulator's default {@code x-ms-dop-hint} (Dataverse does not publish one; assumption). */
    public static final int DOP_HINT = 4;
    /** Dataverse's default {@code organization.maxuploadfilesize} (5 MB) and the largest value it allows. */
    public static final long MAX_UPLOAD_FILE_SIZE = 5_242_880;
    public static final long MAX_UPLOAD_FILE_SIZE_LIMIT = 131_072_000;

    public EmulatorOptions {
        bulkDisabledTables = Set.copyOf(bulkDisabledTables);
        clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
        if (throttleFraction < 0 || throttleFraction > 1) {
            throw new IllegalArgumentException("throttleFraction must be between 0 and 1");
        }
        if (throttleEveryNth < 0 || retryAfterSeconds < 0 || dopHint < 0) {
            throw new IllegalArgumentException("throttleEveryNth, retryAfterSeconds and dopHint must not be negative");
        }
        if (tokenLifetime == null || tokenLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("tokenLifetime must be at least one second");
        }
        if (maxUploadFileSize < 1 || maxUploadFileSize > MAX_UPLOAD_FILE_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxUploadFileSize must be between 1 and " + MAX_UPLOAD_FILE_SIZE_LIMIT);
        }
        if (protection == null || faults == null || clock == null) {
            throw new IllegalArgumentException("protection, faults and clock are required");
        }
    }

    /** Everything off: no throttling, no faults, hour-long tokens, {@code x-ms-dop-hint: 4}, system clock, 5 MB uploads. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, null, null, 0, 0.0, 1, Set.of(), ServiceProtectionLimits.off(), Faults.none(),
                TOKEN_LIFETIME, DOP_HINT, false, Clock.systemUTC(), MAX_UPLOAD_FILE_SIZE, false, Map.of());
    }

    public EmulatorOptions withPort(int p) {
        return copy(b -> b.port = p);
    }

    public EmulatorOptions withUsersFile(Path f) {
        return copy(b -> b.usersFile = f);
    }

    public EmulatorOptions withStateFile(Path f) {
        return copy(b -> b.stateFile = f);
    }

    /** Every {@code n}th Web API request is answered 429 (0 = never). */
    public EmulatorOptions withThrottleEveryNth(int n) {
        return copy(b -> b.throttleEveryNth = n);
    }

    /** This fraction of Web API requests, drawn with the fault seed, is answered 429. */
    public EmulatorOptions withThrottleFraction(double f) {
        return copy(b -> b.throttleFraction = f);
    }

    /** The {@code Retry-After} of injected 429s (every-Nth and fraction; the model computes its own). */
    public EmulatorOptions withRetryAfterSeconds(int s) {
        return copy(b -> b.retryAfterSeconds = s);
    }

    /** Tables (logical names) whose CreateMultiple/UpdateMultiple/UpsertMultiple are unsupported. */
    public EmulatorOptions withBulkDisabled(Set<String> tables) {
        return copy(b -> b.bulkDisabledTables = tables);
    }

    /** The service protection model; {@link ServiceProtectionLimits#dataverse()} switches on Dataverse's numbers. */
    public EmulatorOptions withServiceProtection(ServiceProtectionLimits limits) {
        return copy(b -> b.protection = limits);
    }

    public EmulatorOptions withFaults(Faults f) {
        return copy(b -> b.faults = f);
    }

    /** This fraction of Web API requests is answered 503 with a Dataverse error body. */
    public EmulatorOptions withUnavailableFraction(double f) {
        return copy(b -> b.faults = b.faults.withUnavailableFraction(f));
    }

    /** Every Web API answer is delayed by {@code fixed}. */
    public EmulatorOptions withLatency(Duration fixed) {
        return withLatency(fixed, fixed);
    }

    /** Every Web API answer is delayed by a time drawn uniformly from {@code [min, max]}. */
    public EmulatorOptions withLatency(Duration min, Duration max) {
        return copy(b -> b.faults = b.faults.withLatency(min.toMillis(), max.toMillis()));
    }

    /** Seeds every random draw (fault fractions, latency), so a run repeats exactly. */
    public EmulatorOptions withSeed(long seed) {
        return copy(b -> b.faults = b.faults.withSeed(seed));
    }

    /** How long issued tokens are accepted; the token endpoint's {@code expires_in} says the same. */
    public EmulatorOptions withTokenLifetime(Duration d) {
        return copy(b -> b.tokenLifetime = d);
    }

    /** The {@code x-ms-dop-hint} on Web API answers (0 = header omitted). */
    public EmulatorOptions withDopHint(int n) {
        return copy(b -> b.dopHint = n);
    }

    /** Whether answers set an {@code ARRAffinity} cookie the way Dataverse does; it is never required back. */
    public EmulatorOptions withArrAffinityCookie(boolean on) {
        return copy(b -> b.arrAffinityCookie = on);
    }

    /** The clock behind token expiry and the service protection window (tests pass a manual one). */
    public EmulatorOptions withClock(Clock c) {
        return copy(b -> b.clock = c);
    }

    /**
     * The organization's {@code maxuploadfilesize} in bytes (what {@code GET organizations?$select=maxuploadfilesize}
     * reports): note and attachment content whose base64 text is longer fails with 0x80044a02.
     */
    public EmulatorOptions withMaxUploadFileSize(long bytes) {
        return copy(b -> b.maxUploadFileSize = bytes);
    }

    /**
     * Starts as a fresh Dataverse org: schema.json without any {@code new_*} column, {@code new_*} table or
     * {@code new_gensolveid_key} key (what the schema plan creates), so applying the plan is exercised for real.
     */
    public EmulatorOptions withEmptyOrg(boolean on) {
        return copy(b -> b.emptyOrg = on);
    }

    /**
     * The registered applications, client id → secret, in order: the token endpoint issues tokens to these only
     * (with their secret), as Entra ID does; empty (the default) accepts any client id and secret. The first is the
     * emulator's application user; every further one gets an application user of its own.
     */
    public EmulatorOptions withClients(Map<String, String> idToSecret) {
        return copy(b -> b.clients = idToSecret);
    }

    private EmulatorOptions copy(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return new EmulatorOptions(b.port, b.usersFile, b.stateFile, b.throttleEveryNth, b.throttleFraction,
                b.retryAfterSeconds, b.bulkDisabledTables, b.protection, b.faults, b.tokenLifetime, b.dopHint,
                b.arrAffinityCookie, b.clock, b.maxUploadFileSize, b.emptyOrg, b.clients);
    }

    private static final class Builder {
        int port;
        Path usersFile;
        Path stateFile;
        int throttleEveryNth;
        double throttleFraction;
        int retryAfterSeconds;
        Set<String> bulkDisabledTables;
        ServiceProtectionLimits protection;
        Faults faults;
        Duration tokenLifetime;
        int dopHint;
        boolean arrAffinityCookie;
        Clock clock;
        long maxUploadFileSize;
        boolean emptyOrg;
        Map<String, String> clients;

        Builder(EmulatorOptions o) {
            port = o.port;
            usersFile = o.usersFile;
            stateFile = o.stateFile;
            throttleEveryNth = o.throttleEveryNth;
            throttleFraction = o.throttleFraction;
            retryAfterSeconds = o.retryAfterSeconds;
            bulkDisabledTables = o.bulkDisabledTables;
            protection = o.protection;
            faults = o.faults;
            tokenLifetime = o.tokenLifetime;
            dopHint = o.dopHint;
            arrAffinityCookie = o.arrAffinityCookie;
            clock = o.clock;
            maxUploadFileSize = o.maxUploadFileSize;
            emptyOrg = o.emptyOrg;
            clients = o.clients;
        }
    }
}
