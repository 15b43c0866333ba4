package io.gpm2dv.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The compact id structures behind the export index's cross-row facts. */
class LongGroupsTest {

    @Test
    void onlyKeysThatTwoOrMoreDistinctIdsShareAreKeptWithTheirIdsAscending() {
        LongGroups groups = new LongGroups();
        groups.add(-7, 1005);
        groups.add(42, 1001);
        groups.add(-7, 1004);
        groups.add(99, 1010);
        groups.add(99, 1010);
        groups.add(-7, 1004);
        assertArrayEquals(new long[] {1004, 1005}, groups.get(-7));
        assertArrayEquals(new long[0], groups.get(42), "one client alone is no group");
        assertArrayEquals(new long[0], groups.get(99), "the same id twice is still one client");
        assertArrayEquals(new long[0], groups.get(5));
        assertEquals(1, groups.sharedKeys());
    }

    @Test
    void linksCombineTheValuesOfOneKeyByTheirMergeRule() {
        LongLinks earliest = new LongLinks(Math::min);
        earliest.put(1039, 300);
        earliest.put(1001, 50);
        earliest.put(1039, 200);
        earliest.put(1039, 250);
        assertEquals(200L, earliest.get(1039L));
        assertEquals(50L, earliest.get(1001L));
        assertEquals(2, earliest.size());

        LongLinks latest = new LongLinks();
        latest.put(7011, 90004);
        latest.put(7010, 90001);
        latest.put(7011, 90009);
        assertEquals(90009L, latest.get(7011L), "a later link for the same key wins");
        assertNull(latest.get(1L));
    }
}
