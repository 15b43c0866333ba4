package io.gpm2dv.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.mapping.TargetRecord;

/**
 * Retries children whose parent is not in Dataverse yet, never writing them without the lookup: a child waits
 * while its parent may still come, and is failed at once when the run already decided the parent will not
 * come (skipped or dead-lettered), or after {@code maxWait}.
 */
final class ParentWait {
    private final Duration maxWait;
    private final Duration interval;
    private final BiFunction<String, String, Optional<Fate>> fateOfKeyInRun;

    ParentWait(Duration maxWait, Duration interval, BiFunction<String, String, Optional<Fate>> fateOfKeyInRun) {
        this.maxWait = maxWait;
        this.interval = interval;
        this.fateOfKeyInRun = fateOfKeyInRun;
    }

    List<WriteOutcome> resolve(List<WriteOutcome> first, Function<List<TargetRecord>, List<WriteOutcome>> writer) {
        Map<TargetRecord, WriteOutcome> outcomes = new LinkedHashMap<>();
        first.forEach(o -> outcomes.put(o.record(), o));
        Instant deadline = Instant.now().plus(maxWait);
        while (true) {
            List<TargetRecord> waiting = new ArrayList<>();
            for (WriteOutcome o : outcomes.values()) {
                if (!o.isParentMissing()) {
                    continue;
                }
                Optional<Fate> parentFate = fateOfKeyInRun.apply(o.record().runId, o.missingParentKey());
                if (parentFate.isPresent() && (parentFate.get() == Fate.SKIPPED || parentFate.get() == Fate.DEAD_LETTERED)) {
                    outcomes.put(o.record(), WriteOutcome.failed(o.record(), "parent " + o.missingParentKey()
                            + " was not loaded in this run (" + parentFate.get().name().toLowerCase() + ")", null));
                } else {
                    waiting.add(o.record());
                }
            }
            if (waiting.isEmpty()) {
                return new ArrayList<>(outcomes.values());
            }
            if (Instant.now().isAfter(deadline)) {
                for (TargetRecord r : waiting) {
                    WriteOutcome o = outcomes.get(r);
                    outcomes.put(r, WriteOutcome.failed(r, "parent " + o.missingParentKey() + " was not in Dataverse after "
                            + maxWait.toSeconds() + " s of waiting", null));
                }
                return new ArrayList<>(outcomes.values());
            }
            sleep(interval);
            writer.apply(waiting).forEach(o -> outcomes.put(o.record(), o));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parents", e);
        }
    }
}
