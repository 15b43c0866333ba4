package io.gpm2dv.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Between a stage's Kafka consumer and the stage: hands the stage only what it may handle now, commits offsets
 * only over finished work, and pauses the stage instead of blocking its poll thread. Every stage route polls in
 * batches with manual commits and calls, on the poll thread: {@link #admit} (the batch as {@link StageBatch}),
 * the stage, then {@link #settle} (commit per partition up to the first delivery that waits; if any waits, pause)
 * or, when the route failed, {@link #fail} (nothing committed; pause).
 * <p>
 * A pause holds the route until a deadline: each of its Kafka consumers pauses its partitions (it keeps polling, so
 * the group never evicts it, whatever the wait, but gets no records), and each partition is sought back to its next
 * unfinished offset. When the deadline has passed the consumer resumes there and the waiting deliveries come again;
 * work that was finished after them is recognised by the stage (the sink's ledger knows each record's fate) and not
 * repeated. Every pause and resume happens on the consumer's own poll thread ({@link #afterPoll}, called after each
 * poll by {@link StagePollHook}); only the deadline crosses threads. Camel's route suspend/resume is not used: it
 * hands the request to the poll thread through a state that a resume arriving while the poll thread applies the
 * pause overwrites, and the partitions then stay paused for good.
 */
@ApplicationScoped
@Named("stageGate")
public class StageGate {
    private static final Logger LOG = Logger.getLogger(StageGate.class);
    /** The shortest pause for throttling: a stage polled again at once would only find the budget still spent. */
    private static final Duration THROTTLED_AT_LEAST = Duration.ofMillis(250);

    @Inject
    MigrationConfig config;

    @Inject
    DependencyWatch watch;

    @Inject
    MeterRegistry metrics;

    private final Map<org.apache.kafka.clients.consumer.Consumer<?, ?>, PartitionCursors> cursors =
            Collections.synchronizedMap(new WeakHashMap<>());
    /** Each Kafka consumer's route, known from its first batch on (a consumer never handed a batch never paused). */
    private final Map<org.apache.kafka.clients.consumer.Consumer<?, ?>, String> routeOf =
            Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    /** route → the longest a batch has kept its poll thread (nanoseconds), since start. */
    private final Map<String, Long> longest = new ConcurrentHashMap<>();

    /** A route's pause: until when it holds, and how many pauses in a row the route has taken (for the back-off). */
    private static final class Hold {
        /** {@link System#nanoTime()} at which the pause ends; null before the first pause. */
        volatile Long until;
        int consecutive;

        boolean active() {
            Long u = until;
            return u != null && u - System.nanoTime() > 0;
        }
    }

    /** The poll batch in the body ({@code List<Exchange>}) as the deliveries the stage may take now. */
    public StageBatch admit(Exchange batchExchange) {
        PollBatch.started(batchExchange);
        List<Exchange> records = PollBatch.records(batchExchange);
        String route = batchExchange.getFromRouteId();
        if (records.isEmpty()) {
            return PollBatch.handed(batchExchange, new StageBatch(List.of()), Map.of());
        }
        org.apache.kafka.clients.consumer.Consumer<?, ?> consumer = PollBatch.kafkaConsumer(records.get(0));
        PartitionCursors cursor = cursors.computeIfAbsent(consumer, c -> new PartitionCursors());
        routeOf.putIfAbsent(consumer, route);
        if (cursor.generation(consumer.groupMetadata().generationId())) {
            metrics.counter("gpm2dv.kafka.rebalances", "route", route).increment();
            LOG.infof("%s: partitions were reassigned; continuing from the committed offsets", route);
        }
        Set<TopicPartition> assigned = consumer.assignment();
        List<PartitionCursors.Position> positions = new ArrayList<>();
        Map<PartitionCursors.Position, Exchange> byPosition = new HashMap<>();
        for (Exchange e : records) {
            PartitionCursors.Position p = PollBatch.position(e);
            if (!assigned.contains(p.partition())) {
                continue; // fetched before the partition moved to another member: it is theirs now
            }
            if (!cursor.knows(p.partition())) {
                start(consumer, cursor, p);
            }
            positions.add(p);
            byPosition.put(p, e);
        }
        Hold hold = holds.get(route);
        if (hold != null && hold.active()) {
            // fetched before the pause took effect; the resume fetches them again from the next unfinished offsets
            // (this consumer's own: with several consumers on the route, the pause sought only the one that paused)
            seekToUnfinished(consumer, cursor);
            return PollBatch.handed(batchExchange, new StageBatch(List.of()), Map.of());
        }
        PartitionCursors.Admission admission = cursor.admit(positions);
        if (admission.duplicates() > 0) {
            metrics.counter("gpm2dv.stage.duplicates", "route", route).increment(admission.duplicates());
        }
        if (!admission.gaps().isEmpty()) {
            LOG.debugf("%s: records beyond the next unfinished offset of %s; refetching", route, admission.gaps());
            pause(route, consumer, cursor, Duration.ZERO);
        }
        Map<Delivery, PartitionCursors.Position> deliveries = new LinkedHashMap<>();
        for (PartitionCursors.Position p : admission.admitted()) {
            deliveries.put(PollBatch.delivery(byPosition.get(p)), p);
        }
        return PollBatch.handed(batchExchange, new StageBatch(new ArrayList<>(deliveries.keySet())), deliveries);
    }

    /** After the stage and its outputs: commits finished work, and pauses when something waits. */
    public void settle(Exchange batchExchange) {
        timeOnPollThread(batchExchange);
        StageBatch batch = PollBatch.handed(batchExchange);
        if (batch == null || batch.isEmpty()) {
            return;
        }
        String route = batchExchange.getFromRouteId();
        org.apache.kafka.clients.consumer.Consumer<?, ?> consumer = PollBatch.kafkaConsumer(PollBatch.records(batchExchange).get(0));
        PartitionCursors cursor = cursors.get(consumer);
        Map<Delivery, PartitionCursors.Position> positions = PollBatch.positions(batchExchange);
        Map<PartitionCursors.Position, Delivery> deliveryAt = new HashMap<>();
        positions.forEach((d, p) -> deliveryAt.put(p, d));
        Map<TopicPartition, Long> commit = cursor.toCommit(new ArrayList<>(positions.values()),
                p -> batch.isDone(deliveryAt.get(p)));
        commit(route, consumer, cursor, commit);
        var retry = batch.soonestRetry();
        if (retry.isPresent()) {
            StageBatch.Cause cause = batch.waitingOn().orElseThrow();
            if (cause == StageBatch.Cause.PARENT) {
                watch.up(route); // Dataverse answered; only a parent is late
            } else {
                watch.down(route, cause);
            }
            metrics.counter("gpm2dv.stage.holds", "route", route, "cause", cause.name().toLowerCase()).increment();
            pause(route, consumer, cursor, backoff(route, retry.get()));
        } else {
            Hold hold = holds.get(route);
            if (hold != null) {
                hold.consecutive = 0;
            }
            watch.up(route);
        }
    }

    /** The route failed after admitting the batch (e.g. Kafka did not take an output): nothing is committed; pause. */
    public void fail(Exchange batchExchange) {
        timeOnPollThread(batchExchange);
        Exception e = batchExchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String route = batchExchange.getFromRouteId();
        StageBatch.Cause cause = causeOf(e);
        if (cause == StageBatch.Cause.DEFECT) {
            LOG.errorf("%s: unexpected failure (%s); the batch is held and tried again", route, SafeText.of(e));
        } else {
            LOG.warnf("%s: %s; the batch is held and tried again", route, SafeText.of(e));
        }
        watch.down(route, cause);
        metrics.counter("gpm2dv.stage.holds", "route", route, "cause", cause.name().toLowerCase()).increment();
        List<Exchange> records = PollBatch.records(batchExchange);
        if (records.isEmpty()) {
            return;
        }
        org.apache.kafka.clients.consumer.Consumer<?, ?> consumer = PollBatch.kafkaConsumer(records.get(0));
        PartitionCursors cursor = cursors.computeIfAbsent(consumer, c -> new PartitionCursors());
        routeOf.putIfAbsent(consumer, route);
        pause(route, consumer, cursor, backoff(route, new StageBatch.Retry(retryAfterOf(e), cause)));
    }

    /** The longest a batch of {@code route} has kept the poll thread since start: what a stage's waits cost the consumer. */
    public Duration longestBatch(String route) {
        return Duration.ofNanos(longest.getOrDefault(route, 0L));
    }

    private void timeOnPollThread(Exchange batchExchange) {
        Long nanos = PollBatch.elapsed(batchExchange);
        if (nanos != null) {
            String route = batchExchange.getFromRouteId();
            longest.merge(route, nanos, Math::max);
            metrics.timer("gpm2dv.stage.batch", "route", route).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Classifies a failure that escaped a stage: which dependency failed, or a defect. */
    private static StageBatch.Cause causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DependencyFailure d && d.dependency() != null) {
                return d.dependency();
            }
            if (t instanceof org.apache.kafka.common.KafkaException || t instanceof java.util.concurrent.TimeoutException) {
                return StageBatch.Cause.KAFKA;
            }
        }
        return StageBatch.Cause.DEFECT;
    }

    private static Duration retryAfterOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DependencyFailure d && d.retryAfter() != null) {
                return d.retryAfter();
            }
        }
        return Duration.ZERO;
    }

    /**
     * The wait before the next attempt: what was asked, but at least the route's exponential back-off. Not for
     * throttling: Dataverse's {@code Retry-After} (or the application users' own, when no user had room within the
     * inline wait) says when the budget has room again, and a stage that backed off beyond it would leave the budget
     * it frees unused (measured: the window drained from 95 % to 28 % while every sink sat out a back-off). It still
     * counts as the route waiting on a dependency (a parent's wait stops meanwhile, as in an outage).
     */
    private Duration backoff(String route, StageBatch.Retry retry) {
        Hold hold = holds.computeIfAbsent(route, r -> new Hold());
        Duration wait = pauseFor(retry, hold.consecutive, config.stage().retryInitial(), config.stage().retryMax());
        if (grows(retry.cause())) {
            hold.consecutive++;
        }
        return wait;
    }

    /** The pause for {@code retry} after {@code inARow} pauses of the route in a row (see {@link #backoff}). */
    static Duration pauseFor(StageBatch.Retry retry, int inARow, Duration initial, Duration max) {
        if (retry.cause() == StageBatch.Cause.PARENT) {
            return retry.after();
        }
        if (retry.cause() == StageBatch.Cause.THROTTLED) {
            return retry.after().compareTo(THROTTLED_AT_LEAST) > 0 ? retry.after() : THROTTLED_AT_LEAST;
        }
        long millis = Math.min(initial.toMillis() << Math.min(inARow, 16), max.toMillis());
        Duration exponential = Duration.ofMillis(millis);
        return retry.after().compareTo(exponential) > 0 ? retry.after() : exponential;
    }

    /** Whether a pause for {@code cause} lengthens the next one (an outage does; a parent or the budget does not). */
    private static boolean grows(StageBatch.Cause cause) {
        return cause != StageBatch.Cause.PARENT && cause != StageBatch.Cause.THROTTLED;
    }

    /**
     * Holds the route for {@code wait} (a hold under way is not lengthened): this consumer's partitions go back to
     * their next unfinished offsets and pause now; the route's other consumers join after their next poll.
     */
    private void pause(String route, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, PartitionCursors cursor,
            Duration wait) {
        seekToUnfinished(consumer, cursor);
        Hold hold = holds.computeIfAbsent(route, r -> new Hold());
        synchronized (hold) {
            if (!hold.active()) {
                hold.until = System.nanoTime() + wait.toNanos();
                LOG.debugf("%s paused for %d ms", route, wait.toMillis());
            }
        }
        if (hold.active()) {
            consumer.pause(consumer.assignment());
        }
    }

    /**
     * On {@code consumer}'s poll thread, after each of its polls: while its route is held, its partitions are paused
     * (also those assigned since the hold began); once the hold is over they resume from their next unfinished
     * offsets. A resume therefore comes at most one poll timeout after the deadline.
     */
    void afterPoll(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
        String route = routeOf.get(consumer);
        if (route == null) {
            return;
        }
        Hold hold = holds.get(route);
        Set<TopicPartition> paused = consumer.paused();
        if (hold != null && hold.active()) {
            Set<TopicPartition> assigned = consumer.assignment();
            if (!paused.containsAll(assigned)) {
                consumer.pause(assigned);
            }
        } else if (!paused.isEmpty()) {
            PartitionCursors cursor = cursors.get(consumer);
            if (cursor != null) {
                seekToUnfinished(consumer, cursor);
            }
            consumer.resume(paused);
        }
    }

    /** Puts each of the consumer's partitions back at its next unfinished offset, so what follows is fetched again. */
    private static void seekToUnfinished(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, PartitionCursors cursor) {
        Set<TopicPartition> assigned = consumer.assignment();
        cursor.all().forEach((p, offset) -> {
            if (assigned.contains(p)) {
                consumer.seek(p, offset);
            }
        });
    }

    private void commit(String route, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, PartitionCursors cursor,
            Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(p, new OffsetAndMetadata(o)));
        try {
            consumer.commitSync(commit, config.kafka().commitTimeout());
            cursor.committed(offsets);
        } catch (RuntimeException failed) {
            // e.g. the partitions moved to another member: it starts from the last committed offset, and the work
            // done since is recognised there (the sink's ledger knows each record's fate), never written twice
            metrics.counter("gpm2dv.kafka.commit.failures", "route", route).increment();
            LOG.warnf("%s: offset commit failed (%s); the work is redelivered and recognised as done", route,
                    failed.getClass().getSimpleName());
            cursor.forget();
        }
    }

    /** A partition seen for the first time starts at its committed offset; one never committed is anchored at its first record. */
    private void start(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, PartitionCursors cursor,
            PartitionCursors.Position first) {
        OffsetAndMetadata committed = consumer.committed(Set.of(first.partition()), config.kafka().commitTimeout())
                .get(first.partition());
        if (committed == null) {
            // so that a resume (which seeks to committed offsets) finds this partition's place
            consumer.commitSync(Map.of(first.partition(), new OffsetAndMetadata(first.offset())), config.kafka().commitTimeout());
            cursor.start(first.partition(), first.offset());
        } else {
            cursor.start(first.partition(), committed.offset());
        }
    }

}
