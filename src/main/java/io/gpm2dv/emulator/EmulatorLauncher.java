package io.gpm2dv.emulator;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the emulator in-process on its own port when {@code emulator.enabled=true} (the local profile), before
 * anything in the application talks to Dataverse. Product code never calls it: it only sees a Dataverse URL.
 */
@ApplicationScoped
public class EmulatorLauncher {
    private static final Logger LOG = Logger.getLogger(EmulatorLauncher.class);

    @ConfigProperty(name = "emulator.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "emulator.port", defaultValue = "8091")
    int port;

    @ConfigProperty(name = "emulator.users-file")
    Optional<Path> usersFile;

    @ConfigProperty(name = "emulator.state-file")
    Optional<Path> stateFile;

    private DataverseEmulator emulator;

    // runs before the default-priority observers (run on start, readiness) so the target is up first
    void start(@Observes @Priority(1) StartupEvent event) {
        if (!enabled) {
            return;
        }
        EmulatorOptions options = EmulatorOptions.defaults().withPort(port);
        if (usersFile.isPresent()) {
            options = options.withUsersFile(usersFile.get());
        }
        if (stateFile.isPresent()) {
            options = options.withStateFile(stateFile.get());
        }
        emulator = DataverseEmulator.start(options);
        LOG.infof("Dataverse emulator serving %s (state file: %s)", emulator.baseUrl(),
                stateFile.map(Path::toString).orElse("none"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (emulator != null) {
            emulator.close();
        }
    }
}
