package io.gpm2dv.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.FateSignal;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.kafka.KafkaProbe;
import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.ObjectDependencies;
import io.gpm2dv.mapping.RecordMapper;
import io.gpm2dv.sink.InvoiceClosing;
import io.gpm2dv.source.ExportSource;
import io.gpm2dv.pipeline.DependencyWatch;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.pipeline.PipelineHeaders;
import io.gpm2dv.pipeline.WritePriorities;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.pipeline.StageBatch;

/**
 * Loads a run's objects as their parents allow: an object's extract starts once every object it waits for
 * ({@link ObjectDependencies}) is accounted for, so objects that do not refer to each other are in progress together.
 * Waits wake when the ledger records fates ({@link FateSignal}), not on a timer. A wait gives up when a stage's
 * dependency has been down longer than the outage tolerance, or when an object in progress moved nothing for the
 * phase timeout while no dependency was down.
 */
@ApplicationScoped
public class ObjectLoader {
    private static final Logger LOG = Logger.getLogger(ObjectLoader.class);
    /** The longest a wait sleeps without a signal: outages, stalls and progress are judged at least this often. */
    private static final Duration LOOK = Duration.ofSeconds(1);
    /** The dead-letter stage's progress is its consumer lag, which no ledger signal reports. */
    private static final Duration LAG_LOOK = Duration.ofMillis(250);
    private static final AtomicInteger THREADS = new AtomicInteger();

    @Inject
    ProducerTemplate producer;

    @Inject
    RecordFates fates;

    @Inject
    FateSignal signal;

    @Inject
    DependencyWatch watch;

    @Inject
    MigrationConfig config;

    @Inject
    KafkaProbe kafka;

    @Inject
    RunProgress progress;

    @Inject
    ExportSource exportSource;

    @Inject
    WritePriorities priorities;

    /** Where a wait stands: finished or not, how much is done (grows as work finishes), and of how much (-1: unknown). */
    private record Step(boolean finished, long done, long total) {
    }

    /** One object in progress: its extract (or the closing of its deferred states), and what the ledger said of it when last read. */
    private static final class InProgress {
        final String name;
        /** What the task is, for its failure: "the extract of invoices", "closing invoices". */
        final String task;
        /** The object's map, when its end is reported with a done line. */
        final MappingSpec.ObjectMap object;
        final Future<?> extract;
        final Instant began = Instant.now();
        /** When the extract had sent every row (the phase timeout counts from there), null before. */
        Instant extracted;
        Instant lastMove;
        Instant lastRead = Instant.MIN;
        long version = -1;
        Step step = new Step(false, Long.MIN_VALUE, -1);
        /** The closing of an object's deferred states rather than an object's records: no done line, no row counts. */
        final boolean closing;

        InProgress(String name, MappingSpec.ObjectMap object, Future<?> extract) {
            this(name, "the extract of " + name, object, extract, false);
        }

        private InProgress(String name, String task, MappingSpec.ObjectMap object, Future<?> extract, boolean closing) {
            this.name = name;
            this.task = task;
            this.object = object;
            this.extract = extract;
            this.closing = closing;
        }

        /** The closing of {@code om}'s deferred states, tracked under the object its changes are audited under. */
        static InProgress closing(MappingSpec.ObjectMap om, Future<?> closing) {
            return new InProgress(InvoiceClosing.auditedAs(om), "closing " + om.object(), null, closing, true);
        }
    }

    /** Sets the deferred states of one object's records (closes paid invoices). */
    @FunctionalInterface
    public interface StateCloser {
        void close(MappingSpec.ObjectMap object);
    }

