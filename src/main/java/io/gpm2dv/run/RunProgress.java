package io.gpm2dv.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.mapping.MappingSpec;

/**
 * Live progress of a run per object, from the ledger's fates: rows extracted, written, skipped, dead-lettered, the
 * rate since the object's first record reached its fate and the time left at that rate. The rate needs this process
 * to have watched the run; after a restart it starts again from the next look.
 */
@ApplicationScoped
public class RunProgress {
    /** One object's progress; {@code rows} is null until the extract has counted them, the rate and ETA until known. */
    public record ObjectProgress(String object, String table, Long rows, long written, long skipped, long deadLettered,
            Double perSecond, Long etaSeconds) {

        public long done() {
            return written + skipped + deadLettered;
        }
    }

    /** The first and the last time an object's count moved, with the counts then. */
    private record Watch(Instant firstAt, long firstDone, Instant lastAt, long lastDone) {
    }

    @Inject
    RecordFates fates;

    private final Map<String, MappingSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    void begin(String runId, MappingSpec spec) {
        specs.put(runId, spec);
    }

    /** The objects of the run in write order, or empty when this process does not know the run's map. */
    public Optional<List<ObjectProgress>> of(String runId) {
        MappingSpec spec = specs.get(runId);
        return spec == null ? Optional.empty() : Optional.of(of(runId, spec));
    }

    public List<ObjectProgress> of(String runId, MappingSpec spec) {
        List<ObjectProgress> objects = new ArrayList<>();
        for (MappingSpec.ObjectMap om : spec.objects()) {
            objects.add(progress(runId, om.object(), om.table()));
        }
        return objects;
    }

    public ObjectProgress object(String runId, MappingSpec.ObjectMap om) {
        return progress(runId, om.object(), om.table());
    }

    private ObjectProgress progress(String runId, String object, String table) {
        Map<Fate, Long> counts = fates.counts(runId, object, null);
        Long rows = fates.extractCounts(runId, object).map(c -> c.extracted() + c.rejected()).orElse(null);
        long written = counts.get(Fate.LOADED);
        long skipped = counts.get(Fate.SKIPPED);
        long dead = counts.get(Fate.DEAD_LETTERED);
        long done = written + skipped + dead;
        Watch w = watches.compute(runId + "/" + object, (k, old) -> {
            Instant now = Instant.now();
            if (old == null) {
                return new Watch(now, done, now, done);
            }
            return done == old.lastDone() ? old : new Watch(old.firstAt(), old.firstDone(), now, done);
        });
        Double perSecond = null;
        Long eta = null;
        double seconds = Duration.between(w.firstAt(), w.lastAt()).toMillis() / 1000.0;
        if (w.lastDone() > w.firstDone() && seconds > 0) {
            perSecond = Math.round((w.lastDone() - w.firstDone()) / seconds * 10) / 10.0;
            if (rows != null) {
                eta = Math.max(0, (long) Math.ceil((rows - done) / perSecond));
            }
        }
        if (rows != null && done >= rows) {
            eta = 0L;
        }
        return new ObjectProgress(object, table, rows, written, skipped, dead, perSecond, eta);
    }
}
