package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.owner.OwnerDirectory;
import io.gpm2dv.owner.OwnerOutcome;
import io.gpm2dv.owner.SystemUser;
import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.owner.OwnerReport;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.sample.ExportGenerator;
import io.gpm2dv.source.CodeLists;
import io.gpm2dv.source.ExportIndex;
import io.gpm2dv.source.ExportPackage;
import io.gpm2dv.source.GpmFile;
import io.gpm2dv.source.RowResult;
import io.gpm2dv.source.RowStream;
import io.gpm2dv.source.SourceRow;
import io.gpm2dv.testing.ExportFixture;

/**
 * Every data-quality hazard of export format §11 (H01–H18) as the default map handles and reports it, on the bundled
 * sample export's anchor rows (docs/export-package.md, "Where each hazard lives") or on a copy of it changed where
 * the sample has no row for the case. Unit level: the real export index and the real map, no Kafka, no Dataverse.
 * Where a finding code is checked across a whole file, the expected keys are exactly the anchors: a false positive
 * on the volume rows fails the test as surely as a miss.
 */
class HazardHandlingTest {
    static final Path SAMPLE = ExportFixture.BUNDLED;
    static final MappingSpec SPEC = MappingSpec.defaultMap();
    /** Dataverse's own default for maxuploadfilesize (5 MB), what an organisation has unless an admin raised it. */
    static final long DEFAULT_UPLOAD_LIMIT = 5_242_880L;

    static ExportIndex index;
    static MappingContext ctx;
    static final Map<String, Map<String, MappingResult>> MAPPED = new HashMap<>();

    /** The copies of the sample this class changed, removed when it is done. */
    static final List<Path> COPIES = new ArrayList<>();

    @BeforeAll
    static void openSample() throws Exception {
        index = ExportIndex.build(ExportPackage.open(SAMPLE));
        ctx = context(index, Long.MAX_VALUE);
    }

