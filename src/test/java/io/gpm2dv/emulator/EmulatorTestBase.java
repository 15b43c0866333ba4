package io.gpm2dv.emulator;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One emulator per test class on a random port, reset before every test. */
abstract class EmulatorTestBase {
    static DataverseEmulator emulator;
    static EmulatorHttp http;

    @BeforeAll
    static void startEmulator() {
        emulator = DataverseEmulator.start(EmulatorOptions.defaults().withUsersFile(usersFile()));
        http = new EmulatorHttp(emulator);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void freshEnvironment() {
        emulator.reset();
    }

    static Path usersFile() {
        try {
            return Path.of(EmulatorTestBase.class.getResource("/emulator/users.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String userId(String email) {
        return Identity.named("systemuser:" + email).toString();
    }
}
