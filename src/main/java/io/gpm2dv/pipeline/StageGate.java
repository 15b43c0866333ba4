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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceHelper;
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
 * A pause suspends the route's consumer: it keeps polling (so the group never evicts it, whatever the wait) but
 * gets no records, and each partition is sought back to its next unfinished offset. When the wait is over the
 * consumer resumes from the committed offsets and the waiting deliveries come again; work that was finished
 * after them is recognised by the stage (the sink's ledger knows each record's fate) and not repeated.
 */
@ApplicationScoped
@Named("stageGate")
public class StageGate {
    private static final Logger LOG = Logger.getLogger(StageGate.class);
    /** The shortest pause for throttling: a stage polled again at once would only find the budget still spent. */
    private static final Duration THROTTLED_AT_LEAST = Duration.ofMillis(250);

    @Inject
    CamelContext camel;

    @Inject
    MigrationConfig config;

    @Inject
    DependencyWatch watch;

    @Inject
    MeterRegistry metrics;

    private final Map<org.apache.kafka.clients.consumer.Consumer<?, ?>, PartitionCursors> cursors =
            Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    /** route → the longest a batch has kept its poll thread (nanoseconds), since start. */
    private final Map<String, Long> longest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gpm2dv-stage-resume");
        t.setDaemon(true);
        return t;
    });

    /** A route's pause: whether it is on, and how many pauses in a row it has taken (for the back-off). */
    private static final class Hold {
        boolean paused;
        int consecutive;
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
        if (hold != null && hold.paused) {
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
     * Pauses the route for {@code wait}: every partition goes back to its next unfinished offset, the consumer is
     * suspended (it polls on, without records) and resumed by a timer.
     */
    private void pause(String route, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, PartitionCursors cursor,
            Duration wait) {
        seekToUnfinished(consumer, cursor);
        Hold hold = holds.computeIfAbsent(route, r -> new Hold());
        synchronized (hold) {
            if (hold.paused) {
                return;
            }
            hold.paused = true;
        }
        Consumer routeConsumer = routeConsumer(route);
        ServiceHelper.suspendService(routeConsumer);
        LOG.debugf("%s paused for %d ms", route, wait.toMillis());
        timer.schedule(() -> {
            synchronized (hold) {
                hold.paused = false;
            }
            ServiceHelper.resumeService(routeConsumer);
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
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

    private Consumer routeConsumer(String route) {
        Route r = camel.getRoute(route);
        if (r == null) {
            throw new IllegalStateException("no route " + route);
        }
        return r.getConsumer();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