    @AfterAll
    static void removeCopies() throws IOException {
        for (Path dir : COPIES) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    // ---- H01 duplicate clients ----------------------------------------------------------------------------------

    @Test
    void h01_clientsWithAnEqualNhiOrAnEqualFoldedNameAndBirthDateAreReportedAsPairsAndBothMigrated() {
        assertEquals(Set.of(
                        new Finding("client-1001", "duplicate of client-1002", Finding.DUPLICATE_CANDIDATE),
                        new Finding("client-1002", "duplicate of client-1001", Finding.DUPLICATE_CANDIDATE),
                        new Finding("client-1004", "duplicate of client-1005", Finding.DUPLICATE_CANDIDATE),
                        new Finding("client-1005", "duplicate of client-1004", Finding.DUPLICATE_CANDIDATE)),
                findingsWith("clients", Finding.DUPLICATE_CANDIDATE));
        // never merged: both sides of each pair become their own contact, names as the source has them
        assertEquals("Tāne", text("clients", "client-1001", "firstname"));
        assertEquals("Kūmara-Ōtaki", text("clients", "client-1001", "lastname"));
        assertEquals("Tane", text("clients", "client-1002", "firstname"));
        assertEquals("Kumara-Otaki", text("clients", "client-1002", "lastname"));
        assertEquals("John", text("clients", "client-1004", "firstname"));
        assertEquals("Jonathan", text("clients", "client-1005", "firstname"));
        // the merged-away "John Smith Delete Me" is not created, and is no one's duplicate candidate
        MappingResult merged = mapped("clients").get("client-1003");
        assertTrue(merged.isSkipped());
        assertEquals(SkipRules.MERGED_AWAY, merged.skipRule());
        assertEquals("merged into client-1004", merged.skipReason());
        assertTrue(findingsWith("clients", Finding.MERGE_LEFTOVER).isEmpty(), "the sample's only Delete Me is merged away");
    }

    @Test
    void h01_aDeleteMeClientThatWasNeverMergedIsAMergeLeftoverAndADuplicateOfTheRecordItWasMeantToJoin() throws Exception {
        // the sample's 1003 is merged into 1004; here the merge was prepared (renamed) but never done
        ExportFixture copy = copyOfSample()
                .edit("clients.csv", line("1003,C1003,", l -> l.replace(",INACTIVE,,Y,1004,,", ",INACTIVE,,Y,,,")))
                .reseal();
        ExportIndex changed = ExportIndex.build(ExportPackage.open(copy.dir()));
        MappingResult leftover = map(changed, "clients", GpmFile.CLIENTS, 1003);
        assertFalse(leftover.isSkipped());
        assertEquals(List.of(new Finding("client-1003", "last_name", Finding.MERGE_LEFTOVER)),
                only(leftover, Finding.MERGE_LEFTOVER));
        assertEquals(List.of(new Finding("client-1003", "duplicate of client-1004", Finding.DUPLICATE_CANDIDATE)),
                only(leftover, Finding.DUPLICATE_CANDIDATE), "the Delete Me marker is left out of the compared name");
        assertEquals("Smith Delete Me", leftover.records().get(0).attributes.get("lastname").asText(), "never cleaned");
        assertEquals(List.of(new Finding("client-1004", "duplicate of client-1003", Finding.DUPLICATE_CANDIDATE),
                        new Finding("client-1004", "duplicate of client-1005", Finding.DUPLICATE_CANDIDATE)),
                only(map(changed, "clients", GpmFile.CLIENTS, 1004), Finding.DUPLICATE_CANDIDATE));
    }

    @Test
    void h01_anAppointmentAndANoteOfAMergedAwayClientBindToTheSurvivingClient() throws Exception {
        // the sample has no history on 1003 (merged into 1004): give it a booking and a note in a copy
        ExportFixture copy = copyOfSample()
                .edit("appointments.csv", swap("10015,CLIENT,1008,", "10015,CLIENT,1003,"))
                .edit("clinical_notes.csv", swap("20012,1008,", "20012,1003,"))
                .reseal();
        ExportIndex changed = ExportIndex.build(ExportPackage.open(copy.dir()));
        MappingContext c = context(changed, Long.MAX_VALUE);
        String survivor = "/contacts(" + c.ids().idFor("client-1004") + ")";
        String mergedAway = c.ids().idFor("client-1003").toString();

        TargetRecord appointment = map(c, "appointments", GpmFile.APPOINTMENTS, 10015).records().get(0);
        assertEquals(survivor, appointment.attributes.get("regardingobjectid_contact_appointment@odata.bind").asText());
        assertEquals(survivor, appointment.attributes.get("appointment_activity_parties").get(0)
                .get("partyid_contact@odata.bind").asText(), "the attendee is the survivor too");
        assertTrue(appointment.parents.stream().allMatch(p -> p.key().equals("client-1004")), appointment.parents.toString());
        assertFalse(appointment.attributes.toString().contains(mergedAway));

        MappingResult note = map(c, "notes", GpmFile.CLINICAL_NOTES, 20012);
        assertEquals(survivor, note.records().get(0).attributes.get("objectid_contact@odata.bind").asText());
        assertEquals(List.of("client-1004"), note.records().get(0).parents.stream().map(TargetRecord.ParentRef::key).toList());
        assertTrue(only(note, Finding.ORPHAN_REFERENCE).isEmpty(), "a merged-away client is not an orphan");
    }

    // ---- H02–H04 contact points ---------------------------------------------------------------------------------

    @Test
    void h02_aClientWithoutEmailGetsNoPlaceholderAndIsKeyedOnItsId() {
        MappingResult none = mapped("clients").get("client-1008");
        assertTrue(none.records().get(0).attributes.get("emailaddress1").isNull());
        assertEquals("client-1008", none.records().get(0).attributes.get("new_gensolveid").asText());
        // no email finding; the only thing its note keeps is its custom pain score "N/A" (H14, value 60002)
        assertEquals(List.of(new Finding("client-1008", "new_cf_pain_score", "CF_INVALID")), none.findings());
        assertFalse(none.records().get(1).attributes.get("notetext").asText().contains("email"));
        // no client without an email in the source gets one in Dataverse
        for (SourceRow row : rows(index, GpmFile.CLIENTS)) {
            MappingResult r = mapped("clients").get(row.migrationKey());
            if (row.isNull("email") && !r.isSkipped()) {
                assertTrue(r.records().get(0).attributes.get("emailaddress1").isNull(), row.migrationKey());
            }
        }
    }

    @Test
    void h03_invalidEmailsStayOutOfTheColumnAndListsAndTypingNoiseKeepTheFirstValidAddress() {
        assertEquals(Set.of(new Finding("client-1009", "emailaddress1", Finding.INVALID_EMAIL),
                new Finding("client-1010", "emailaddress1", Finding.INVALID_EMAIL)),
                findingsWith("clients", Finding.INVALID_EMAIL));
        for (String key : List.of("client-1009", "client-1010")) {
            assertTrue(record("clients", key).attributes.get("emailaddress1").isNull(), key);
        }
        assertTrue(unmappedNote("clients", "client-1009").contains("jo@gmail"), "the raw value is kept in the note");
        assertTrue(unmappedNote("clients", "client-1010").contains("none@none.com"));
        assertEquals("a@b.co.nz", text("clients", "client-1011", "emailaddress1"));
        assertEquals("mere.parata@example.co.nz", text("clients", "client-1012", "emailaddress1"));
        assertEquals("aroha.henare@example.nz", text("clients", "client-1013", "emailaddress1"));
        assertEquals(Set.of(new Finding("client-1011", "emailaddress1", Finding.EMAIL_CLEANED),
                new Finding("client-1012", "emailaddress1", Finding.EMAIL_CLEANED),
                new Finding("client-1013", "emailaddress1", Finding.EMAIL_CLEANED)),
                findingsWith("clients", Finding.EMAIL_CLEANED));
        assertTrue(unmappedNote("clients", "client-1011").contains("a@b.co.nz; c@d.nz"));
    }

    @Test
    void h04_phonesBecomeE164InTheSitesCountryAndWhatIsNoMobileOrNoNumberIsKeptRaw() {
        TargetRecord kiri = record("clients", "client-1018");
        assertTrue(kiri.attributes.get("mobilephone").isNull(), "a landline is not a mobile");
        assertEquals("+6495551234", kiri.attributes.get("telephone2").asText());
        assertTrue(kiri.attributes.get("telephone1").isNull(), "'ph after 5pm 021' is not a number");
        assertEquals(List.of(new Finding("client-1018", "mobilephone", Finding.NOT_A_MOBILE),
                new Finding("client-1018", "telephone1", Finding.INVALID_PHONE)),
                mapped("clients").get("client-1018").findings());
        assertTrue(unmappedNote("clients", "client-1018").contains("ph after 5pm 021"));
        TargetRecord ravi = record("clients", "client-1019");
        assertEquals("+64211234567", ravi.attributes.get("mobilephone").asText());
        assertEquals("+6495550123", ravi.attributes.get("telephone2").asText());
        TargetRecord leilani = record("clients", "client-1020");
        assertEquals("+64211234567", leilani.attributes.get("mobilephone").asText());
        assertEquals("+6495550456", leilani.attributes.get("telephone1").asText(), "0064 is NZ's international prefix");
        // Brisbane: an AU mobile read in the client's site's country
        assertEquals("+61412555032", text("clients", "client-1032", "mobilephone"));
    }

    // ---- H05–H07 practitioners ----------------------------------------------------------------------------------

    @Test
    void h05_twoPractitionersSharingAnEmailOwnTheirRecordsThroughOneSharedUserAndAreNeverMerged() throws IOException {
        OwnerDirectory owners = sampleOwners();
        OwnerDirectory.Owner priya = owners.ownerFor(13L);
        OwnerDirectory.Owner tom = owners.ownerFor(14L);
        assertEquals(OwnerOutcome.MATCHED_SHARED, priya.outcome());
        assertEquals(OwnerOutcome.MATCHED_SHARED, tom.outcome());
        assertEquals(priya.userId(), tom.userId(), "reception@ and Reception@ are one user");
        assertNotEquals(owners.fallbackUserId(), priya.userId());
        // each practitioner's own records stay its own: the report and the records keep 13 and 14 apart
        assertEquals(13L, record("appointments", "appointment-10026").ownerPractitionerId);
        assertEquals(14L, record("appointments", "appointment-10027").ownerPractitionerId);
        assertEquals(13L, record("clients", "client-1037").ownerPractitionerId);
        assertEquals(14L, record("clients", "client-1038").ownerPractitionerId);
        Map<String, OwnerReport.Line> report = OwnerReport.of(owners, Map.of(13L, 2L, 14L, 2L)).stream()
                .collect(Collectors.toMap(OwnerReport.Line::practitioner, l -> l));
        assertEquals("MATCHED_SHARED", report.get("practitioner-13").outcome());
        assertEquals("MATCHED_SHARED", report.get("practitioner-14").outcome());
        // each maps to its own update of the matched user, which the owner stage applies for MATCHED only: the shared
        // user never takes one practitioner's columns
        assertEquals(13L, record("practitioners", "practitioner-13").matchPractitionerId);
        assertEquals(14L, record("practitioners", "practitioner-14").matchPractitionerId);
        assertNotEquals(OwnerOutcome.MATCHED, owners.matches().get(13L).outcome());
        assertNotEquals(OwnerOutcome.MATCHED, owners.matches().get(14L).outcome());
    }

    @Test
    void h06_aPractitionerWhoLeftStillOwnsTheirHistoryAndTheirNameTravelsWithIt() throws IOException {
        assertFalse(index.practitioner(17L).active());
        for (String key : List.of("appointment-10018", "appointment-10019")) {
            TargetRecord r = record("appointments", key);
            assertEquals(TargetRecord.OwnerRule.PRACTITIONER, r.ownerRule, key);
            assertEquals(17L, r.ownerPractitionerId, key);
            assertEquals("new_gensolvepractitioner", r.practitionerColumn, key);
            assertEquals("Sarah Lindqvist (GPM 17)", r.practitionerLabel, key);
        }
        assertEquals(StateRules.APPOINTMENT_SCHEDULED, record("appointments", "appointment-10019").state,
                "booked after she left, after the cut-off: still migrated as scheduled");
        TargetRecord note = record("notes", "note-20009");
        assertEquals(17L, note.ownerPractitionerId);
        assertTrue(note.attributes.get("notetext").asText().startsWith("[GPM note 20009 · TREATMENT · STANDARD · completed"
                + " · locked 2023-06-12T06:00:00Z · author Sarah Lindqvist (GPM 17)]"));
        assertEquals(17L, record("clients", "client-1034").ownerPractitionerId);
        // her user is disabled: the fallback owner stands in, the label keeps who it was
        OwnerDirectory owners = sampleOwners();
        assertEquals(new OwnerDirectory.Owner(owners.fallbackUserId(), OwnerOutcome.FALLBACK_DISABLED), owners.ownerFor(17L));
    }

    @Test
    void h07_anAppointmentWhosePractitionerIsMissingGetsItsOwnPlaceholderLabelNeverARealPractitioner() throws IOException {
        TargetRecord none = record("appointments", "appointment-10003");
        assertNull(none.ownerPractitionerId, "names no practitioner: the fallback owner, no label to keep");
        assertNull(none.practitionerLabel);
        TargetRecord deleted = record("appointments", "appointment-10004");
        assertEquals(4711L, deleted.ownerPractitionerId);
        assertEquals("Unknown practitioner (GPM 4711)", deleted.practitionerLabel);
        assertTrue(text("notes", "note-20014", "notetext").contains("· author Unknown practitioner (GPM 4711)]"));
        OwnerDirectory owners = sampleOwners();
        assertEquals(new OwnerDirectory.Owner(owners.fallbackUserId(), OwnerOutcome.FALLBACK_UNKNOWN_PRACTITIONER),
                owners.ownerFor(4711L));
        assertEquals(OwnerOutcome.FALLBACK_NONE, owners.ownerFor(null).outcome());
    }

    // ---- H08 appointments without clients -----------------------------------------------------------------------

    @Test
    void h08_quickBookingsBecomeTasksWithoutAClientAndBlockTimeIsSkippedAndCounted() {
        for (String key : List.of("appointment-10005", "appointment-10028")) {
            TargetRecord task = record("appointments", key);
            assertEquals("task", task.table, key);
            assertTrue(task.parents.isEmpty(), "no client is created or bound from quick_name");
        }
        assertEquals("Quick appointment: Kate (online booking)", text("appointments", "appointment-10005", "subject"));
        assertTrue(text("appointments", "appointment-10005", "description").contains("021 555 7788"));
        MappingResult block = mapped("appointments").get("appointment-10006");
        assertTrue(block.isSkipped());
        assertEquals(SkipRules.BLOCK, block.skipRule());
        Set<String> skippedAsBlock = mapped("appointments").entrySet().stream()
                .filter(e -> SkipRules.BLOCK.equals(e.getValue().skipRule())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertTrue(skippedAsBlock.contains("appointment-10006"));
        for (SourceRow row : rows(index, GpmFile.APPOINTMENTS)) {
            assertEquals("BLOCK".equals(row.get("appointment_kind")), skippedAsBlock.contains(row.migrationKey()),
                    row.migrationKey());
        }
    }

    // ---- H09 Xero re-exports ------------------------------------------------------------------------------------

    /**
     * Only {@code is_reexport = N} rows and their lines are loaded; the repeat and its duplicated lines are skipped
     * with a reason naming the original; invoice numbers stay text. (How a repeat's Xero id reaches an original whose
     * own sync failed: InvoiceMappingTest.)
     */
    @Test
    void h09_xeroReExportsAndTheirLinesAreSkippedNamingTheOriginalAndInvoiceNumbersStayText() {
        Map<String, MappingResult> invoices = mapped("invoices");
        MappingResult repeat = invoices.get("invoice-30002");
        assertEquals(SkipRules.REEXPORT, repeat.skipRule());
        assertTrue(repeat.skipReason().contains("invoice-30001"), repeat.skipReason());
        assertEquals(Set.of("invoice-30002"), invoices.entrySet().stream().filter(e -> e.getValue().isSkipped())
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()), "only the repeat is skipped");
        assertEquals("3456", invoices.get("invoice-30001").records().get(0).attributes.path("name").asText());
        assertEquals("3460S", invoices.get("invoice-30004").records().get(0).attributes.path("name").asText());
        assertEquals("130514A00", invoices.get("invoice-30003").records().get(0).attributes.path("name").asText());
        Map<String, MappingResult> lines = mapped("invoice-lines");
        assertEquals(Set.of("invoiceline-40003", "invoiceline-40004"), lines.entrySet().stream()
                .filter(e -> e.getValue().isSkipped()).map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()),
                "the repeat's duplicated lines, and only they");
    }

