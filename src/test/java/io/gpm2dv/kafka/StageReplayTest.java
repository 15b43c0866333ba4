package io.gpm2dv.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gpm2dv.kafka.StageReplay.StageConsumer;
import io.gpm2dv.mapping.MappingSpec;

/** Which routes, groups and topics a replay touches, and how {@code from} reads; the broker side is OperatorApiTest's. */
class StageReplayTest {
    private final MappingSpec spec = MappingSpec.defaultMap();

    @Test
    void theMapStageOfAnObjectIsItsOneRouteGroupAndTopic() {
        assertEquals(List.of(new StageConsumer("map-clients", "gpm2dv-map-clients", "gpm.clients.extracted")),
                StageReplay.consumers(spec, StageReplay.Stage.MAP, "clients", "gpm2dv"));
    }

    @Test
    void ownerAndSinkCoverEveryTableTheObjectFeedsIncludingItsUnmappedNotes() {
        assertEquals(List.of(new StageConsumer("owner-contact", "p-owner-contact", "dv.contact.mapped"),
                new StageConsumer("owner-annotation", "p-owner-annotation", "dv.annotation.mapped")),
                StageReplay.consumers(spec, StageReplay.Stage.OWNER, "clients", "p"));
        assertEquals(List.of(new StageConsumer("dv-sink-contact", "p-sink-contact", "dv.contact.ready"),
                new StageConsumer("dv-sink-annotation", "p-sink-annotation", "dv.annotation.ready")),
                StageReplay.consumers(spec, StageReplay.Stage.SINK, "clients", "p"));
        // an object with variants: every table it writes, as the topics are provisioned
        List<String> topics = StageReplay.consumers(spec, StageReplay.Stage.SINK, "appointments", "p").stream()
                .map(StageConsumer::topic).toList();
        assertTrue(PipelineTopics.topics(spec, "dl").containsAll(topics), topics.toString());
        assertTrue(topics.contains("dv.appointment.ready") && topics.contains("dv.task.ready"), topics.toString());
    }

    @Test
    void stagesAreNamedInLowerCaseOnly() {
        assertEquals(StageReplay.Stage.SINK, StageReplay.Stage.of("sink").orElseThrow());
        assertTrue(StageReplay.Stage.of("extract").isEmpty());
        assertTrue(StageReplay.Stage.of("SINK").isEmpty());
    }

    @Test
    void fromIsTheBeginningAnOffsetOrAnInstant() {
        assertEquals(new StageReplay.Beginning(), StageReplay.From.parse("beginning"));
        assertEquals(new StageReplay.AtOffset(42), StageReplay.From.parse("42"));
        assertEquals(new StageReplay.AtInstant(Instant.parse("2026-11-23T10:00:00Z")),
                StageReplay.From.parse("2026-11-23T10:00:00Z"));
        for (String bad : new String[] {null, "", "-1", "yesterday", "2026-11-23", "99999999999999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> StageReplay.From.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void anOffsetStaysWithinWhatThePartitionHolds() {
        assertEquals(5, StageReplay.clamp(2, 5, 9));
        assertEquals(7, StageReplay.clamp(7, 5, 9));
        assertEquals(9, StageReplay.clamp(70, 5, 9));
    }
}
