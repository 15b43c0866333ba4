package io.gpm2dv.kafka;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.pipeline.MigrationConfig;

/**
 * Re-runs one stage of one object from its input topic: stops the stage's routes, moves their consumer groups'
 * committed offsets back (to the beginning, to an offset, or to the first message at or after an instant), and starts
 * the routes again. The stages recognise what comes again (a run that ended is dropped; a record whose fate the
 * ledger holds is not written twice), so a replay over a finished run changes nothing in Dataverse.
 */
@ApplicationScoped
@Named("stageReplay")
public class StageReplay {
    private static final Logger LOG = Logger.getLogger(StageReplay.class);
    /** How long the stopped consumers may take to leave their group before the reset gives up. */
    private static final Duration LEAVE = Duration.ofSeconds(30);

    /** A stage that reads a topic of its own per object or table. */
    public enum Stage {
        MAP, OWNER, SINK;

        public static Optional<Stage> of(String name) {
            for (Stage s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One consumer of the stage: its Camel route, its consumer group and the topic it reads. */
    public record StageConsumer(String routeId, String groupId, String topic) {
    }

    /** Where the replay starts on every partition. */
    public sealed interface From permits Beginning, AtOffset, AtInstant {
        /** {@code beginning}, a non-negative offset, or an ISO-8601 instant ({@code 2026-11-23T10:00:00Z}). */
        static From parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("'from' is required: beginning, an offset or an ISO instant");
            }
            String t = text.trim();
            if ("beginning".equalsIgnoreCase(t)) {
                return new Beginning();
            }
            if (t.chars().allMatch(Character::isDigit)) {
                try {
                    return new AtOffset(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'from' offset is out of range");
                }
            }
            try {
                return new AtInstant(Instant.parse(t));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'from' must be beginning, an offset or an ISO instant such as"
                        + " 2026-11-23T10:00:00Z");
            }
        }
    }

    /** The log start of every partition (what retention has kept). */
    public record Beginning() implements From {
    }

    /** The same offset on every partition, kept within what the partition holds. */
    public record AtOffset(long offset) implements From {
    }

    /** The first message at or after the instant, per partition (its end when none is). */
    public record AtInstant(Instant instant) implements From {
    }

    /** Stops and starts the stage's routes; the Camel side of a replay. */
    public interface Routes {
        void stop(String routeId) throws Exception;

        void start(String routeId) throws Exception;
    }

    /** What was reset: per group, partition → the offset the group now resumes from. */
    public record Result(Map<String, Map<Integer, Long>> offsets) {
        public List<String> groups() {
            return List.copyOf(offsets.keySet());
        }

        public int partitions() {
            return offsets.values().stream().mapToInt(Map::size).sum();
        }
    }

    /** The replay could not reset a group: its consumers elsewhere (another pod) did not leave. */
    public static final class GroupBusyException extends RuntimeException {
        public GroupBusyException(String message) {
            super(message);
        }
    }

    @Inject
    KafkaClients clients;

    @Inject
    MigrationConfig config;

    /** The consumers of {@code stage} for {@code object} under this configuration's group prefix. */
    public List<StageConsumer> consumers(MappingSpec spec, Stage stage, String object) {
        return consumers(spec, stage, object, config.kafka().groupPrefix());
    }

    /**
     * The consumers of {@code stage} for {@code object}: the map stage reads the object's topic; owner and sink read
     * one topic per table the object feeds (a table another object feeds too, such as {@code annotation}, replays all
     * of its messages). Names as in {@code routes/map.yaml}, {@code owner.yaml} and {@code sink.yaml}.
     */
    public static List<StageConsumer> consumers(MappingSpec spec, Stage stage, String object, String groupPrefix) {
        MappingSpec.ObjectMap om = spec.get(object);
        List<StageConsumer> out = new ArrayList<>();
        if (stage == Stage.MAP) {
            out.add(new StageConsumer("map-" + om.object(), groupPrefix + "-map-" + om.object(),
                    "gpm." + om.object() + ".extracted"));
            return out;
        }
        for (String table : PipelineTopics.tables(om)) {
            if (stage == Stage.OWNER) {
                out.add(new StageConsumer("owner-" + table, groupPrefix + "-owner-" + table, "dv." + table + ".mapped"));
            } else {
                out.add(new StageConsumer("dv-sink-" + table, groupPrefix + "-sink-" + table, "dv." + table + ".ready"));
            }
        }
        return out;
    }