    /**
     * Extracts every object of the map once its parents are accounted for, and waits for all; why it stopped early. An
     * object whose states are deferred ({@link RecordMapper#defersState}) is closed by {@code closer} as soon as it and
     * every object that refers to it are accounted for, beside the objects still loading.
     */
    public Optional<String> load(RunRegistry.Run run, MappingSpec spec, StateCloser closer) {
        ObjectDependencies deps = ObjectDependencies.of(spec);
        LOG.infof("Objects start once the objects they refer to are accounted for: %s", deps);
        LOG.infof("%-15s %7s %7s %7s %13s %10s", "object", "rows", "written", "skipped", "dead-lettered", "rate");
        List<MappingSpec.ObjectMap> waiting = new ArrayList<>(spec.objects());
        List<MappingSpec.ObjectMap> toClose = new ArrayList<>(spec.objects().stream().filter(RecordMapper::defersState).toList());
        priorities.set(deps.chainRows(rowsPerObject(spec)));
        ExecutorService extracts = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gpm-extract-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return track(run.runId(), new LinkedHashMap<>(), (inProgress, accounted) -> {
                for (Iterator<MappingSpec.ObjectMap> it = waiting.iterator(); it.hasNext();) {
                    MappingSpec.ObjectMap om = it.next();
                    if (deps.ready(om.object(), accounted)) {
                        it.remove();
                        inProgress.put(om.object(), new InProgress(om.object(), om, extracts.submit(() -> extract(run, om))));
                    }
                }
                for (Iterator<MappingSpec.ObjectMap> it = toClose.iterator(); it.hasNext();) {
                    MappingSpec.ObjectMap om = it.next();
                    if (accounted.contains(om.object()) && accounted.containsAll(deps.dependentsOf(om.object()))) {
                        it.remove();
                        InProgress closing = InProgress.closing(om, extracts.submit(() -> closer.close(om)));
                        inProgress.put(closing.name, closing);
                    }
                }
                return waiting.isEmpty() && toClose.isEmpty();
            });
        } finally {
            stop(extracts);
            priorities.clear();
        }
    }

    /** Each object's rows as the export's manifest gives them (its file's); an object whose file it does not list counts 0. */
    private Map<String, Long> rowsPerObject(MappingSpec spec) {
        Map<String, Long> byFile = new java.util.HashMap<>();
        exportSource.index().source().manifest().files().forEach(f -> byFile.put(f.name(), f.rows()));
        Map<String, Long> out = new java.util.HashMap<>();
        spec.objects().forEach(om -> out.put(om.object(), byFile.getOrDefault(om.file(), 0L)));
        return out;
    }

    /** Waits until every record of {@code objects}, already sent on their way, is accounted for (no done line). */
    public Optional<String> awaitAccounted(String runId, Collection<String> objects) {
        Map<String, InProgress> inProgress = new LinkedHashMap<>();
        objects.forEach(o -> inProgress.put(o, new InProgress(o, null, CompletableFuture.completedFuture(null))));
        return track(runId, inProgress, (p, accounted) -> true);
    }

    /** Starts whatever may start now; true once nothing is left to start. */
    private interface Starter {
        boolean startReady(Map<String, InProgress> inProgress, Set<String> accounted);
    }

    /**
     * The wait of {@link #load} and {@link #awaitAccounted}: starts what may start, reads the ledger for the objects
     * whose fates changed, finishes the accounted ones, judges outages and stalls, then sleeps until the ledger
     * signals or {@link #LOOK} passed.
     */
    private Optional<String> track(String runId, Map<String, InProgress> inProgress, Starter starter) {
        Set<String> accounted = new HashSet<>();
        Instant lastLog = Instant.now();
        while (true) {
            long seen = signal.generation();
            boolean moved = false;
            boolean allStarted = starter.startReady(inProgress, accounted);
            Instant now = Instant.now();
            Optional<DependencyWatch.Outage> outage = watch.oldest();
            for (Iterator<InProgress> it = inProgress.values().iterator(); it.hasNext();) {
                InProgress p = it.next();
                Optional<String> failed = extractFailure(p, now);
                if (failed.isPresent()) {
                    return failed;
                }
                if (p.extracted == null) {
                    continue; // the extract is the object's progress until it has sent every row
                }
                read(runId, p, now);
                if (p.step.finished()) {
                    it.remove();
                    accounted.add(p.name);
                    moved = true; // what waited for it may start now
                    if (p.object != null) {
                        logDone(progress.object(runId, p.object), p.began);
                    }
                    continue;
                }
                if (outage.isPresent()) {
                    p.lastMove = now; // an outage is not a stall: the stage waits on purpose
                } else if (Duration.between(p.lastMove, now).compareTo(config.phaseTimeout()) > 0) {
                    return Optional.of(p.name + ": nothing moved for longer than migration.phase-timeout ("
                            + config.phaseTimeout() + ")");
                }
            }
            if (allStarted && inProgress.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> tooLong = outageTooLong();
            if (tooLong.isPresent()) {
                return tooLong;
            }
            if (Duration.between(lastLog, now).compareTo(config.progressInterval()) >= 0) {
                lastLog = now;
                for (InProgress p : inProgress.values()) {
                    if (p.closing) {
                        LOG.infof("%s: in progress", p.task);
                    } else {
                        logProgress(p.name, p.extracted == null ? new Step(false, 0, -1) : p.step, p.began, outage);
                    }
                }
            }
            if (!moved && !sleep(seen, LOOK)) {
                return Optional.of(String.join(", ", inProgress.keySet()) + ": interrupted");
            }
        }
    }

    /** Why the object's extract failed, if it did; notes when it has sent every row. */
    private static Optional<String> extractFailure(InProgress p, Instant now) {
        if (p.extracted != null || !p.extract.isDone()) {
            return Optional.empty();
        }
        try {
            p.extract.get();
        } catch (ExecutionException e) {
            return Optional.of(p.task + " failed (" + SafeText.of(e.getCause()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(p.task + " was interrupted");
        }
        p.extracted = now;
        p.lastMove = now;
        return Optional.empty();
    }

    /** Reads the object's counts again when the ledger signalled a change for it, or {@link #LOOK} after the last read. */
    private void read(String runId, InProgress p, Instant now) {
        long version = signal.version(runId, p.name);
        if (version == p.version && Duration.between(p.lastRead, now).compareTo(LOOK) < 0) {
            return;
        }
        p.version = version;
        p.lastRead = now;
        Step step = accounted(runId, p.name);
        if (step.done() != p.step.done()) {
            p.lastMove = now;
        }
        p.step = step;
    }

    /** Whether every extracted row of the object has a final fate (and nothing the map added is pending). */
    private Step accounted(String runId, String object) {
        Map<Fate, Long> counts = fates.counts(runId, object, null);
        long finals = counts.get(Fate.LOADED) + counts.get(Fate.SKIPPED) + counts.get(Fate.DEAD_LETTERED);
        Optional<Long> extracted = fates.extractCounts(runId, object).map(c -> c.extracted() + c.rejected());
        long expected = extracted.orElse(finals + counts.get(Fate.PENDING));
        return new Step(counts.get(Fate.PENDING) == 0 && finals >= expected, finals, extracted.orElse(-1L));
    }

    private void extract(RunRegistry.Run run, MappingSpec.ObjectMap om) {
        try {
            producer.sendBodyAndHeaders("direct:gpm-extract-" + om.object(), null, Map.of(PipelineHeaders.RUN_ID,
                    run.runId(), "gpmRunNumber", run.runNumber(), PipelineHeaders.OBJECT, om.object()));
        } finally {
            signal.changed(run.runId(), om.object()); // the wait sees the extract's end at once
        }
    }

    /** Waits until the dead-letter stage has recorded every dead letter published, so the report lists them all. */
    public Optional<String> awaitDeadLetters() {
        String group = config.kafka().groupPrefix() + "-dead-letter";
        String what = "dead letters";
        Instant started = Instant.now();
        Instant lastMove = started;
        Instant lastLog = started;
        long last = Long.MIN_VALUE;
        while (true) {
            long seen = signal.generation();
            Optional<Long> lag = kafka.lag(group, config.topics().deadLetter());
            if (lag.isPresent() && lag.get() == 0) {
                return Optional.empty();
            }
            Step step = new Step(false, -lag.orElse(Long.MAX_VALUE), -1);
            Instant t = Instant.now();
            if (step.done() != last) {
                last = step.done();
                lastMove = t;
            }
            Optional<DependencyWatch.Outage> outage = watch.oldest();
            Optional<String> tooLong = outageTooLong();
            if (tooLong.isPresent()) {
                return tooLong;
            }
            if (outage.isPresent()) {
                lastMove = t;
            } else if (Duration.between(lastMove, t).compareTo(config.phaseTimeout()) > 0) {
                return Optional.of(what + ": nothing moved for longer than migration.phase-timeout (" + config.phaseTimeout() + ")");
            }
            if (Duration.between(lastLog, t).compareTo(config.progressInterval()) >= 0) {
                lastLog = t;
                logProgress(what, step, started, outage);
            }
            if (!sleep(seen, LAG_LOOK)) {
                return Optional.of(what + ": interrupted");
            }
        }
    }

    /** What a stage waits for, as the console names it. */
    private static String dependency(StageBatch.Cause cause) {
        return cause == StageBatch.Cause.THROTTLED ? "the Dataverse budget (throttled)" : cause.name().toLowerCase();
    }

    private Optional<String> outageTooLong() {
        Optional<DependencyWatch.Outage> stall = watch.longestStall();
        if (stall.isPresent() && stall.get().age().compareTo(config.outageTolerance()) > 0) {
            return Optional.of(dependency(stall.get().cause()) + " unavailable to " + stall.get().route()
                    + " for longer than migration.outage-tolerance (" + config.outageTolerance() + ")");
        }
        return Optional.empty();
    }

    /** Sleeps until the ledger signals a change after {@code seen}, or {@code timeout}; false when interrupted. */
    private boolean sleep(long seen, Duration timeout) {
        try {
            signal.awaitAfter(seen, timeout);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A run that stopped early leaves no extract sending behind it. */
    private static void stop(ExecutorService extracts) {
        extracts.shutdownNow();
        try {
            if (!extracts.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("An extract still runs 30 s after the run stopped waiting for it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void logDone(RunProgress.ObjectProgress p, Instant began) {
        double seconds = Math.max(0.001, Duration.between(began, Instant.now()).toMillis() / 1000.0);
        LOG.infof("%-15s %,7d %,7d %,7d %,13d %,8.0f/s", p.object(),
                p.rows() == null ? p.done() : p.rows(), p.written(), p.skipped(), p.deadLettered(), p.done() / seconds);
    }

    private static void logProgress(String what, Step step, Instant started, Optional<DependencyWatch.Outage> outage) {
        String waiting = outage.map(o -> "; " + o.route() + " is waiting for " + dependency(o.cause())
                + " since " + o.age().toSeconds() + " s").orElse("");
        if (step.total() < 0) {
            LOG.infof("%s: not all recorded yet%s", what, waiting);
            return;
        }
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        double rate = step.done() / seconds;
        String left = rate > 0 ? String.format(", about %d s left", (long) ((step.total() - step.done()) / rate)) : "";
        LOG.infof("%s: %d of %d done (%.0f/s%s)%s", what, step.done(), step.total(), rate, left, waiting);
    }
}