    // ---- H10 attachments ----------------------------------------------------------------------------------------

    @Test
    void h10_missingFilesAndFilesThatDifferFromTheirChecksumAreSkippedWithAReason() {
        MappingResult missing = mapped("documents").get("document-7002");
        assertEquals(SkipRules.MISSING_FILE, missing.skipRule());
        assertTrue(missing.skipReason().contains("documents/000007/7002.pdf"));
        assertEquals(SkipRules.MISSING_FILE, mapped("documents").get("document-7011").skipRule(),
                "the 30 MiB video, MISSING in the bundled sample");
        MappingResult differs = mapped("documents").get("document-7003");
        assertEquals(SkipRules.CHECKSUM_MISMATCH, differs.skipRule());
        assertTrue(differs.skipReason().contains("SHA-256"));
        TargetRecord scan = record("documents", "document-7005");
        assertEquals("documents/000007/7005.pdf", scan.file.path());
        assertEquals("Scan März.PDF", scan.attributes.get("filename").asText());
        assertEquals("documents/000007/7012.bin", record("documents", "document-7012").file.path());
    }

    @Test
    void h10_aFileAboveTheOrganisationsUploadLimitIsSkippedWithTheSettingToRaiseNeverTruncated(@TempDir Path dir)
            throws Exception {
        ExportGenerator.generate(new ExportGenerator.Options(dir, 1, ExportGenerator.DEFAULT_SEED, null, true));
        ExportIndex large = ExportIndex.build(ExportPackage.open(dir));
        MappingResult tooBig = map(context(large, DEFAULT_UPLOAD_LIMIT), "documents", GpmFile.DOCUMENTS, 7011);
        assertEquals(SkipRules.OVERSIZE, tooBig.skipRule());
        assertTrue(tooBig.skipReason().contains("file of 31457280 bytes"), tooBig.skipReason());
        assertTrue(tooBig.skipReason().contains("maxuploadfilesize"), tooBig.skipReason());
        // with the limit raised to Dataverse's ceiling the whole file goes, at its declared size
        TargetRecord fits = map(context(large, 131_072_000L), "documents", GpmFile.DOCUMENTS, 7011).records().get(0);
        assertEquals(31_457_280L, fits.file.size());
        assertEquals("documents/000007/7011.mp4", fits.file.path());
    }

