package io.gpm2dv.dataverse;

import java.time.Instant;

/**
 * One Dataverse application user (an Entra ID app registration with its own client id and secret): its own token and
 * its own service protection budget, so it has its own {@link ConcurrencyLimit}. The secret never leaves this class
 * except in the token request.
 */
public final class ApplicationUser {
    private final int number;
    private final int of;
    private final String clientId;
    private final String secret;
    final ConcurrencyLimit limit;
    String token;
    Instant tokenExpires;

    ApplicationUser(int number, int of, String clientId, String secret, ConcurrencyLimit limit) {
        this.number = number;
        this.of = of;
        this.clientId = clientId;
        this.secret = secret;
        this.limit = limit;
    }

    public String clientId() {
        return clientId;
    }

    String secret() {
        return secret;
    }

    /** How an operator recognises it in a message: "application user 2 of 3 (client id 'b')". */
    public String describe() {
        return "application user " + number + " of " + of + " (client id '" + clientId + "')";
    }

    @Override
    public String toString() {
        return describe();
    }
}
