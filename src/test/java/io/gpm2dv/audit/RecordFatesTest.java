package io.gpm2dv.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A record's fate in a run: a final fate wins over PENDING and is replaced only by another final one. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class RecordFatesTest {
    @Inject
    RecordFates fates;

    @Test
    void pendingNeverReplacesAFinalFateAndAFinalFateReplacesPending() {
        String run = UUID.randomUUID().toString();
        fates.record(run, "unmapped-notes", "client-1-unmapped", Fate.PENDING, "map", null);
        assertEquals(Optional.of(Fate.PENDING), fates.fate(run, "client-1-unmapped"));
        fates.record(run, "unmapped-notes", "client-1-unmapped", Fate.LOADED, "sink", null);
        fates.record(run, "unmapped-notes", "client-1-unmapped", Fate.PENDING, "map", null); // a redelivered map
        assertEquals(Optional.of(Fate.LOADED), fates.fate(run, "client-1-unmapped"));
        fates.record(run, "unmapped-notes", "client-1-unmapped", Fate.DEAD_LETTERED, "sink", "refused");
        assertEquals(Optional.of(Fate.DEAD_LETTERED), fates.fate(run, "client-1-unmapped"));
    }

    @Test
    void finalFatesNameOnlyTheKeysAskedForThatFinishedInThatRun() {
        String run = UUID.randomUUID().toString();
        fates.record(List.of(new RecordFates.FateEntry(run, "clients", "client-1", Fate.LOADED, "sink", null),
                new RecordFates.FateEntry(run, "clients", "client-2", Fate.SKIPPED, "map", "merged away"),
                new RecordFates.FateEntry(run, "unmapped-notes", "client-3-unmapped", Fate.PENDING, "map", null),
                new RecordFates.FateEntry("another-run", "clients", "client-4", Fate.LOADED, "sink", null)));
        assertEquals(Map.of("client-1", Fate.LOADED, "client-2", Fate.SKIPPED),
                fates.finalFates(run, List.of("client-1", "client-2", "client-3-unmapped", "client-4", "client-5")));
        assertEquals(1L, fates.counts(run, "clients", null).get(Fate.LOADED));
        assertEquals(1L, fates.counts(run, "clients", "sink").get(Fate.SKIPPED), "counted without the sink's");
        assertEquals(0L, fates.counts(run, "clients", "map").get(Fate.SKIPPED));
    }
}
