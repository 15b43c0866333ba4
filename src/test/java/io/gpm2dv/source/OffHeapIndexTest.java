package io.gpm2dv.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.gpm2dv.source.CustomFields.Value;

/**
 * The export index's per-row structures answer exactly as before once they live outside the heap (issue 12: a 10×
 * export must not need 10× the heap): ids, links, sums and custom values of exports large enough to be mapped.
 */
class OffHeapIndexTest {
    static final int ROWS = 50_000;

    @Test
    void aLargeIdColumnIsOutsideTheHeapAndFindsWhatASortedArrayFinds() throws IOException {
        Random random = new Random(12);
        long[] ids = random.longs(ROWS, 1, 10_000_000).sorted().toArray();
        LongColumn column = LongColumn.of(ids, ids.length);
        assertTrue(column.offHeap(), "50,000 ids are mapped, not held in the heap");
        assertFalse(LongColumn.of(ids, 100).offHeap(), "a hundred ids stay an array");
        for (long probe : Stream.of(random.longs(2_000, 0, 10_000_001).boxed(), Arrays.stream(ids).limit(2_000).boxed(),
                Stream.of(0L, ids[0], ids[ids.length - 1], Long.MAX_VALUE)).flatMap(s -> s).toList()) {
            int expected = Arrays.binarySearch(ids, probe);
            int found = column.binarySearch(probe);
            // with repeated ids either position of the key is right, as for Arrays.binarySearch
            assertEquals(expected >= 0, found >= 0, "id " + probe);
            assertEquals(expected >= 0 ? probe : expected, found >= 0 ? column.get(found) : found, "id " + probe);
        }
        assertEquals(List.of(), leftoverFiles(), "the mapped file has no name on disk");
    }

    @Test
    void exportIndexContainsExactlyItsIdsWhenTheyAreMapped() {
        long[] clients = new Random(5).longs(ROWS, 1, 1_000_000).toArray();
        ExportIndex index = ExportIndex.of(Map.of(), Map.of(), Map.of(GpmFile.CLIENTS, clients));
        long[] sorted = clients.clone();
        Arrays.sort(sorted);
        for (long id = 1; id < 1_000_000; id += 7) {
            assertEquals(Arrays.binarySearch(sorted, id) >= 0, index.contains(GpmFile.CLIENTS, id), "client " + id);
        }
    }

    @Test
    void mappedLinksCombineEveryKeysValuesAsTheHeapOnesDid() {
        Random random = new Random(7);
        LongLinks earliest = new LongLinks(Math::min);
        Map<Long, Long> expected = new HashMap<>();
        for (int i = 0; i < ROWS * 2; i++) {
            long client = 1 + random.nextInt(ROWS);
            long day = 1 + random.nextInt(40_000);
            earliest.put(client, day);
            expected.merge(client, day, Math::min);
        }
        for (long client = 0; client <= ROWS + 1; client++) {
            assertEquals(expected.get(client), earliest.get(client), "client " + client);
        }
        assertEquals(expected.size(), earliest.size());
        assertNull(earliest.get(null));
    }

    @Test
    void mappedSumsAreExactWithTheirScales() {
        Random random = new Random(3);
        DecimalSums sums = new DecimalSums(2);
        Map<Long, BigDecimal[]> expected = new HashMap<>();
        Map<Long, Integer> rows = new HashMap<>();
        for (int i = 0; i < ROWS; i++) {
            long invoice = 1 + random.nextInt(ROWS / 4);
            BigDecimal a = BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2);
            BigDecimal b = BigDecimal.valueOf(random.nextInt(1000), random.nextInt(3)); // scales 0, 1 and 2
            sums.add(invoice, a, b);
            expected.merge(invoice, new BigDecimal[] {a, b}, (x, y) -> new BigDecimal[] {x[0].add(y[0]), x[1].add(y[1])});
            rows.merge(invoice, 1, Integer::sum);
        }
        assertEquals(expected.size(), sums.size());
        expected.forEach((invoice, s) -> {
            DecimalSums.Sums got = sums.get(invoice);
            assertEquals(rows.get(invoice).longValue(), got.count(), "invoice " + invoice);
            assertEquals(s[0], got.sum(0), "invoice " + invoice + " sum and scale");
            assertEquals(s[1], got.sum(1), "invoice " + invoice + " sum and scale");
        });
        assertNull(sums.get(ROWS));
    }

    @Test
    void customValuesReadBackEqualFromMappedBytesWhateverTheyHold() {
        String longText = "Tāne Kūmara-Ōtaki 🌿 ".repeat(4_000); // over 64 KB of UTF-8
        List<Value> values = new ArrayList<>();
        Random random = new Random(9);
        for (int i = 0; i < 3_000; i++) {
            long entity = 1 + random.nextInt(1_000);
            String type = random.nextBoolean() ? "CLIENT" : "APPOINTMENT";
            values.add(new Value(i + 1, 10 + random.nextInt(5), type, entity, random.nextBoolean() ? null : 5000L + i,
                    random.nextBoolean() ? null : OffsetDateTime.parse("2024-03-0" + (1 + i % 9) + "T09:15:00.123456789+13:00"),
                    "raw " + i, i % 4 == 0 ? "EMPTY" : "OK", i % 500 == 0 ? longText : (i % 3 == 0 ? null : "text " + i),
                    i % 2 == 0 ? null : new BigDecimal(i % 5 == 0 ? "1E+3" : "12.50"), i % 7 == 0 ? "2024-02-29" : null,
                    i % 3 == 0 ? null : i % 3 == 1, i % 4 == 0 ? null : List.of("Left", "Right", "ā").subList(0, i % 4)));
        }
        CustomFields fields = new CustomFields(List.of(), values);

        Map<String, Map<Long, List<Value>>> expected = new HashMap<>();
        values.forEach(v -> expected.computeIfAbsent(v.entityType(), k -> new HashMap<>())
                .computeIfAbsent(v.entityId(), k -> new ArrayList<>()).add(v));
        expected.forEach((type, byId) -> {
            long[] ids = byId.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            assertTrue(Arrays.equals(ids, fields.entityIds(type)), type + " ids ascending");
            byId.forEach((id, list) -> assertEquals(list, fields.valuesOf(type, id), type + " " + id + " in export order"));
        });
        assertEquals(List.of(), fields.valuesOf("CLIENT", 1_001));
        assertEquals(List.of(), fields.valuesOf("CONDITION", 1));

        List<Value> walked = new ArrayList<>();
        fields.forEachValue(walked::add);
        assertEquals(values.size(), walked.size());
        assertEquals("APPOINTMENT", walked.get(0).entityType(), "types in name order");
        assertEquals(values.stream().filter(v -> v.fieldId() == 12).count(), fields.countOf(12));
    }

    private static List<Path> leftoverFiles() throws IOException {
        try (Stream<Path> files = Files.list(OffHeap.dir())) {
            return files.filter(p -> p.getFileName().toString().startsWith("gpm2dv-index-")).toList();
        }
    }
}
