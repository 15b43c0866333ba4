package io.gpm2dv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.gpm2dv.dataverse.RequestPriority;

class ParallelWritesTest {
    @Test
    void theWritesOfABatchGoAtTheBatchsPriorityOnWhicheverThreadTheyRun() {
        ParallelWrites pools = new ParallelWrites(2);
        List<Long> seen = RequestPriority.during(4_283, () -> pools.files(List.of(1, 2, 3, 4), i -> RequestPriority.current()));
        assertEquals(List.of(4_283L, 4_283L, 4_283L, 4_283L), seen);
        assertEquals(List.of(0L, 0L), pools.files(List.of(1, 2), i -> RequestPriority.current()), "none set: 0");
        pools.stop();
    }
}