    /**
     * Stops every route of {@code consumers}, resets each group's offsets on every partition of its topic, and starts
     * the routes again, whatever happened in between (a stage is never left stopped by a failed reset).
     */
    public Result replay(List<StageConsumer> consumers, From from, Routes routes) throws Exception {
        List<String> stopped = new ArrayList<>();
        try {
            for (StageConsumer c : consumers) {
                routes.stop(c.routeId());
                stopped.add(c.routeId());
            }
            Map<String, Map<Integer, Long>> offsets = new LinkedHashMap<>();
            try (Admin admin = clients.admin(10_000, 30_000)) {
                for (StageConsumer c : consumers) {
                    Map<TopicPartition, Long> target = targets(admin, c.topic(), from);
                    reset(admin, c.groupId(), target);
                    Map<Integer, Long> byPartition = new TreeMap<>();
                    target.forEach((p, o) -> byPartition.put(p.partition(), o));
                    offsets.put(c.groupId(), byPartition);
                    LOG.infof("Replay: group %s of %s reset to %s", c.groupId(), c.topic(), byPartition);
                }
            }
            return new Result(offsets);
        } finally {
            Exception failed = null;
            for (String route : stopped) {
                try {
                    routes.start(route);
                } catch (Exception e) {
                    LOG.errorf("Replay: route %s could not be started again: %s", route, e.toString());
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** Per partition of {@code topic}, the offset {@code from} means there, within the partition's log. */
    static Map<TopicPartition, Long> targets(Admin admin, String topic, From from) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        List<TopicPartition> partitions = d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        if (from instanceof AtOffset o) {
            partitions.forEach(p -> out.put(p, clamp(o.offset(), earliest.get(p), latest.get(p))));
        } else if (from instanceof AtInstant i) {
            Map<TopicPartition, Long> at = offsets(admin, partitions, OffsetSpec.forTimestamp(i.instant().toEpochMilli()));
            // no message at or after the instant: nothing to replay on that partition, it resumes at its end
            partitions.forEach(p -> out.put(p, at.get(p) < 0 ? latest.get(p) : clamp(at.get(p), earliest.get(p), latest.get(p))));
        } else {
            partitions.forEach(p -> out.put(p, earliest.get(p)));
        }
        return out;
    }

    static long clamp(long offset, long earliest, long latest) {
        return Math.max(earliest, Math.min(offset, latest));
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        partitions.forEach(p -> ask.put(p, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(ask).all()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        info.forEach((p, i) -> out.put(p, i.offset()));
        return out;
    }

    /**
     * Commits {@code offsets} for the group. Kafka takes a reset only from an empty group: waits until the stopped
     * consumers have left; a member still there after {@link #LEAVE} (another pod's) makes the reset fail.
     */
    static void reset(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(p, new OffsetAndMetadata(o)));
        long deadline = System.nanoTime() + LEAVE.toNanos();
        while (true) {
            int members = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(30, TimeUnit.SECONDS).members().size();
            if (members == 0) {
                try {
                    admin.alterConsumerGroupOffsets(group, commit).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    // a member joined between the look and the reset (Kafka refuses resets of an active group)
                    if (System.nanoTime() > deadline) {
                        throw new GroupBusyException("consumer group " + group + " could not be reset: "
                                + e.getCause().getClass().getSimpleName());
                    }
                }
            } else if (System.nanoTime() > deadline) {
                throw new GroupBusyException("consumer group " + group + " still has " + members + " member(s) after its"
                        + " routes here stopped: stop that stage in every other pod (scale to one) and replay again");
            }
            Thread.sleep(200);
        }
    }
}
