package io.gpm2dv.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Which stage routes are waiting on a dependency right now, and since when: a route goes down when it pauses
 * because Dataverse, the ledger or Kafka cannot take its work, and up at its first success. The run waits while
 * the longest stall is shorter than {@code migration.outage-tolerance}, and ends FAILED after that. A route
 * waiting only for a parent record is not in an outage. A route held for the service-protection budget is stalled
 * only while Dataverse answers nobody: with one application user, an object of low priority waits its turn for as
 * long as the objects before it write (measured: over 30 minutes at scale 40, and the run ended FAILED although
 * Dataverse answered all the while).
 */
@ApplicationScoped
public class DependencyWatch {
    /** A route's outage. */
    public record Outage(String route, StageBatch.Cause cause, Instant since) {
        public Duration age() {
            return Duration.between(since, Instant.now());
        }
    }

    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    /** When Dataverse last answered a request of any application user. */
    private volatile Instant dataverseAnswered = Instant.EPOCH;

    @jakarta.inject.Inject
    void register(MeterRegistry metrics) {
        Gauge.builder("gpm2dv.outage.seconds", this, w -> w.oldest().map(o -> o.age().toMillis() / 1000.0).orElse(0.0))
                .description("How long the oldest current outage of a stage's dependency has lasted")
                .register(metrics);
    }

    /** {@code route} could not use {@code cause}; the first report starts the clock. */
    public void down(String route, StageBatch.Cause cause) {
        outages.putIfAbsent(route, new Outage(route, cause, Instant.now()));
    }

    /** {@code route} did its work. */
    public void up(String route) {
        outages.remove(route);
    }

    /** The outage that has lasted longest, if any route is in one. */
    public Optional<Outage> oldest() {
        return outages.values().stream().min(Comparator.comparing(Outage::since));
    }

    /** Dataverse answered a request (a result or a refusal it computed): the service-protection budget moves. */
    public void dataverseAnswered() {
        dataverseAnswered = Instant.now();
    }

    /**
     * The outage whose dependency has stood still longest, what {@code migration.outage-tolerance} is measured
     * against: a route held for the budget ({@link StageBatch.Cause#THROTTLED}) counts from Dataverse's last answer
     * to anyone, every other cause from the route's first failure.
     */
    public Optional<Outage> longestStall() {
        Instant answered = dataverseAnswered;
        return outages.values().stream()
                .map(o -> o.cause() == StageBatch.Cause.THROTTLED && answered.isAfter(o.since())
                        ? new Outage(o.route(), o.cause(), answered) : o)
                .min(Comparator.comparing(Outage::since));
    }

    /** Forgets every outage (a new run starts with a clean slate; a route still failing reports again at once). */
    public void clear() {
        outages.clear();
    }
}
