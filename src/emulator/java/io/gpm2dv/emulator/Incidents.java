package io.gpm2dv.emulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The scheduled {@link Incident}s and, per Web API request, the answer the one in progress gives it (or none).
 * Independent of the seeded fault draws, so scheduling an incident never shifts another fault's sequence.
 */
final class Incidents {
    private final Clock clock;
    private final List<Scheduled> scheduled = new ArrayList<>();

    private static final class Scheduled {
        final Incident incident;
        long seen;
        long startedAt = -1;

        Scheduled(Incident incident) {
            this.incident = incident;
        }
    }

    Incidents(Clock clock) {
        this.clock = clock;
    }

    synchronized void schedule(Incident incident) {
        scheduled.add(new Scheduled(incident));
    }

    synchronized void clear() {
        scheduled.clear();
    }

    /** The incident in progress that concerns a request to {@code resourcePath}, or null. */
    synchronized Incident concerning(String resourcePath) {
        long now = clock.millis();
        for (Iterator<Scheduled> it = scheduled.iterator(); it.hasNext();) {
            Scheduled s = it.next();
            if (!s.incident.concerns(resourcePath)) {
                continue;
            }
            if (s.startedAt < 0) {
                if (s.seen++ < s.incident.afterRequests()) {
                    continue;
                }
                s.startedAt = now;
            }
            if (now - s.startedAt >= s.incident.duration().toMillis()) {
                it.remove();
                continue;
            }
            return s.incident;
        }
        return null;
    }

    /** Whether an incident has begun and not yet ended. */
    synchronized boolean inProgress() {
        long now = clock.millis();
        return scheduled.stream().anyMatch(s -> s.startedAt >= 0 && now - s.startedAt < s.incident.duration().toMillis());
    }
}
