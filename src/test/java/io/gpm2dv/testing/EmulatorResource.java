package io.gpm2dv.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
import io.gpm2dv.emulator.Incident;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One Dataverse emulator on a random port for every Quarkus test, seeded with the sample's system users; the
 * product under test reaches it only through {@code dataverse.url} and {@code dataverse.token-url}.
 */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {
    public static final Path USERS = Path.of("src/main/sample/dataverse-users.json");
    private static DataverseEmulator emulator;

    @Override
    public synchronized Map<String, String> start() {
        if (emulator == null) {
            emulator = DataverseEmulator.start(EmulatorOptions.defaults().withPort(0).withUsersFile(USERS));
        }
        return Map.of("dataverse.url", emulator.baseUrl(),
                "dataverse.token-url", emulator.baseUrl() + "/test-tenant/oauth2/v2.0/token");
    }

    @Override
    public void stop() {
        // lives as long as the test JVM, like the broker: test profiles restart Quarkus, not the target
    }

    public static DataverseEmulator emulator() {
        return emulator;
    }

    public static DataverseTestClient client() {
        return new DataverseTestClient(emulator.baseUrl());
    }

    /** An emulator of a test's own: the sample's users on any free port, with {@code options} on top. */
    public static DataverseEmulator startOwn(UnaryOperator<EmulatorOptions> options) {
        return DataverseEmulator.start(options.apply(EmulatorOptions.defaults().withPort(0).withUsersFile(USERS)));
    }

    /** Configuration that points the product at {@code target}, plus {@code more}. */
    public static Map<String, String> pointingAt(DataverseEmulator target, Map<String, String> more) {
        Map<String, String> config = new HashMap<>(more);
        config.put("dataverse.url", target.baseUrl());
        config.put("dataverse.token-url", target.baseUrl() + "/own-tenant/oauth2/v2.0/token");
        return config;
    }

    /**
     * Schedules {@code incident} as soon as {@code target} has taken {@code records} writes: in the middle of a run.
     * Closing stops watching (the incident, if begun, runs its course).
     */
    public static AutoCloseable incidentAfter(DataverseEmulator target, int records, Incident incident) {
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                if (target.deliveries().size() >= records) {
                    target.incident(incident);
                    done.set(true);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "incident-after-" + records);
        watcher.setDaemon(true);
        watcher.start();
        return () -> done.set(true);
    }
}
