package io.gpm2dv.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Run lifecycle settings (prefix {@code migration}). */
@ConfigMapping(prefix = "migration")
public interface MigrationConfig {

    /**
     * Names this practice's migration; seeds every deterministic record id, so it must stay the same for every
     * run and delta of one practice. Default: the manifest's {@code practice_name}.
     */
    Optional<String> id();

    /** Email of the system user who owns records whose practitioner cannot own them. */
    Optional<String> fallbackOwner();

    /** Where {@code reconciliation.json} and the other reports are written. */
    @WithDefault("reports")
    Path reportDir();

    /** {@code none}: wait for an operator; {@code full}: run a full migration as soon as the pipeline is up. */
    @WithDefault("none")
    String runOnStart();

    /** Run once, print the summary, exit 0 only if reconciliation is complete. */
    @WithDefault("false")
    boolean exitAfterRun();

    /** Recorded in the audit log as who ran the migration. */
    @WithDefault("${user.name:unknown}")
    String operator();

    /** Business unit (by name) under which site units are created; default the root unit. */
    Optional<String> parentBusinessUnit();

    /** Longest wait for one object's records to be accounted for before the run is reported as failed. */
    @WithDefault("PT30M")
    Duration phaseTimeout();

    /** A confirmed mapping file replacing the bundled default map. */
    Optional<Path> mappingFile();

    Sink sink();

    Kafka kafka();

    Topics topics();

    /** Topics that are not per object or table. */
    interface Topics {
        @WithDefault("migration.dead-letter")
        String deadLetter();
    }

    /** How the sink treats a child whose parent is not in Dataverse yet. */
    interface Sink {
        /** How long a child waits for its parent before it is dead-lettered. */
        @WithDefault("PT5M")
        Duration parentWait();

        @WithDefault("PT2S")
        Duration parentRetryInterval();

        /** How long a sink poll waits to fill a batch before writing what it has. */
        @WithDefault("500")
        int pollTimeoutMs();
    }

    /** Topic provisioning and consumer groups. */
    interface Kafka {
        /** Partitions of each topic the product creates; pods scale out up to this many consumers per stage. */
        @WithDefault("6")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        /** Prefix of every consumer group id ({@code <prefix>-map-clients}, …). */
        @WithDefault("gpm2dv")
        String groupPrefix();
    }
}