    // ---- H11 RTF and HTML notes ---------------------------------------------------------------------------------

    @Test
    void h11_rtfAndHtmlBodiesAreSniffedAndConvertedAndTheOriginalIsAttachedWhenPicturesAreLost() {
        assertEquals(Set.of(new Finding("note-20004", "notetext", Finding.FORMAT_SNIFFED),
                new Finding("note-20005", "notetext", Finding.FORMAT_SNIFFED)), findingsWith("notes", Finding.FORMAT_SNIFFED));
        TargetRecord rtf = record("notes", "note-20002");
        assertTrue(mapped("notes").get("note-20002").findings()
                .contains(new Finding("note-20002", "notetext", Finding.RTF_CONTENT_DROPPED)));
        assertFalse(rtf.attributes.get("notetext").asText().contains("{\\rtf1"), "converted to text");
        assertEquals("note-20002.rtf", rtf.attributes.get("filename").asText());
        assertTrue(decoded(rtf).startsWith("{\\rtf1"), "the original RTF, pictures included, is attached");
        assertTrue(text("notes", "note-20003", "notetext").contains("<b>Assessment</b>"),
                "HTML is kept as HTML");
        String sniffedRtf = text("notes", "note-20004", "notetext");
        assertFalse(sniffedRtf.contains("{\\rtf1"));
        assertTrue(sniffedRtf.contains("Phone call: client reports"));
    }

    // ---- H12 identifiers ----------------------------------------------------------------------------------------

