package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.RowStream;
import io.gpm2dv.source.SourceRow;
import io.gpm2dv.testing.ExportFixture;

/**
 * The shapes the clinical history takes, on the bundled sample's rows: the tables and parties an appointment, a
 * QUICK booking and an unmatched inbound SMS become, and where a document hangs when its appointment is not one.
 */
class ClinicalMappingTest {
    static final MappingSpec SPEC = MappingSpec.defaultMap();
    static ExportIndex index;
    static MappingContext ctx;

    @BeforeAll
    static void openSample() throws Exception {
        index = ExportIndex.build(ExportPackage.open(ExportFixture.BUNDLED));
        ctx = HazardHandlingTest.context(index, Long.MAX_VALUE);
    }

    @Test
    void aClientAppointmentHasTheClientAsAttendeeAndAsksOwnerResolutionForItsOrganizer() throws Exception {
        TargetRecord r = map("appointments", row(GpmFile.APPOINTMENTS, 10001, Map.of()));
        assertEquals("appointment", r.table);
        JsonNode parties = r.attributes.get("appointment_activity_parties");
        assertEquals(1, parties.size(), "the client; the organizer comes from owner resolution");
        assertEquals("/contacts(" + ctx.ids().idFor("client-1001") + ")", parties.get(0).path("partyid_contact@odata.bind").asText());
        assertEquals(5, parties.get(0).path("participationtypemask").asInt());
        assertEquals(new TargetRecord.UserParty("appointment_activity_parties", 7, "owner", null), r.userParty);
        assertEquals(new TargetRecord.StateChange(1, 3), r.state);
        assertTrue(r.parents.stream().anyMatch(p -> p.key().equals("client-1001")), "waits for its client");
    }

    @Test
    void aQuickBookingBecomesATaskWithoutAClientOrState() throws Exception {
        TargetRecord r = map("appointments", row(GpmFile.APPOINTMENTS, 10005, Map.of()));
        assertEquals("task", r.table);
        assertEquals("tasks", r.entitySet);
        assertEquals("Quick appointment: Kate (online booking)", r.attributes.get("subject").asText());
        assertEquals("021 555 7788", r.attributes.get("description").asText(), "phone; no notes line");
        assertFalse(r.attributes.has("appointment_activity_parties"));
        assertNull(r.state);
        assertNull(r.userParty);
    }

    @Test
    void anUnmatchedInboundSmsUsesTheAddressesItCameFromAndWentTo() throws Exception {
        TargetRecord r = map("communications", row(GpmFile.COMMUNICATIONS, 90002, Map.of()));
        JsonNode parties = r.attributes.get("email_activity_parties");
        assertEquals(1, parties.size());
        assertEquals("+64 21 555 9999", parties.get(0).path("addressused").asText());
        assertEquals(1, parties.get(0).path("participationtypemask").asInt(), "IN: the sender");
        assertEquals(new TargetRecord.UserParty("email_activity_parties", 2, "practitioner", "HARBOURSIDE"), r.userParty);
        assertFalse(r.attributes.has("regardingobjectid_contact_email@odata.bind"));
        assertEquals("SMS: Yes see you then", r.attributes.get("subject").asText());
        assertEquals(new TargetRecord.StateChange(1, 4), r.state);
    }

    @Test
    void aDocumentOfAQuickBookingHangsOnItsClientNotOnAnAppointmentThatWillNeverExist() throws Exception {
        TargetRecord onQuick = map("documents", row(GpmFile.DOCUMENTS, 7001, Map.of("appointment_id", "10005")));
        assertEquals("/contacts(" + ctx.ids().idFor("client-1001") + ")",
                onQuick.attributes.get("objectid_contact@odata.bind").asText());
        assertEquals("contact", onQuick.attributes.get("objecttypecode").asText());
        assertFalse(onQuick.attributes.has("objectid_appointment@odata.bind"));

        TargetRecord onVisit = map("documents", row(GpmFile.DOCUMENTS, 7001, Map.of("appointment_id", "10001")));
        assertEquals("/appointments(" + ctx.ids().idFor("appointment-10001") + ")",
                onVisit.attributes.get("objectid_appointment@odata.bind").asText());
        assertEquals("appointment", onVisit.attributes.get("objecttypecode").asText());
        assertEquals("documents/000007/7001.pdf", onVisit.file.path());
        assertFalse(onVisit.attributes.has("documentbody"), "the bytes stay in the package; the message carries a reference");
    }

    @Test
    void aDocumentAnEmailSentBecomesThatEmailsAttachmentWithoutOwnerOrRunTag() throws Exception {
        TargetRecord r = map("documents", row(GpmFile.DOCUMENTS, 7010, Map.of()));
        assertEquals("activitymimeattachment", r.table);
        assertEquals("/emails(" + ctx.ids().idFor("communication-90004") + ")", r.attributes.get("objectid_email@odata.bind").asText());
        assertEquals("email", r.attributes.get("objecttypecode").asText());
        assertEquals(TargetRecord.OwnerRule.NONE, r.ownerRule);
        assertFalse(r.runTag);
        assertFalse(r.createOnly.has("overriddencreatedon"));
        assertEquals("body", r.file.column());
    }

    private static TargetRecord map(String object, SourceRow row) {
        MappingResult result = new RecordMapper(ctx).map(SPEC.get(object), row, "run", 1);
        assertFalse(result.isSkipped(), result.skipReason());
        return result.records().get(0);
    }

    /** A row of the sample, with some values changed. */
    private static SourceRow row(GpmFile file, long id, Map<String, String> changes) throws Exception {
        try (RowStream rows = index.exportPackage().rows(file)) {
            while (rows.hasNext()) {
                if (rows.next() instanceof SourceRow r && r.id() == id) {
                    Map<String, String> values = new HashMap<>(r.values());
                    values.putAll(changes);
                    return new SourceRow(file, r.rowNumber(), values);
                }
            }
        }
        throw new AssertionError("no row " + id + " in " + file.fileName());
    }
}
