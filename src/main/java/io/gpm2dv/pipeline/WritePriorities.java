package io.gpm2dv.pipeline;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each object's write priority in the run in progress: the rows left on the longest chain of objects that starts at it
 * (clients: their own rows, then conditions', appointments' and documents'). The run sets them when it starts; the sink
 * sends an object's requests at its priority, so when the application users' budget is what holds the load back, the
 * objects others wait for go first (highest level first, the classic rule for a schedule of dependent tasks). The run
 * clears them when its load ends; 0 for an object no load in progress set (a replay, the read-back): requests are then
 * served as they come.
 */
@ApplicationScoped
public class WritePriorities {
    private volatile Map<String, Long> byObject = Map.of();

    public void set(Map<String, Long> priorities) {
        byObject = Map.copyOf(priorities);
    }

    /** The load ended: what is written from now on (a replay) is served as it comes. */
    public void clear() {
        byObject = Map.of();
    }

    public long of(String object) {
        return byObject.getOrDefault(object, 0L);
    }
}
