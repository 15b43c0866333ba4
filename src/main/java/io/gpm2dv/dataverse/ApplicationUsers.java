package io.gpm2dv.dataverse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.pipeline.ConfigurationException;
import io.gpm2dv.pipeline.DependencyWatch;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The application users writes are spread over ({@code dataverse.client-id} and {@code dataverse.client-secret}, comma
 * separated, same length). Every request takes a slot of one user: the one with the most free slots that is not
 * blocked by a 429, so one user's throttling slows only that user. Waiting for a slot respects the calling thread's
 * {@link RetryBudget}: a stage that cannot get one in time pauses instead of blocking its consumer.
 */
@ApplicationScoped
public class ApplicationUsers {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApplicationUsers.class);
    /** Dataverse's concurrency limit per user (API §7); the limit never goes above it. */
    public static final int DATAVERSE_CONCURRENCY = 52;
    /** How long a waiting request sleeps before it looks again when no answer wakes it. */
    private static final long RECHECK_NANOS = Duration.ofMillis(50).toNanos();
    /** How long a request waits behind requests of higher priority at most (well within a stage's inline wait). */
    static final Duration PRIORITY_AGE = Duration.ofSeconds(20);

    /**
     * A slot taken: by whom, when, for how many records, whether it filled the user's limit (growth is earned only
     * then), and the share of the user's budget its pacing account held then (calibrated against what Dataverse answers).
     */
    public record Slot(ApplicationUser user, long started, int records, boolean filledWindow, double accountAtStart) {
    }

    /** What one user did: requests sent, 429s received, time blocked by them, its concurrency limit now. */
    public record Figures(String clientId, long requests, long throttled, Duration waited, double limit) {
        Figures minus(Figures before) {
            return new Figures(clientId, requests - before.requests, throttled - before.throttled,
                    waited.minus(before.waited), limit);
        }

        public String line() {
            return String.format(Locale.ROOT, "Dataverse application user %s: %d requests, %d throttled (429), waited %.1f s,"
                    + " concurrency %.1f", clientId, requests, throttled, waited.toMillis() / 1000.0, limit);
        }
    }

    @Inject
    DataverseConfig config;

    @Inject
    MeterRegistry metrics;

    /** Told of every answer: a stage held for the budget is not in an outage while Dataverse answers anyone. */
    @Inject
    DependencyWatch watch;

    private final Object lock = new Object();
    /** Requests waiting for a slot, by priority (how many at each); guarded by the lock. */
    private final java.util.TreeMap<Long, Integer> waiting = new java.util.TreeMap<>();
    private volatile List<ApplicationUser> users;

    ApplicationUsers() {
    }

    /** Fixed users, outside CDI (tests). */
    ApplicationUsers(List<ApplicationUser> users, MeterRegistry metrics) {
        this.users = users;
        this.metrics = metrics;
    }

    /** Every configured user, in configuration order. */
    public List<ApplicationUser> all() {
        List<ApplicationUser> u = users;
        if (u == null) {
            synchronized (lock) {
                if (users == null) {
                    DataverseConfig.Protection p = config.protection();
                    users = parse(config.clientId(), config.clientSecret(), config.concurrency().initial(),
                            config.concurrency().max(), config.concurrency().decrease(),
                            ProtectionWindow.Budget.below(p.window(), p.executionTime(), p.requests())
                                    .spacedBy(p.spacing()));
                    users.forEach(this::gauge);
                }
                u = users;
            }
        }
        return u;
    }

    /** The users of two comma-separated lists; a clear error when the lists do not pair up. */
    static List<ApplicationUser> parse(String ids, String secrets, int initial, int max, double decrease) {
        return parse(ids, secrets, initial, max, decrease, ProtectionWindow.Budget.OFF);
    }

    /** The same, each user pacing its requests to {@code budget} (its own account of the service protection window). */
    static List<ApplicationUser> parse(String ids, String secrets, int initial, int max, double decrease,
            ProtectionWindow.Budget budget) {
        String[] id = ids.split(",", -1);
        String[] secret = secrets.split(",", -1);
        if (id.length != secret.length) {
            throw new ConfigurationException("dataverse.client-id lists " + id.length + " application users but"
                    + " dataverse.client-secret lists " + secret.length + " secrets: give one secret per client id, in"
                    + " the same order");
        }
        if (max < 1 || max > DATAVERSE_CONCURRENCY) {
            throw new ConfigurationException("dataverse.concurrency.max must be between 1 and " + DATAVERSE_CONCURRENCY
                    + " (Dataverse's concurrency limit per user), not " + max);
        }
        if (budget.window().isNegative() || budget.window().isZero() || budget.executionTime().isNegative()
                || budget.requests() < 0) {
            throw new ConfigurationException("dataverse.protection.window must be positive and"
                    + " dataverse.protection.execution-time and dataverse.protection.requests not negative (0 turns"
                    + " that pacing off)");
        }
        if (!(decrease > 0 && decrease < 1)) {
            throw new ConfigurationException("dataverse.concurrency.decrease must be between 0 and 1, not " + decrease);
        }
        List<ApplicationUser> out = new ArrayList<>();
        for (int i = 0; i < id.length; i++) {
            String clientId = id[i].trim();
            if (clientId.isEmpty() || secret[i].trim().isEmpty()) {
                throw new ConfigurationException("dataverse.client-id / dataverse.client-secret entry " + (i + 1)
                        + " is empty");
            }
            out.add(new ApplicationUser(i + 1, id.length, clientId, secret[i].trim(),
                    new ConcurrencyLimit(initial, max, decrease, budget)));
        }
        return List.copyOf(out);
    }

    /** Starts {@code user}'s limit again from {@code hint} (Dataverse's {@code x-ms-dop-hint}), within the maximum. */
    public void startFrom(ApplicationUser user, int hint) {
        synchronized (lock) {
            user.limit.reset(config.concurrency().initialFromHint() && hint > 0 ? hint : config.concurrency().initial());
            lock.notifyAll();
        }
    }

    /**
     * A slot for one request: waits until a user has one free and is not blocked. Throws a transient
     * {@link DataverseException} when the wait would overrun the calling thread's retry budget.
     */
    public Slot take() {
        return take(1);
    }

    /**
     * A slot for one request that carries {@code records} records (a bulk write's targets; anything else one), at the
     * thread's {@link RequestPriority}: while a request of higher priority waits, this one waits behind it, unless it
     * has waited {@link #PRIORITY_AGE} already (so a low priority slows an object, never stops it).
     */
    public Slot take(int records) {
        Instant deadline = RetryBudget.deadline();
        List<ApplicationUser> candidates = all();
        long priority = RequestPriority.current();
        synchronized (lock) {
            long arrived = System.nanoTime();
            waiting.merge(priority, 1, Integer::sum);
            try {
                return take(records, priority, arrived, deadline, candidates);
            } finally {
                waiting.computeIfPresent(priority, (p, n) -> n == 1 ? null : n - 1);
                lock.notifyAll(); // a request of lower priority may be next now
            }
        }
    }

    /** Requests waiting for a slot now. */
    int waiting() {
        synchronized (lock) {
            return waiting.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private Slot take(int records, long priority, long arrived, Instant deadline, List<ApplicationUser> candidates) {
        while (true) {
            long now = System.nanoTime();
            boolean myTurn = priority >= waiting.lastKey() || now - arrived >= PRIORITY_AGE.toNanos();
            ApplicationUser best = null;
            double room = 0;
            for (ApplicationUser u : candidates) {
                double h = u.limit.headroom(now, records);
                if (h > room || (h == room && h > 0 && best != null && u.limit.requests() < best.limit.requests())) {
                    best = u;
                    room = h;
                }
            }
            if (myTurn && best != null && best.limit.tryStart(now, records)) {
                return new Slot(best, now, records, best.limit.full(), best.limit.startAccount());
            }
            long wait = RECHECK_NANOS;
            long soonestUnblock = Long.MAX_VALUE;
            for (ApplicationUser u : candidates) {
                long b = u.limit.waitFor(now);
                if (b == 0) {
                    soonestUnblock = 0; // someone is only busy: an answer frees a slot
                    break;
                }
                soonestUnblock = Math.min(soonestUnblock, b);
            }
            if (soonestUnblock > 0) {
                wait = soonestUnblock;
            }
            if (deadline != null && Instant.now().plusNanos(wait).isAfter(deadline)) {
                // a 429 of our own making: the records wait and the stage pauses, as Dataverse's own 429 would make them
                throw new DataverseException(429, null, "no application user had a free request slot within the"
                        + " stage's inline wait (" + state(candidates, now) + ")",
                        Duration.ofNanos(Math.max(wait, RECHECK_NANOS)));
            }
            try {
                long millis = Math.max(1, wait / 1_000_000);
                lock.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DataverseException.unreachable("interrupted while waiting for a request slot", null);
            }
        }
    }

    private static String state(List<ApplicationUser> users, long now) {
        StringBuilder b = new StringBuilder();
        for (ApplicationUser u : users) {
            b.append(b.length() == 0 ? "" : "; ").append(u.clientId()).append(": ").append(u.limit.inFlight())
                    .append(" of ").append((int) u.limit.limit()).append(" in flight");
            long blocked = u.limit.blockedFor(now);
            if (blocked > 0) {
                b.append(", throttled for ").append(Duration.ofNanos(blocked).toSeconds()).append(" s more");
            }
        }
        return b.toString();
    }

    /** The request of {@code slot} was answered (not 429), with what Dataverse said is left of the user's window (NaN: not said). */
    public void answered(Slot slot, double requestsLeft, double timeLeft) {
        synchronized (lock) {
            slot.user().limit.answered(slot.filledWindow(), requestsLeft, timeLeft, slot.started(), slot.records(),
                    System.nanoTime(),
                    slot.accountAtStart());
            lock.notifyAll();
        }
        answeredByDataverse();
    }

    /** The request of {@code slot} was answered 429 with {@code retryAfter}: the user waits that long, with a smaller limit. */
    public void throttled(Slot slot, Duration retryAfter) {
        synchronized (lock) {
            long now = System.nanoTime();
            if (LOG.isDebugEnabled()) {
                // what the pacing believed when Dataverse refused: the request's size and the user's account
                LOG.debugf("429 for %s (request of %d records, started %d ms ago): %s", slot.user().clientId(),
                        slot.records(), (now - slot.started()) / 1_000_000, slot.user().limit.describe(now));
            }
            slot.user().limit.throttled(slot.started(), slot.records(), now, retryAfter);
            lock.notifyAll();
        }
        metrics.counter("gpm2dv.dataverse.throttled", "user", slot.user().clientId()).increment();
    }

    /** The request of {@code slot} was answered with an error Dataverse computed: its time counts in the user's window. */
    public void ran(Slot slot) {
        synchronized (lock) {
            slot.user().limit.ran(slot.started(), slot.records(), System.nanoTime());
            lock.notifyAll();
        }
        answeredByDataverse();
    }

    private void answeredByDataverse() {
        if (watch != null) {
            watch.dataverseAnswered();
        }
    }

    /** The request of {@code slot} ended without an answer Dataverse computed (network failure, 401, 503): the slot is free. */
    public void ended(Slot slot) {
        synchronized (lock) {
            slot.user().limit.ended(slot.started(), slot.records());
            lock.notifyAll();
        }
    }

    /** Every user's figures since start. */
    public List<Figures> figures() {
        synchronized (lock) {
            return all().stream().map(u -> new Figures(u.clientId(), u.limit.requests(), u.limit.throttles(),
                    u.limit.blocked(), u.limit.limit())).toList();
        }
    }

    /** Every user's figures since {@code before} (a {@link #figures()} taken earlier). */
    public List<Figures> since(List<Figures> before) {
        List<Figures> now = figures();
        List<Figures> out = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            out.add(i < before.size() ? now.get(i).minus(before.get(i)) : now.get(i));
        }
        return out;
    }

    private void gauge(ApplicationUser u) {
        metrics.gauge("gpm2dv.dataverse.concurrency.limit", List.of(io.micrometer.core.instrument.Tag.of("user",
                u.clientId())), u, x -> {
                    synchronized (lock) {
                        return x.limit.limit();
                    }
                });
    }
}
