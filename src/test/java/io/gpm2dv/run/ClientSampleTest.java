package io.gpm2dv.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The sample covers every trait of the export before it fills up, and the same export gives the same sample. */
class ClientSampleTest {

    /** 1,000 clients; the rare traits (a class booking, a DNA status, one referrer) sit on one client each. */
    private static Map<Long, Set<String>> export() {
        Map<Long, Set<String>> traits = new HashMap<>();
        for (long id = 1; id <= 1000; id++) {
            Set<String> t = new HashSet<>();
            t.add("kind:CLIENT");
            t.add("status:COMPLETED");
            t.add("practitioner:" + (id % 7));
            traits.put(id, t);
        }
        traits.get(417L).add("kind:CLASS");
        traits.get(823L).add("status:DNA");
        traits.get(999L).add("referrer:55");
        traits.get(3L).add("custom-field:12");
        return traits;
    }

    @Test
    void everyTraitIsCoveredAndTheSampleHasItsSize() {
        Set<Long> sample = ClientSample.choose(export(), 100);
        assertEquals(100, sample.size());
        Set<String> covered = new HashSet<>();
        sample.forEach(id -> covered.addAll(export().get(id)));
        Set<String> all = new HashSet<>();
        export().values().forEach(all::addAll);
        assertEquals(all, covered, "every appointment kind, status, practitioner, referrer and custom field");
        assertTrue(sample.containsAll(Set.of(417L, 823L, 999L, 3L)));
    }

    @Test
    void theSameExportGivesTheSameSampleAndNotTheFirstIds() {
        Set<Long> a = ClientSample.choose(export(), 150);
        assertEquals(a, ClientSample.choose(export(), 150));
        assertTrue(a.stream().filter(id -> id <= 150).count() < 75, "spread over the export, not its first rows");
    }

    @Test
    void aSmallExportIsTakenWhole() {
        Map<Long, Set<String>> small = new HashMap<>();
        for (long id = 1; id <= 40; id++) {
            small.put(id, Set.of("kind:CLIENT"));
        }
        assertEquals(40, ClientSample.choose(small, 100).size());
    }
}
