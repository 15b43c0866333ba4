package io.gpm2dv.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.common.TopicPartition;

/**
 * For one Kafka consumer, the next offset each partition owes the stage: everything before it is finished and
 * committed. A stage is handed only the contiguous run that starts there, so nothing is ever committed past a
 * record that has not reached its end. Offsets below it are duplicates (a redelivery of finished work) and are
 * left out; a batch that starts beyond it (records fetched before a pause and seek) is left out too, to be fetched
 * again from the committed offset. A new group generation (a rebalance) forgets everything: another member may
 * have moved the partitions on.
 */
final class PartitionCursors {
    /** One record's place. */
    record Position(TopicPartition partition, long offset) {
    }

    /** What a stage may be handed from one batch. */
    record Admission(List<Position> admitted, int duplicates, Set<TopicPartition> gaps) {
    }

    private final Map<TopicPartition, Long> next = new HashMap<>();
    private Integer generation;

    /** Records the group generation; true when it changed after a known one (a rebalance), which resets every cursor. */
    boolean generation(int current) {
        boolean changed = generation != null && generation != current;
        if (generation == null || changed) {
            next.clear();
        }
        generation = current;
        return changed;
    }

    boolean knows(TopicPartition p) {
        return next.containsKey(p);
    }

    /** Starts a partition at {@code offset} (its committed offset, or its first record when it has none). */
    void start(TopicPartition p, long offset) {
        next.put(p, offset);
    }

    Long next(TopicPartition p) {
        return next.get(p);
    }

    /** Every partition this consumer has a cursor for, with its next offset. */
    Map<TopicPartition, Long> all() {
        return Map.copyOf(next);
    }

    /** Forgets every partition (after a failed commit, nothing is known for sure). */
    void forget() {
        next.clear();
    }

    /** Which of {@code batch} (offset order within each partition) the stage may take now; every partition must be started. */
    Admission admit(List<Position> batch) {
        Map<TopicPartition, Long> expected = new HashMap<>();
        List<Position> admitted = new ArrayList<>();
        Set<TopicPartition> gaps = new LinkedHashSet<>();
        int duplicates = 0;
        for (Position p : batch) {
            long want = expected.computeIfAbsent(p.partition(), next::get);
            if (gaps.contains(p.partition())) {
                continue;
            }
            if (p.offset() < want) {
                duplicates++;
            } else if (p.offset() == want) {
                admitted.add(p);
                expected.put(p.partition(), want + 1);
            } else {
                gaps.add(p.partition());
            }
        }
        return new Admission(admitted, duplicates, gaps);
    }

    /**
     * After the stage: per partition, the offset to commit (the first admitted record that is not done, or one past
     * the last); partitions that did not move are left out. The cursors advance only by {@link #committed}.
     */
    Map<TopicPartition, Long> toCommit(List<Position> admitted, Predicate<Position> done) {
        Map<TopicPartition, Long> commit = new LinkedHashMap<>();
        Set<TopicPartition> stopped = new LinkedHashSet<>();
        for (Position p : admitted) {
            if (stopped.contains(p.partition())) {
                continue;
            }
            if (done.test(p)) {
                commit.put(p.partition(), p.offset() + 1);
            } else {
                stopped.add(p.partition());
            }
        }
        return commit;
    }

    /** The broker took these offsets. */
    void committed(Map<TopicPartition, Long> offsets) {
        next.putAll(offsets);
    }
}
