package io.gpm2dv.emulator;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The fixed ids of the emulated environment: organization, root business unit and the caller (application user). */
public record Identity(UUID organizationId, UUID rootBusinessUnitId, UUID applicationUserId, UUID applicationId) {

    /** Derived from names so that a second process run against the same state file sees the same environment. */
    public static Identity standard() {
        return new Identity(named("organization"), named("businessunit:root"), named("systemuser:application"),
                named("application:gpm2dv"));
    }

    static UUID named(String name) {
        return UUID.nameUUIDFromBytes(("gpm2dv-emulator:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
