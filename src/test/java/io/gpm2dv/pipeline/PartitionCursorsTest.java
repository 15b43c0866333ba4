package io.gpm2dv.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nothing is committed past unfinished work, redeliveries are recognised, stale fetches are left out. */
class PartitionCursorsTest {
    static final TopicPartition P0 = new TopicPartition("dv.contact.ready", 0);
    static final TopicPartition P1 = new TopicPartition("dv.contact.ready", 1);

    PartitionCursors cursors;

    @BeforeEach
    void startAt100And7() {
        cursors = new PartitionCursors();
        cursors.generation(1);
        cursors.start(P0, 100);
        cursors.start(P1, 7);
    }

    @Test
    void theContiguousRunFromTheNextOffsetIsAdmittedInEveryPartition() {
        PartitionCursors.Admission a = cursors.admit(List.of(at(P0, 100), at(P1, 7), at(P0, 101), at(P1, 8)));
        assertEquals(List.of(at(P0, 100), at(P1, 7), at(P0, 101), at(P1, 8)), a.admitted());
        assertEquals(0, a.duplicates());
        assertTrue(a.gaps().isEmpty());
    }

    @Test
    void offsetsBelowTheNextAreRedeliveriesOfFinishedWork() {
        PartitionCursors.Admission a = cursors.admit(List.of(at(P0, 98), at(P0, 99), at(P0, 100)));
        assertEquals(List.of(at(P0, 100)), a.admitted());
        assertEquals(2, a.duplicates());
    }

    @Test
    void aBatchThatStartsBeyondTheNextOffsetIsLeftOutWholeForThatPartitionOnly() {
        PartitionCursors.Admission a = cursors.admit(List.of(at(P0, 102), at(P0, 103), at(P1, 7)));
        assertEquals(List.of(at(P1, 7)), a.admitted(), "the other partition goes on");
        assertEquals(Set.of(P0), a.gaps());
    }

    @Test
    void theCommitStopsAtTheFirstRecordThatWaitsAndTheCursorMovesOnlyWhenCommitted() {
        List<PartitionCursors.Position> admitted = List.of(at(P0, 100), at(P0, 101), at(P0, 102), at(P1, 7), at(P1, 8));
        Map<TopicPartition, Long> commit = cursors.toCommit(admitted, p -> !p.equals(at(P0, 101)));
        assertEquals(Map.of(P0, 101L, P1, 9L), commit, "P0 up to the waiting record (102 is done but after it), P1 whole");
        assertEquals(100L, cursors.next(P0), "not before the broker took it");
        cursors.committed(commit);
        assertEquals(101L, cursors.next(P0));
        assertEquals(9L, cursors.next(P1));
    }

    @Test
    void nothingIsCommittedForAPartitionWhoseFirstRecordWaits() {
        Map<TopicPartition, Long> commit = cursors.toCommit(List.of(at(P0, 100), at(P0, 101)), p -> p.offset() != 100);
        assertFalse(commit.containsKey(P0));
    }

    @Test
    void aNewGroupGenerationForgetsEveryCursor() {
        assertFalse(cursors.generation(1), "same generation");
        assertTrue(cursors.generation(2), "a rebalance");
        assertFalse(cursors.knows(P0));
        assertFalse(cursors.knows(P1));
    }

    private static PartitionCursors.Position at(TopicPartition p, long offset) {
        return new PartitionCursors.Position(p, offset);
    }
}
