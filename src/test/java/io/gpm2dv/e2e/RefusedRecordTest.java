package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.mapping.RecordIds;
import io.gpm2dv.pipeline.RunStatus;
import io.restassured.RestAssured;
import io.gpm2dv.reconcile.ObjectReconciliation;
import io.gpm2dv.reconcile.Reconciler;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.gpm2dv.testing.MappingFiles;
import io.gpm2dv.testing.ReportFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An operator's mapping file lets clients' surnames run to 200 characters, where Dataverse's contact.lastname
 * takes 50: Dataverse refuses the two clients whose surname is longer (1011 and 1029). Those records alone are
 * dead-lettered, with a reason naming code and column (never the surname), and so is the note of unmapped values
 * that needed one of them, and their appointment and note (a child is never written without its parent); every other
 * row loads, and the run exits 3 listing them.
 */
@QuarkusTest
@TestProfile(RefusedRecordTest.WideSurnames.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class RefusedRecordTest {
    static final Path REPORTS = Path.of("target/test-reports/refused-record");
    static final String SURNAME = "Ōkahukura-Tautahi";

    /** The default map with clients' lastname max 200 instead of Dataverse's 50. */
    public static class WideSurnames implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            java.nio.file.Path map = MappingFiles.wideSurnames();
            try {
                // a headless run confirms its mapping file by the SHA-256 of its bytes
                return Map.of("migration.mapping-file", map.toString(), "migration.report-dir", REPORTS.toString(),
                        "migration.confirmed-mapping-sha256",
                        io.gpm2dv.mapping.MapInForce.sha256(java.nio.file.Files.readAllBytes(map)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    Reconciler reconciler;

    @Inject
    RunRegistry runs;

    @Inject
    DataverseClient dataverseClient;

    @BeforeAll
    static void emptyTarget() {
        EmulatorResource.emulator().reset();
    }

    @Test
    void theRefusedRecordsAreDeadLetteredAndListedAndTheRunExitsThree() {
        RunOutcome outcome = runner.runFull();
        assertEquals(RunStatus.COMPLETE_WITH_FAILURES, outcome.status(), outcome.message());
        assertEquals(3, outcome.exitCode());
        ObjectReconciliation clients = outcome.reconciliation().objects().stream()
                .filter(o -> o.object().equals("clients")).findFirst().orElseThrow();
        assertEquals(147, clients.loaded());
        assertEquals(2, clients.deadLettered());
        assertTrue(clients.balanced());

        List<JsonNode> dead = ReportFile.of(REPORTS, outcome.reconciliation().runNumber()).list("deadLettered");
        // the refused clients, and what hangs off them: the parent will not come, so the child is not written bare
        assertEquals(java.util.Set.of("client-1011", "client-1029", "client-1011-unmapped", "appointment-10025", "note-20007"),
                dead.stream().map(x -> x.path("key").asText()).collect(java.util.stream.Collectors.toSet()),
                "only the refused clients and the records that needed one are dead-lettered: " + dead);
        dead.stream().filter(x -> !x.path("key").asText().matches("client-10(11|29)")).forEach(child -> assertTrue(
                child.path("reason").asText().matches("parent client-10(11|29) was not loaded in this run.*"), child.toString()));
        JsonNode d = dead.stream().filter(x -> x.path("key").asText().equals("client-1029")).findFirst().orElseThrow();
        assertEquals("sink", d.path("stage").asText());
        String reason = d.path("reason").asText();
        assertTrue(reason.contains("400") && reason.contains("0x80044331") && reason.contains("StringLengthTooLong")
                && reason.contains("column lastname"), reason);
        assertFalse(d.toString().contains(SURNAME), "the report never carries the value");
        assertTrue(reconciler.deadLetterLines(outcome.runId(), 20).contains("client-1029"), "the console lists it");

        DataverseTestClient dataverse = EmulatorResource.client();
        assertTrue(dataverse.query("contacts", "contactid", "new_gensolveid eq 'client-1029'").isEmpty());
        assertEquals(147, dataverse.query("contacts", "contactid", "startswith(new_gensolveid,'client-')").size());

        retryingSendsAgainWhatCanSucceedNowAndKeepsTheRestAsPermanent(outcome.runId());
    }

    /**
     * The dead-letter retry (API): an admin puts clients 1011 and 1029 in Dataverse by hand; the children that waited are
     * sent again and load, the note of unmapped values too; the two clients Dataverse refused for their own values are
     * permanent failures, listed with their reason in the retry run's reconciliation.
     */
    private void retryingSendsAgainWhatCanSucceedNowAndKeepsTheRestAsPermanent(String runId) {
        RecordIds ids = new RecordIds("Harbourside Physiotherapy Ltd");
        for (String client : List.of("client-1011", "client-1029")) {
            dataverseClient.patch("contacts", ids.idFor(client), JsonNodeFactory.instance.objectNode()
                    .put("lastname", "Entered by hand"), false);
        }

        io.restassured.path.json.JsonPath answer = RestAssured.given().header("Authorization", "Bearer test-only-api-key")
                .contentType("application/json").body("{\"runId\": \"" + runId + "\"}")
                .post("/api/dead-letters/retry").then().statusCode(202).extract().jsonPath();
        assertEquals(3, answer.getInt("retried"), "the three children of the refused clients");
        assertEquals(2, answer.getInt("permanent"), "the two clients Dataverse refused for their own values");
        String retryRun = answer.getString("runId");
        long deadline = System.currentTimeMillis() + 120_000;
        while ("RUNNING".equals(runs.find(retryRun).orElseThrow().status()) && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals("COMPLETE", runs.find(retryRun).orElseThrow().status());
        DataverseTestClient dataverse = EmulatorResource.client();
        assertEquals(1, dataverse.query("appointments", "activityid", "new_gensolveid eq 'appointment-10025'").size());
        assertTrue(dataverseClient.retrieve("annotations", ids.idFor("note-20007"), "annotationid", false).isPresent());
        List<JsonNode> permanent = ReportFile.of(REPORTS, runs.find(retryRun).orElseThrow().runNumber()).list("findings")
                .stream().filter(f -> "PERMANENT_FAILURE".equals(f.path("code").asText())).toList();
        assertEquals(java.util.Set.of("client-1011", "client-1029"), permanent.stream().map(f -> f.path("key").asText())
                .collect(java.util.stream.Collectors.toSet()), permanent.toString());

        // asked again, nothing is left to retry: each dead letter was decided once
        io.restassured.path.json.JsonPath again = RestAssured.given().header("Authorization", "Bearer test-only-api-key")
                .contentType("application/json").body("{\"runId\": \"" + runId + "\"}")
                .post("/api/dead-letters/retry").then().statusCode(202).extract().jsonPath();
        assertEquals(0, again.getInt("retried"));
        assertEquals(0, again.getInt("permanent"));
    }
}
