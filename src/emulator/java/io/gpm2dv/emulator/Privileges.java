package io.gpm2dv.emulator;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The privileges callers hold, as far as the emulator checks them: every caller holds every privilege unless a
 * test (or an operator through {@link DataverseEmulator#privileges()}) revokes one, e.g.
 * {@code prvOverrideCreatedOnCreatedBy} for the application user (API §10, §17 line 27). Reset with the store.
 */
public final class Privileges {
    public static final String OVERRIDE_CREATED_ON = "prvOverrideCreatedOnCreatedBy";

    private final Set<String> revoked = new HashSet<>();

    public synchronized void revoke(UUID user, String privilege) {
        revoked.add(user + "/" + privilege);
    }

    public synchronized void grant(UUID user, String privilege) {
        revoked.remove(user + "/" + privilege);
    }

    public synchronized boolean holds(UUID user, String privilege) {
        return !revoked.contains(user + "/" + privilege);
    }

    synchronized void reset() {
        revoked.clear();
    }

    /** PrivilegeDenied, as Dataverse reports a missing privilege of the caller (403). */
    static ApiError denied(String privilege) {
        return new ApiError(403, ApiError.PRIVILEGE_DENIED, "The user does not hold the necessary privileges. "
                + "Missing privilege: " + privilege + ".");
    }
}
