package io.gpm2dv.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@link EmulatorOptions} from {@code emulator.*} configuration keys (MicroProfile Config in the Quarkus
 * profiles, system properties for {@link DataverseEmulator#main}). A key that is absent keeps the default; every
 * key and its default is listed in docs/emulator.md.
 */
final class EmulatorConfig {
    private final Function<String, Optional<String>> lookup;

    EmulatorConfig(Function<String, Optional<String>> lookup) {
        this.lookup = key -> lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** System properties only (the plain {@code main}). */
    static EmulatorConfig systemProperties() {
        return new EmulatorConfig(key -> Optional.ofNullable(System.getProperty(key)));
    }

    EmulatorOptions options() {
        EmulatorOptions o = EmulatorOptions.defaults();
        o = o.withPort(integer("emulator.port", 8091));
        Optional<String> users = lookup.apply("emulator.users-file");
        if (users.isPresent()) {
            o = o.withUsersFile(Path.of(users.get()));
        }
        Optional<String> state = lookup.apply("emulator.state-file");
        if (state.isPresent()) {
            o = o.withStateFile(Path.of(state.get()));
        }
        Optional<String> bulkOff = lookup.apply("emulator.bulk-disabled-tables");
        if (bulkOff.isPresent()) {
            o = o.withBulkDisabled(new LinkedHashSet<>(Arrays.stream(bulkOff.get().split(","))
                    .map(String::trim).filter(t -> !t.isEmpty()).toList()));
        }
        o = o.withTokenLifetime(Duration.ofSeconds(integer("emulator.token-lifetime-seconds",
                (int) EmulatorOptions.TOKEN_LIFETIME.toSeconds())));
        o = o.withDopHint(integer("emulator.dop-hint", EmulatorOptions.DOP_HINT));
        o = o.withArrAffinityCookie(bool("emulator.arr-affinity-cookie", false));
        o = o.withThrottleEveryNth(integer("emulator.throttle.every-nth", 0));
        o = o.withThrottleFraction(decimal("emulator.throttle.fraction", 0));
        o = o.withRetryAfterSeconds(integer("emulator.throttle.retry-after-seconds", 1));
        o = o.withServiceProtection(protection());
        o = o.withMaxUploadFileSize(longValue("emulator.max-upload-file-size", EmulatorOptions.MAX_UPLOAD_FILE_SIZE));
        o = o.withEmptyOrg(bool("emulator.empty-org", false));
        Optional<String> clients = lookup.apply("emulator.clients");
        if (clients.isPresent()) {
            o = o.withClients(clients(clients.get()));
        }
        long latencyMin = integer("emulator.faults.latency-ms", 0);
        long latencyMax = integer("emulator.faults.latency-max-ms", (int) latencyMin);
        o = o.withFaults(new Faults(decimal("emulator.faults.unavailable-fraction", 0), latencyMin,
                Math.max(latencyMin, latencyMax), lookup.apply("emulator.faults.seed").map(Long::parseLong).orElse(null)));
        return o;
    }

    /** {@code id:secret,id:secret}: the registered applications (the secret is everything after the first colon). */
    private static Map<String, String> clients(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            if (colon < 1 || colon == e.length() - 1) {
                throw new IllegalArgumentException("emulator option emulator.clients needs client-id:secret pairs, not '"
                        + e + "'");
            }
            out.put(e.substring(0, colon).trim(), e.substring(colon + 1).trim());
        }
        return out;
    }

    private ServiceProtectionLimits protection() {
        ServiceProtectionLimits d = ServiceProtectionLimits.dataverse();
        return new ServiceProtectionLimits(bool("emulator.protection.enabled", false),
                integer("emulator.protection.requests-per-window", d.requestsPerWindow()),
                Duration.ofSeconds(integer("emulator.protection.window-seconds", (int) d.window().toSeconds())),
                longValue("emulator.protection.execution-time-ms-per-window", d.executionTimeMsPerWindow()),
                integer("emulator.protection.concurrent-requests", d.concurrentRequests()),
                longValue("emulator.protection.cost-base-ms", d.costBaseMs()),
                longValue("emulator.protection.cost-per-record-ms", d.costPerRecordMs()),
                decimal("emulator.protection.time-scale", d.timeScale()),
                longValue("emulator.protection.retry-after-step-seconds", d.retryAfterStepSeconds()),
                bool("emulator.protection.cost-as-latency", d.costAsLatency()));
    }

    private int integer(String key, int fallback) {
        return lookup.apply(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    private long longValue(String key, long fallback) {
        return lookup.apply(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    }

    private double decimal(String key, double fallback) {
        return lookup.apply(key).map(v -> parse(key, v, Double::parseDouble)).orElse(fallback);
    }

    private boolean bool(String key, boolean fallback) {
        return lookup.apply(key).map(v -> parse(key, v, s -> {
            if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(s);
            }
            return Boolean.parseBoolean(s);
        })).orElse(fallback);
    }

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value.replace("_", ""));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("emulator option " + key + " has an unusable value '" + value + "'", e);
        }
    }
}