    @Test
    void h12_malformedNhisBadCheckCharactersSharedNhisAndBadCpnsAreFlaggedAndTheRecordIsKept() {
        assertEquals(Set.of(new Finding("client-1006", "nhi_number", Finding.INVALID_IDENTIFIER)),
                findingsWith("clients", Finding.INVALID_IDENTIFIER), "ZIO1234: I and O are not NHI letters");
        assertEquals(Set.of(new Finding("client-1007", "nhi_number", Finding.INVALID_CHECK_CHARACTER)),
                findingsWith("clients", Finding.INVALID_CHECK_CHARACTER),
                "ZZZ0017 fails its mod-11 check digit; every generated volume NHI passes");
        assertEquals(Set.of(new Finding("client-1004", "nhi_number shared with client-1005", Finding.DUPLICATE_IDENTIFIER),
                new Finding("client-1005", "nhi_number shared with client-1004", Finding.DUPLICATE_IDENTIFIER)),
                findingsWith("clients", Finding.DUPLICATE_IDENTIFIER));
        // kept as the source has them, the clients migrated
        assertEquals("ZIO1234", text("clients", "client-1006", "new_nhinumber"));
        assertEquals("ZZZ0017", text("clients", "client-1007", "new_nhinumber"));
        assertEquals("ZZZ0024", text("clients", "client-1004", "new_nhinumber"));
        assertEquals("ZZZ0024", text("clients", "client-1005", "new_nhinumber"));
        // CPNs: practitioners (matched users, still mapped) and referrers
        assertEquals(Set.of(new Finding("practitioner-15", "hpi_cpn", Finding.INVALID_IDENTIFIER),
                new Finding("practitioner-22", "hpi_cpn", Finding.INVALID_IDENTIFIER)),
                findingsWith("practitioners", Finding.INVALID_IDENTIFIER));
        assertEquals(Set.of(new Finding("referrer-707", "hpi_cpn", Finding.INVALID_IDENTIFIER)),
                findingsWith("referrers", Finding.INVALID_IDENTIFIER));
        assertEquals("1234AB", text("practitioners", "practitioner-15", "new_hpicpn"));
        assertEquals("ZZ12AB", text("referrers", "referrer-707", "new_hpicpn"));
    }

    @Test
    void h12_oneNhiOnManyClientsNamesTenOthersAndCountsTheRest() throws Exception {
        // a placeholder NHI typed for every client without one: give 1001's NHI to twelve volume clients in a copy
        List<SourceRow> volume = rows(index, GpmFile.CLIENTS).stream()
                .filter(r -> r.id() > 1040 && r.get("nhi_number") != null).limit(12).toList();
        ExportFixture copy = copyOfSample();
        for (SourceRow r : volume) {
            copy.edit("clients.csv", line(r.id() + ",C" + r.id() + ",",
                    l -> l.replace("," + r.get("nhi_number") + ",", ",ZZZ0016,")));
        }
        ExportIndex changed = ExportIndex.build(ExportPackage.open(copy.reseal().dir()));
        List<Finding> shared = only(map(changed, "clients", GpmFile.CLIENTS, 1001), Finding.DUPLICATE_IDENTIFIER);
        List<Finding> expected = new ArrayList<>();
        volume.stream().limit(ClientChecks.MAX_NAMED).forEach(r -> expected.add(
                new Finding("client-1001", "nhi_number shared with client-" + r.id(), Finding.DUPLICATE_IDENTIFIER)));
        expected.add(new Finding("client-1001", "nhi_number shared with 2 more clients", Finding.DUPLICATE_IDENTIFIER));
        assertEquals(expected, shared);
    }

    // ---- H13 time zones -----------------------------------------------------------------------------------------

    @Test
    void h13_timestampsArriveAsTheSameInstantInUtcAcrossDstAndZonesAndDatesAreNeverShifted() {
        TargetRecord dstStart = record("appointments", "appointment-10007");
        assertEquals("2024-09-28T13:30:00Z", dstStart.attributes.get("scheduledstart").asText());
        assertEquals("2024-09-28T14:30:00Z", dstStart.attributes.get("scheduledend").asText());
        assertEquals(60, dstStart.attributes.get("new_durationminutes").asInt(), "elapsed time across the gap");
        assertEquals("2024-09-28T14:30:00Z", text("appointments", "appointment-10008", "scheduledstart"));
        TargetRecord dstEnd = record("appointments", "appointment-10009");
        assertEquals("2024-04-06T13:15:00Z", dstEnd.attributes.get("scheduledstart").asText());
        assertEquals("2024-04-06T14:15:00Z", dstEnd.attributes.get("scheduledend").asText());
        assertEquals("2024-02-13T20:15:00Z", text("appointments", "appointment-10010", "scheduledstart"));
        assertEquals("2024-06-02T23:00:00Z", text("appointments", "appointment-10011", "scheduledstart"));
        TargetRecord tane = record("clients", "client-1001");
        assertEquals("1990-04-05", tane.attributes.get("birthdate").asText());
        assertEquals("2019-02-28T20:30:00Z", tane.createOnly.get("overriddencreatedon").asText());
    }

    // ---- H14 custom values (issue 9) ----------------------------------------------------------------------------

    /**
     * Custom fields are not migrated yet: writing {@code parse_status = INVALID} values' raw text to the record's
     * note instead of a column is issue 9's. Until then they must pass the reader with raw text and status intact.
     */
    @Test
    void h14_customValuesThatDoNotParseAreReadWithRawTextAndStatusIntact() throws Exception {
        Map<Long, SourceRow> values = byId(ExportPackage.open(SAMPLE), GpmFile.CUSTOM_FIELD_VALUES);
        Map<Long, String> invalid = new LinkedHashMap<>();
        invalid.put(60002L, "N/A");
        invalid.put(60003L, "1,5");
        invalid.put(60005L, "12/05/2021");
        invalid.put(60006L, "May 2021");
        invalid.put(60008L, "yes");
        invalid.put(60009L, "ticked");
        invalid.put(60011L, "Fax");
        invalid.put(60013L, "Pain|Pins and needles");
        invalid.forEach((id, raw) -> {
            SourceRow v = values.get(id);
            assertEquals("INVALID", v.get("parse_status"), "value " + id);
            assertEquals(raw, v.get("value_raw"), "value " + id);
            for (String typed : List.of("value_text", "value_number", "value_date", "value_boolean", "value_options")) {
                assertNull(v.get(typed), "value " + id + " " + typed + ": nothing guessed");
            }
        });
        assertEquals("EMPTY", values.get(60017L).get("parse_status"));
        assertTrue(values.get(60017L).get("value_raw").isBlank());
        assertTrue(SPEC.objects().stream().noneMatch(o -> o.file().startsWith("custom_field")),
                "custom values are no object of their own: they land on their record's columns");
    }

