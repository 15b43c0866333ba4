package io.gpm2dv.testing;

import java.nio.file.Path;
import java.util.Map;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.emulator.EmulatorOptions;
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
}
