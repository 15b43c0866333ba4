package io.gpm2dv.pipeline;

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

    /**
     * Where the export index maps its per-row structures out of the heap (default {@code java.io.tmpdir}). Read by
     * {@code source.OffHeap} through the config API, since the index is built outside CDI; declared here so the key
     * is known and documented with the others.
     */
    Optional<Path> indexDir();

    /** {@code none}: wait for an operator; {@code full}: run a full migration as soon as the pipeline is up. */
    @WithDefault("none")
    String runOnStart();

    /** {@code migration.run-on-start=rollback}: the run to roll back, by number or id. */
    Optional<String> rollbackRun();

    /** {@code migration.run-on-start=retry}: the run whose dead letters to retry, by number or id. */
    Optional<String> retryRun();

    /** How often the console (and the log) says where a long object stands: rows done, rate, time left. */
    @WithDefault("PT10S")
    Duration progressInterval();

    /** Run once, print the summary, exit 0 only if reconciliation is complete. */
    @WithDefault("false")
    boolean exitAfterRun();

    /** Recorded in the audit log as who ran the migration. */
    @WithDefault("${user.name:unknown}")
    String operator();

    /** Business unit (by name) under which site units are created; default the root unit. */
    Optional<String> parentBusinessUnit();

    /**
     * Longest time an object may go without one more record reaching its fate while no dependency is in an outage;
     * after that the run ends FAILED (a stall, e.g. a record nothing will ever finish).
     */
    @WithDefault("PT30M")
    Duration phaseTimeout();

    /**
     * How long a run waits for a dependency that stops answering (Dataverse outage or throttling beyond the
     * budget, token endpoint, ledger database, Kafka) before it ends FAILED. Meanwhile the stages pause and resume
     * by themselves; nothing is dead-lettered or committed while they wait.
     */
    @WithDefault("PT30M")
    Duration outageTolerance();

    /** A mapping file replacing the bundled default map (a map uploaded through the operator API replaces both). */
    Optional<Path> mappingFile();

    /**
     * Headless confirmation: the SHA-256 of the bytes of the map in force (the bundled default map, or
     * {@code migration.mapping-file}). A run with any other map in force is refused (exit 2).
     */
    Optional<String> confirmedMappingSha256();

    /** Local profile only: the bundled default map counts as confirmed by the operator who runs the local command. */
    @WithDefault("false")
    boolean confirmBundledMap();

    /** The operator API's bearer key ({@code MIGRATION_API_KEY}); without it and without OIDC the API refuses every call. */
    Optional<String> apiKey();

    Sink sink();

    /** The schema step: the schema plan written at every run start, the check before a run, applying the plan. */
    Schema schema();

    interface Schema {
        /**
         * Create what the target lacks of the schema plan before the run starts (and, with
         * {@code migration.run-on-start=schema}, the whole one-shot job). Off in production: a person reviews
         * {@code schema-plan.md} first; on in the {@code local} profile.
         */
        @WithDefault("false")
        boolean apply();

        /** Unmanaged solution the created items go into ({@code MSCRM.SolutionUniqueName}); none: the default solution. */
        Optional<String> solution();

        /** How long the apply waits for a new alternate key to become Active. */
        @WithDefault("PT10M")
        Duration keyTimeout();

        /** How often the apply polls a building alternate key. */
        @WithDefault("PT2S")
        Duration keyPoll();
    }

    Stage stage();

    Kafka kafka();

    Topics topics();

    Documents documents();

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

        /**
         * Records a sink takes per poll; they go as {@code dataverse.batch-size} records per request, all requests at
         * once (within each application user's adaptive limit), so this over the batch size is a table's most requests
         * in flight. Every one is confirmed before the poll's offsets are committed.
         */
        @WithDefault("1000")
        int maxPollRecords();

        /**
         * Kafka consumers per sink (Camel {@code consumersCount}), each with its own partitions of the table's topic and
         * its own poll in progress, so one poll's slowest request does not hold the table's next records back. A
         * record's writes stay in order: its key keeps it on one partition, and a partition has one consumer. With one,
         * a table on the critical path (appointments) ran at half the rate the budget gave it, each poll waiting for
         * the slowest request of the last (README, Benchmark). The consumers of a route join their group one after
         * another at start, each join a rebalance before any record is written; a production broker delays the first
         * rebalance of an empty group (3 s) so they usually join as one. More consumers than the topic's partitions
         * (across every pod) sit idle.
         */
        @WithDefault("3")
        int consumers();

        /**
         * Whether a table that held no row at all when the run first wrote to it is trusted to hold only the run's
         * records: a record the run has no before-image of is then written as new without a read (a first load into a
         * fresh organisation reads nothing). Off: every batch reads which of its records exist first.
         */
        @WithDefault("true")
        boolean trustEmptyTables();
    }

    /** How stages wait: the back-off of a paused stage. */
    interface Stage {
        /** First pause after a dependency failure; doubles with each failure in a row. */
        @WithDefault("PT1S")
        Duration retryInitial();

        /** Longest pause between two attempts while a dependency stays down. */
        @WithDefault("PT30S")
        Duration retryMax();

        /** Messages per Kafka poll of the map, owner and dead-letter stages. */
        @WithDefault("100")
        int batchSize();

        /** How long those stages' polls wait to fill a batch before handing on what they have. */
        @WithDefault("200")
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

        /**
         * Kafka's {@code max.poll.interval.ms} for every stage consumer. A stage never waits inline for more than a
         * fifth of it to start its requests (see {@link #inlineWait()}) and another to finish those whose read has
         * answered; longer waits pause the consumer instead.
         */
        @WithDefault("300000")
        int maxPollIntervalMs();

        /** How long a stage may wait inline (503 back-off, 429 Retry-After) before it pauses instead: a fifth of the poll interval. */
        default Duration inlineWait() {
            return Duration.ofMillis(maxPollIntervalMs() / 5);
        }

        /** How long an offset commit or committed-offset lookup may take. */
        @WithDefault("PT30S")
        Duration commitTimeout();

        /** {@code retention.ms} of the topics the product creates (and of existing ones, which are altered to it). */
        @WithDefault("P14D")
        Duration retention();

        /**
         * Largest message a stage may publish ({@code max.message.bytes} of the product's topics and the producer's
         * {@code max.request.size}): a row may carry a 16 MiB note. Documents travel as references, never as bytes.
         */
        @WithDefault("41943040")
        int maxMessageBytes();
    }

    /** Documents and attached files. */
    interface Documents {
        /** Files larger than this go through the block-upload messages instead of one request (API §12.4). */
        @WithDefault("4194304")
        int blockThreshold();

        /** Bytes per {@code UploadBlock} (Dataverse takes at most 4 MB per block). */
        @WithDefault("4194304")
        int blockSize();

        /**
         * Files a sink uploads at once. Each holds at most one block (or one file up to the threshold) in memory, as
         * bytes and as base64, so this bounds the memory uploads take; the application users' limits still decide how
         * many requests are in flight.
         */
        @WithDefault("8")
        int uploadsAtOnce();

        /**
         * A new record whose file is at most this many bytes shares an {@code UpsertMultiple} with other new records of
         * its table instead of a request of its own (0: every file alone). A request costs Dataverse a base time
         * whatever it carries, so letters and forms of a few kilobytes, written one by one, spent most of their budget
         * on that base.
         */
        @WithDefault("1048576")
        int togetherFileLimit();

        /**
         * Bytes of files in one such bulk request, at most; it is also the file content one upload task holds (as
         * bytes and base64) while it sends it.
         */
        @WithDefault("4194304")
        int togetherRequestBytes();
    }
}
