package io.gpm2dv.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deliveries of one poll batch that a stage may handle now, in offset order per partition, and what the stage
 * made of each: done (passed on, skipped, dead-lettered) unless it said "try again later" with the reason. The
 * stage gate commits, per partition, up to the first delivery that waits, and pauses the stage until then.
 */
public final class StageBatch {
    /**
     * Why a delivery waits: a dependency the stage could not use; (sink) the application users' service-protection
     * budget, Dataverse's 429 or no user with room for the request within the inline wait; or (sink) a parent not in
     * Dataverse yet. In that order of what the operator must know first.
     */
    public enum Cause { DATAVERSE, LEDGER, KAFKA, DEFECT, THROTTLED, PARENT }

    /** A delivery to try again after {@code after}. */
    public record Retry(Duration after, Cause cause) {
    }

    private final List<Delivery> deliveries;
    private final Map<Delivery, Retry> retries = new LinkedHashMap<>();

    public StageBatch(List<Delivery> deliveries) {
        this.deliveries = List.copyOf(deliveries);
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    public boolean isEmpty() {
        return deliveries.isEmpty();
    }

    /** The stage could not finish {@code d} now: it is not committed, and comes again after {@code after}. */
    public void retryLater(Delivery d, Duration after, Cause cause) {
        retries.merge(d, new Retry(after, cause), (a, b) -> a.after().compareTo(b.after()) <= 0 ? a : b);
    }

    public boolean isDone(Delivery d) {
        return !retries.containsKey(d);
    }

    /** The soonest retry, if anything waits. */
    public Optional<Retry> soonestRetry() {
        return retries.values().stream().min((a, b) -> a.after().compareTo(b.after()));
    }

    /** The reason the batch waits, preferring a dependency over a parent (an outage is what the operator must know). */
    public Optional<Cause> waitingOn() {
        return retries.values().stream().map(Retry::cause).min(Enum::compareTo);
    }
}
