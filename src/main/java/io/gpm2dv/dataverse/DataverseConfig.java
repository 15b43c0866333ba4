package io.gpm2dv.dataverse;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Connection, authentication and retry settings for the Dataverse environment (prefix {@code dataverse}). */
@ConfigMapping(prefix = "dataverse")
public interface DataverseConfig {

    /** Environment base URL, e.g. {@code https://contoso.crm6.dynamics.com}; the client appends {@code /api/data/<version>}. */
    String url();

    @WithDefault("v9.2")
    String apiVersion();

    /** OAuth 2.0 token endpoint, e.g. {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}. */
    String tokenUrl();

    /**
     * One application user, or several comma-separated ({@code DATAVERSE_CLIENT_ID=a,b,c}): each has its own token and
     * its own service protection budget, and writes are spread over them.
     */
    String clientId();

    /** One per client id, in the same order. From the environment or a Kubernetes secret, never from the repository. */
    String clientSecret();

    /** How many requests each application user keeps in flight (adaptive; API §7). */
    Concurrency concurrency();

    interface Concurrency {
        /** Requests in flight per user at the start, when Dataverse sends no {@code x-ms-dop-hint}. */
        @WithDefault("4")
        int initial();

        /** Start from Dataverse's {@code x-ms-dop-hint} (read from each user's WhoAmI at run start) when it sends one. */
        @WithDefault("true")
        boolean initialFromHint();

        /** Never more in flight per user than this; Dataverse refuses more than 52. */
        @WithDefault("52")
        int max();

        /** The factor the limit is multiplied by on a 429 (multiplicative decrease); it grows by one per round otherwise. */
        @WithDefault("0.8")
        double decrease();
    }

    /**
     * Each application user's service protection budget as Dataverse documents it (API §7: per user, per web server,
     * over a sliding 5-minute window). Each user paces its requests to it, so a long load runs at the budget's rate
     * instead of into 429s; the 429 handling stays for an environment that allows less.
     */
    Protection protection();

    interface Protection {
        /** The sliding window the limits are counted over. */
        @WithDefault("PT5M")
        Duration window();

        /** Combined execution time allowed per window (a request counts as long as Dataverse took to answer it); 0: off. */
        @WithDefault("PT20M")
        Duration executionTime();

        /** Requests allowed per window; 0: off. */
        @WithDefault("6000")
        int requests();

        /**
         * Near the top of the window (past 80 % of the paced budget), the least time between two request starts of one
         * user, so that a 429 (back within milliseconds) stops the next request before Dataverse lengthens the block
         * for it; 0: off. 50 ms is 20 requests a second, Dataverse's own request rate (6,000 per 5 minutes).
         */
        @WithDefault("PT0.05S")
        Duration spacing();
    }

    /** Records per UpsertMultiple request (Microsoft suggests starting near 1,000 for standard tables). */
    @WithDefault("100")
    int batchSize();

    /** Ids per pre-read query that tells creates from updates (keeps the GET URL short). */
    @WithDefault("50")
    int preReadChunk();

    /** Attempts for a request answered 503 or failing at the network level, before it is given up. */
    @WithDefault("6")
    int maxAttempts();

    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT60S")
    Duration maxBackoff();

    /** Longest total time one request may spend waiting out 429 answers before it is given up. */
    @WithDefault("PT30M")
    Duration throttleMaxWait();

    @WithDefault("PT10S")
    Duration connectTimeout();

    /**
     * Per request; a bulk request of many records can take minutes on a busy environment. Together with a stage's
     * inline waits (two fifths of {@code migration.kafka.max-poll-interval-ms}) it must stay below the poll interval.
     */
    @WithDefault("PT2M")
    Duration requestTimeout();

    /** A cached token is renewed this long before it expires, so it never runs out in the middle of a request. */
    @WithDefault("PT5M")
    Duration tokenRenewBefore();

    /** Overrides the OAuth scope; default {@code <url>/.default}. */
    Optional<String> scope();
}
