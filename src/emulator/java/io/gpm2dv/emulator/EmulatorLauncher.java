package io.gpm2dv.emulator;

import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;

/**
 * Runs the emulator inside a Quarkus process, configured by the {@code emulator.*} keys. With
 * {@code emulator.enabled=true} (the local profile) it listens on its own {@code emulator.port}, before anything in
 * the application talks to Dataverse; with {@code emulator.standalone=true} (the emulator profile) its routes are
 * mounted on Quarkus's own HTTP server, on {@code quarkus.http.port}. Product code never calls it: it only sees a
 * Dataverse URL.
 */
@ApplicationScoped
public class EmulatorLauncher {
    private static final Logger LOG = Logger.getLogger(EmulatorLauncher.class);

    @Inject
    Config config;

    private DataverseEmulator emulator;

    /** Quarkus fires its router while setting up HTTP, before the server listens and before StartupEvent. */
    void mount(@Observes Router router) {
        if (!flag("emulator.standalone")) {
            return;
        }
        EmulatorOptions options = new EmulatorConfig(key -> config.getOptionalValue(key, String.class)).options();
        emulator = DataverseEmulator.mount(router, options, this::httpPort);
        LOG.infof("Dataverse emulator mounted on the HTTP server: token /<tenant>/oauth2/v2.0/token, Web API "
                + "/api/data/v9.2/, state /emulator/state, reset POST /emulator/reset (users: %s, state file: %s, "
                + "service protection: %s)", describe(options.usersFile()), describe(options.stateFile()),
                options.protection().enabled() ? "on, time scale " + options.protection().timeScale() : "off");
    }

    // runs before the default-priority observers (run on start, readiness) so the target is up first
    void start(@Observes @Priority(1) StartupEvent event) {
        if (!flag("emulator.enabled") || flag("emulator.standalone")) {
            return;
        }
        EmulatorOptions options = new EmulatorConfig(key -> config.getOptionalValue(key, String.class)).options();
        emulator = DataverseEmulator.start(options);
        LOG.infof("Dataverse emulator serving %s (state file: %s)", emulator.baseUrl(), describe(options.stateFile()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (emulator != null) {
            emulator.close();
        }
    }

    private boolean flag(String key) {
        return config.getOptionalValue(key, Boolean.class).orElse(false);
    }

    /** The port Quarkus listens on: it publishes the real one as a system property when asked for port 0. */
    private int httpPort() {
        String actual = System.getProperty("quarkus.http.port");
        if (actual != null && !actual.isBlank() && !actual.trim().equals("0")) {
            return Integer.parseInt(actual.trim());
        }
        return config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    }

    private static String describe(Path p) {
        return p == null ? "none" : p.toString();
    }
}
