package io.gpm2dv.emulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The fixed ids of the emulated environment: organization, root business unit and the caller (application user). */
public record Identity(UUID organizationId, UUID rootBusinessUnitId, UUID applicationUserId, UUID applicationId) {

    /** Derived from names so that a second process run against the same state file sees the same environment. */
    public static Identity standard() {
        return new Identity(named("organization"), named("businessunit:root"), named("systemuser:application"),
                named("application:gpm2dv"));
    }

    /**
     * The systemuser a token's client id acts as: the application user, except for a registered client after the
     * first ({@code clients}, in order), which has an application user of its own ({@link #extraApplicationUser}).
     */
    UUID applicationUserOf(String clientId, List<String> clients) {
        int at = clients.indexOf(clientId);
        return at > 0 ? extraApplicationUser(clientId) : applicationUserId;
    }

    /** The application user of a further registered client (each app registration has one in Dataverse). */
    static UUID extraApplicationUser(String clientId) {
        return named("systemuser:application:" + clientId);
    }

    /** The {@code applicationid} of a further registered client's application user. */
    static UUID extraApplication(String clientId) {
        return named("application:" + clientId);
    }

    static UUID named(String name) {
        return UUID.nameUUIDFromBytes(("gpm2dv-emulator:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
