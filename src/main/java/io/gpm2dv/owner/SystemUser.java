package io.gpm2dv.owner;

import java.util.UUID;

/** A Dataverse system user as owner resolution sees it. */
public record SystemUser(UUID id, String email, boolean disabled, boolean applicationUser) {
}