    /** H14 in the map: an invalid value leaves its column empty and its raw text goes into the record's note. */
    @Test
    void h14_customValuesThatDoNotFitLeaveTheColumnEmptyAndTheirRawTextInTheNote() {
        Map<String, MappingResult> clients = mapped("clients");
        MappingResult ticked = clients.get("client-1019");
        assertTrue(ticked.records().get(0).attributes.get("new_cf_consent_signed").isNull(), "\"ticked\" is not a boolean");
        assertTrue(ticked.records().get(1).attributes.get("notetext").asText().contains("consent_signed"));
        assertTrue(ticked.records().get(1).attributes.get("notetext").asText().contains("ticked"));
        assertTrue(ticked.findings().contains(new Finding("client-1019", "new_cf_consent_signed", "CF_INVALID")));
        MappingResult fax = clients.get("client-1020");
        assertTrue(fax.records().get(0).attributes.get("new_cf_preferred_contact").isNull(), "Fax is no longer an option");
        assertTrue(fax.records().get(1).attributes.get("notetext").asText().contains("Fax"));
        assertEquals(100_000_002, clients.get("client-1001").records().get(0).attributes.get("new_cf_preferred_contact").asInt());
    }

    // ---- H15 orphans --------------------------------------------------------------------------------------------

    @Test
    void h15_aReferenceToARowTheExportLacksIsLeftOutAndReportedAndTheRecordStillMaps() {
        TargetRecord client = record("clients", "client-1031");
        assertFalse(client.attributes.has("parentcustomerid_account@odata.bind"));
        assertEquals(Set.of(
                        new Finding("client-1031", "parentcustomerid_account → organisation-599", Finding.ORPHAN_REFERENCE)),
                findingsWith("clients", Finding.ORPHAN_REFERENCE));
        MappingResult document = mapped("documents").get("document-7009");
        assertFalse(document.isSkipped());
        assertEquals(List.of(new Finding("document-7009", "objectid_contact → client-1999", Finding.ORPHAN_REFERENCE)),
                only(document, Finding.ORPHAN_REFERENCE));
        assertTrue(document.records().get(0).parents.isEmpty());
    }

    // ---- H16 names ----------------------------------------------------------------------------------------------

    @Test
    void h16_aSuspectedMojibakeNameIsReportedByKeyAndNotRepaired() {
        assertEquals(Set.of(new Finding("client-1025", "last_name", Finding.SUSPECTED_MOJIBAKE),
                new Finding("client-1026", "last_name", Finding.SUSPECTED_MOJIBAKE)),
                findingsWith("clients", Finding.SUSPECTED_MOJIBAKE), "macrons, apostrophes and double vowels are not mojibake");
        assertNames("client-1025", "Wiremu", "KÅ«mara");
        assertNames("client-1026", "Ari", "P?mare");
        assertNames("client-1001", "Tāne", "Kūmara-Ōtaki");
        assertNames("client-1024", "Taane", "Whaanga");
        assertNames("client-1021", "Siobhan", "O'Neill");
        assertNames("client-1022", "Hēmi", "Te Whatu");
        assertTrue(record("clients", "client-1023").attributes.get("firstname").isNull(), "a mononym has no first name");
        assertEquals("Rangimārie", text("clients", "client-1023", "lastname"));
        assertTrue(Normalizer.isNormalized(text("clients", "client-1001", "lastname"), Normalizer.Form.NFC));
    }

    // ---- H17 long and odd text ----------------------------------------------------------------------------------

    @Test
    void h17_longTextIsNeverCutSilentlyAndWhitespaceOnlyValuesAreLeftEmptyAndReported() {
        assertEquals(Set.of(new Finding("client-1027", "nickname", Finding.WHITESPACE_ONLY),
                new Finding("client-1027", "jobtitle", Finding.WHITESPACE_ONLY),
                new Finding("client-1027", "new_referralsource", Finding.WHITESPACE_ONLY)),
                findingsWith("clients", Finding.WHITESPACE_ONLY));
        TargetRecord longName = record("clients", "client-1029");
        String fitted = longName.attributes.get("lastname").asText();
        assertEquals(50, fitted.length());
        assertTrue(fitted.endsWith("…"));
        assertTrue(unmappedNote("clients", "client-1029")
                .contains("Ōkahukura-Tautahi-Māhanga-Ōkahukura-Tautahi-Māhanga-Ōkahukur"), "the whole surname");
        assertTrue(mapped("clients").get("client-1029").findings()
                .contains(new Finding("client-1029", "lastname", Finding.TRUNCATED)));
        assertEquals(2000, text("clients", "client-1028", "new_alert").codePointCount(0,
                text("clients", "client-1028", "new_alert").length()));
        // beyond Oracle's 32,767 bytes, within notetext: whole, no attachment
        TargetRecord diary = record("notes", "note-20006");
        assertTrue(diary.attributes.get("notetext").asText().length() > 32_767);
        assertFalse(diary.attributes.has("documentbody"));
        // beyond notetext's 100,000 characters: cut with … and the whole note attached
        TargetRecord log = record("notes", "note-20016");
        String text = log.attributes.get("notetext").asText();
        assertEquals(RecordMapper.NOTETEXT_MAX, text.length());
        assertTrue(text.endsWith("…"));
        String attached = decoded(log);
        assertTrue(attached.startsWith(text.substring(0, text.length() - 1)));
        String body = rows(index, GpmFile.CLINICAL_NOTES).stream().filter(r -> r.id() == 20016).findFirst()
                .orElseThrow().get("body");
        assertEquals(body.replace("\r\n", "\n").length(), attached.length() - attached.indexOf("\n\n") - 2,
                "the whole body (line breaks as LF) is attached");
        assertEquals(Set.of(new Finding("note-20016", "notetext", Finding.NOTE_ATTACHED)),
                findingsWith("notes", Finding.NOTE_ATTACHED));
    }

