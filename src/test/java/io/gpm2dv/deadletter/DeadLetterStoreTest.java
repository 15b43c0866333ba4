package io.gpm2dv.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.pipeline.DeadLetter;
import io.gpm2dv.pipeline.Delivery;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The ledger's dead letters read back as they were kept: every nullable column as it was, once per record. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class DeadLetterStoreTest {
    @Inject
    DeadLetterStore store;

    @Inject
    RecordFates fates;

    @Test
    void nullableColumnsReadBackAsTheyWereKeptEachFromItsOwnColumn() {
        String run = UUID.randomUUID().toString();
        // a file without a row, and a row without a file: a wasNull that looks at the wrong column confuses them
        store.record(new DeadLetter(run, "map", "clients", "client-1", "clients.csv", null, "date_of_birth", "r1", null,
                null, Instant.now(), null, null, null));
        store.record(new DeadLetter(run, "sink", "clients", "client-2", null, 51L, null, "r2", "0x80044331",
                TextNode.valueOf("payload"), Instant.now(), "dv.contact.ready", 3, 1042L));
        store.record(DeadLetter.unreadable(run, "owner", new Delivery("dv.contact.mapped", 0, 0L, null, run, "x"),
                "unreadable message: JsonParseException", null));

        List<DeadLetter> kept = store.list(run);
        assertEquals(3, kept.size());
        assertEquals("clients.csv", kept.get(0).file());
        assertNull(kept.get(0).row(), "no row was given: not 0");
        assertNull(kept.get(0).partition());
        assertNull(kept.get(0).offset());
        assertNull(kept.get(1).file());
        assertEquals(51L, kept.get(1).row(), "a row was given: not null because the file was");
        assertEquals("dv.contact.ready", kept.get(1).topic());
        assertEquals(3, kept.get(1).partition());
        assertEquals(1042L, kept.get(1).offset());
        assertEquals(0, kept.get(2).partition(), "partition 0 is a partition, not a missing value");
        assertEquals(0L, kept.get(2).offset());
        assertEquals("dv.contact.mapped/0@0", kept.get(2).key());
        assertEquals(Optional.of(Fate.DEAD_LETTERED), fates.fate(run, "client-2"));
    }

    @Test
    void aDeadLetterDeliveredAgainIsKeptOnce() {
        String run = UUID.randomUUID().toString();
        DeadLetter first = DeadLetter.of(run, "sink", "clients", "client-9", "clients.csv", 9L, null, "first reason", null, null);
        store.record(first);
        store.record(DeadLetter.of(run, "sink", "clients", "client-9", "clients.csv", 9L, null, "second reason", null, null));
        assertEquals(1, store.count(run));
        assertEquals("second reason", store.list(run).get(0).reason());
    }
}