    // ---- H18 statuses -------------------------------------------------------------------------------------------

    @Test
    void h18_anInvoiceHeaderACentOffItsLinesIsLoadedAsFoundAndReported() {
        assertEquals(Set.of(new Finding("invoice-30005", "subtotal_excl_tax", Finding.TOTALS_MISMATCH),
                        new Finding("invoice-30005", "total_incl_tax", Finding.TOTALS_MISMATCH)),
                findingsWith("invoices", Finding.TOTALS_MISMATCH), "the sample's one anchor, and no false positive");
        assertFalse(mapped("invoices").get("invoice-30005").isSkipped());
    }

    @Test
    void h18_bookingsOfADeceasedClientAfterTheCutOffAreReportedAndStillMigrated() {
        assertEquals(Set.of(new Finding("appointment-10012", "new_appointmentstatus", Finding.BOOKED_AFTER_DEATH),
                new Finding("appointment-10013", "new_appointmentstatus", Finding.BOOKED_AFTER_DEATH)),
                findingsWith("appointments", Finding.BOOKED_AFTER_DEATH));
        assertEquals(StateRules.APPOINTMENT_SCHEDULED, record("appointments", "appointment-10012").state);
        assertEquals(StateRules.APPOINTMENT_SCHEDULED, record("appointments", "appointment-10013").state);
        assertTrue(index.clientFacts().isDeceased(1016L));
        assertEquals(LocalDate.of(2024, 11, 2), index.clientFacts().dateOfDeath(1016L));
    }

    @Test
    void h18_aBookingOfADeceasedClientAfterTheDateOfDeathIsReportedEvenBeforeTheCutOff() throws Exception {
        // 1016 died 2024-11-02; the sample's bookings for her are all after the cut-off, so give her two past ones
        UnaryOperator<String> bookedForHer = l -> l.replaceFirst("^(\\d+),CLIENT,\\d+,", "$1,CLIENT,1016,")
                .replace(",45,COMPLETED,", ",45,BOOKED,");
        ExportFixture copy = copyOfSample()
                .edit("appointments.csv", line("10537,CLIENT,1050,", bookedForHer))
                .edit("appointments.csv", line("10503,CLIENT,1042,", bookedForHer))
                .reseal();
        MappingContext c = context(ExportIndex.build(ExportPackage.open(copy.dir())), Long.MAX_VALUE);
        MappingResult afterDeath = map(c, "appointments", GpmFile.APPOINTMENTS, 10537);
        assertEquals(List.of(new Finding("appointment-10537", "new_appointmentstatus", Finding.BOOKED_AFTER_DEATH)),
                only(afterDeath, Finding.BOOKED_AFTER_DEATH), "2025-01-28, after her death, before the cut-off");
        assertTrue(afterDeath.findings().contains(new Finding("appointment-10537", "statecode", Finding.LEFT_OPEN)));
        assertEquals(List.of(), only(map(c, "appointments", GpmFile.APPOINTMENTS, 10503), Finding.BOOKED_AFTER_DEATH),
                "2024-10-23, while she was alive");
    }

    @Test
    void h18_futureCompletedReversedTimesAndCancellationsWithoutReasonAreReportedNotCorrected() {
        assertEquals(Set.of(new Finding("appointment-10014", "statecode", Finding.FUTURE_COMPLETED)),
                findingsWith("appointments", Finding.FUTURE_COMPLETED));
        // 10015 an old cancellation with neither reason nor time; 10021 a class no-show recorded without them
        assertEquals(Set.of(new Finding("appointment-10015", "new_cancellationreason", Finding.CANCELLED_WITHOUT_REASON),
                new Finding("appointment-10021", "new_cancellationreason", Finding.CANCELLED_WITHOUT_REASON)),
                findingsWith("appointments", Finding.CANCELLED_WITHOUT_REASON));
        assertEquals(Set.of(new Finding("appointment-10016", "scheduledend", Finding.END_NOT_AFTER_START),
                new Finding("appointment-10017", "scheduledend", Finding.END_NOT_AFTER_START)),
                findingsWith("appointments", Finding.END_NOT_AFTER_START));
        TargetRecord reversed = record("appointments", "appointment-10017");
        assertEquals("2024-03-04T19:30:00Z", reversed.attributes.get("scheduledend").asText(), "as the source has it");
        assertEquals(-30, reversed.attributes.get("new_durationminutes").asInt());
        assertTrue(reversed.attributes.get("scheduleddurationminutes").isNull(), "below the column's minimum: to the note");
        assertEquals(StateRules.APPOINTMENT_COMPLETED, record("appointments", "appointment-10014").state);
    }

    @Test
    void h18_aPlaceholderDateOfBirthIsReportedAndMigratedAsIs() {
        assertEquals(Set.of(new Finding("client-1017", "birthdate", Finding.DOB_PLACEHOLDER)),
                findingsWith("clients", Finding.DOB_PLACEHOLDER));
        assertEquals("1900-01-01", text("clients", "client-1017", "birthdate"));
    }

    @Test
    void h18_aDateOfBirthAfterTheClientsFirstVisitIsReportedAndMigratedAsIs() throws Exception {
        // anchor 1039 (DOB 2024-09-01) has no appointment in the sample: give it a visit in a copy, the
        // COMPLETED follow-up of 2024-02-19, seven months before that date of birth
        ExportFixture copy = copyOfSample()
                .edit("appointments.csv", swap("10002,CLIENT,1001,", "10002,CLIENT,1039,"))
                .reseal();
        ExportIndex changed = ExportIndex.build(ExportPackage.open(copy.dir()));
        assertEquals(LocalDate.of(2024, 2, 19), changed.clientFacts().firstVisit(1039L));
        MappingContext c = context(changed, Long.MAX_VALUE);
        Set<Finding> found = new HashSet<>();
        for (SourceRow row : rows(changed, GpmFile.CLIENTS)) {
            MappingResult r = new RecordMapper(c).map(SPEC.get("clients"), row, "run-1", 1);
            found.addAll(only(r, Finding.DOB_AFTER_FIRST_VISIT));
        }
        assertEquals(Set.of(new Finding("client-1039", "birthdate", Finding.DOB_AFTER_FIRST_VISIT)), found);
        assertEquals("2024-09-01",
                map(c, "clients", GpmFile.CLIENTS, 1039).records().get(0).attributes.get("birthdate").asText());
        // a visit that did not happen does not count: 1008's only booking was cancelled
        assertNull(changed.clientFacts().firstVisit(1008L));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static MappingContext context(ExportIndex index, long maxUploadBytes) {
        ExportPackage.Manifest m = index.exportPackage().manifest();
        return new MappingContext(index, new RecordIds(m.practiceName()), ContactPoints.regionOf(m.sourceRegion()),
                CodeLists::get, m.dataCutoffAt().toInstant(), false, index.source().documents(),
                () -> maxUploadBytes);
    }

    /** Every row of an object's file in the bundled sample, mapped once, by migration key. */
    static synchronized Map<String, MappingResult> mapped(String object) {
        return MAPPED.computeIfAbsent(object, o -> {
            MappingSpec.ObjectMap spec = SPEC.get(o);
            Map<String, MappingResult> out = new LinkedHashMap<>();
            RecordMapper mapper = new RecordMapper(ctx);
            for (SourceRow row : rows(index, GpmFile.byFileName(spec.file()))) {
                out.put(row.migrationKey(), mapper.map(spec, row, "run-1", 1));
            }
            return out;
        });
    }

    /** The findings with {@code code} over every row of the object in the bundled sample. */
    static Set<Finding> findingsWith(String object, String code) {
        return mapped(object).values().stream().flatMap(r -> r.findings().stream()).filter(f -> f.code().equals(code))
                .collect(Collectors.toSet());
    }

    static String text(String object, String key, String column) {
        return record(object, key).attributes.get(column).asText();
    }

    static TargetRecord record(String object, String key) {
        MappingResult r = mapped(object).get(key);
        assertFalse(r == null || r.isSkipped(), key + " is mapped");
        return r.records().get(0);
    }

    static String unmappedNote(String object, String key) {
        MappingResult r = mapped(object).get(key);
        return r.records().stream().filter(t -> t.key.equals(key + "-unmapped")).findFirst().orElseThrow()
                .attributes.get("notetext").asText();
    }

    static List<Finding> only(MappingResult r, String code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    static void assertNames(String key, String first, String last) {
        TargetRecord r = record("clients", key);
        assertEquals(first, r.attributes.get("firstname").asText(), key);
        assertEquals(last, r.attributes.get("lastname").asText(), key);
    }

    static MappingResult map(ExportIndex index, String object, GpmFile file, long id) {
        return map(context(index, Long.MAX_VALUE), object, file, id);
    }

    static MappingResult map(MappingContext c, String object, GpmFile file, long id) {
        SourceRow row = rows(c.index(), file).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        return new RecordMapper(c).map(SPEC.get(object), row, "run-1", 1);
    }

    /** The accepted rows of a file; a rejected row fails the test (the sample and its copies are valid packages). */
    static List<SourceRow> rows(ExportIndex index, GpmFile file) {
        try (RowStream stream = index.exportPackage().rows(file)) {
            List<SourceRow> out = new ArrayList<>();
            while (stream.hasNext()) {
                RowResult r = stream.next();
                assertTrue(r instanceof SourceRow, () -> file.fileName() + " rejected a row: " + r);
                out.add((SourceRow) r);
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<Long, SourceRow> byId(ExportPackage pkg, GpmFile file) throws Exception {
        Map<Long, SourceRow> out = new LinkedHashMap<>();
        try (RowStream stream = pkg.rows(file)) {
            while (stream.hasNext()) {
                RowResult r = stream.next();
                assertTrue(r instanceof SourceRow, () -> file.fileName() + " rejected a row: " + r);
                out.put(((SourceRow) r).id(), (SourceRow) r);
            }
        }
        return out;
    }

    static synchronized ExportFixture copyOfSample() {
        ExportFixture copy = ExportFixture.copyOfSample();
        COPIES.add(copy.dir());
        return copy;
    }

    /** Replaces the start of the one line that starts with {@code from}. */
    static UnaryOperator<String> swap(String from, String to) {
        return line(from, l -> to + l.substring(from.length()));
    }

    /** Changes the one physical line starting with {@code prefix}; fails when there is not exactly one. */
    static UnaryOperator<String> line(String prefix, UnaryOperator<String> change) {
        return text -> {
            String[] lines = text.split("\r\n", -1);
            int hits = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith(prefix)) {
                    String changed = change.apply(lines[i]);
                    assertNotEquals(lines[i], changed, "the edit of '" + prefix + "' changed nothing");
                    lines[i] = changed;
                    hits++;
                }
            }
            assertEquals(1, hits, "lines starting with '" + prefix + "'");
            return String.join("\r\n", lines);
        };
    }

    static String decoded(TargetRecord note) {
        return new String(Base64.getDecoder().decode(note.attributes.get("documentbody").asText()), StandardCharsets.UTF_8);
    }

    /** Owner resolution over the sample's practitioners and the emulator's seeded users (dataverse-users.json). */
    static OwnerDirectory sampleOwners() throws IOException {
        List<SystemUser> users = new ArrayList<>();
        for (JsonNode u : new ObjectMapper().readTree(Path.of("src/main/sample/dataverse-users.json").toFile())) {
            String email = u.get("email").asText();
            users.add(new SystemUser(UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)), email,
                    u.get("isdisabled").asBoolean(), false));
        }
        return OwnerDirectory.resolve(index.practitioners().values(), users, "migration.owner@harbourside.example");
    }
}
