package io.gpm2dv.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.emulator.DataverseEmulator;
import io.gpm2dv.mapping.MigrationContext;
import io.gpm2dv.pipeline.RunStatus;
import io.gpm2dv.run.MigrationRunner;
import io.gpm2dv.run.RunOutcome;
import io.gpm2dv.schema.SchemaApplier;
import io.gpm2dv.schema.SchemaPlan;
import io.gpm2dv.schema.SchemaStep;
import io.gpm2dv.testing.DataverseTestClient;
import io.gpm2dv.testing.EmulatorMetadataHttp;
import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The schema step and custom form fields end to end, against an emulator that starts as a fresh Dataverse org: a
 * run while one custom column is missing is refused with that column named and nothing moves; applying the plan
 * (the bean method the operator API calls) lets the next run complete, and the sample's custom values land on their
 * columns — a picklist, a multi-select, a boolean, a date, a date with time — while an answer that is not an option
 * is kept in the client's note.
 */
@QuarkusTest
@TestProfile(CustomFieldsTest.EmptyOrg.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomFieldsTest {
    static final Path REPORTS = Path.of("target/test-reports/custom-fields");
    static final String MISSING = "new_cf_preferred_contact";
    static DataverseEmulator target;

    public static class EmptyOrg implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (target == null) {
                target = EmulatorResource.startOwn(o -> o.withEmptyOrg(true));
            }
            return EmulatorResource.pointingAt(target, Map.of("migration.report-dir", REPORTS.toString(),
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:ledger-custom-fields;DB_CLOSE_DELAY=-1"));
        }
    }

    @Inject
    MigrationRunner runner;

    @Inject
    SchemaStep schema;

    @Inject
    MigrationContext context;

    @Test
    @Order(1)
    void aRunAgainstATargetMissingOneCustomColumnIsRefusedWithThatColumnNamed() {
        SchemaPlan full = schema.plan();
        SchemaPlan allButOne = new SchemaPlan(full.written(), full.tables(), full.columns().stream()
                .filter(c -> !c.logicalName().equals(MISSING)).toList(), full.keys(), full.notPlanned());
        SchemaApplier.Result applied = new SchemaApplier(new EmulatorMetadataHttp(target.baseUrl()), null,
                Duration.ofSeconds(60), Duration.ofMillis(100)).apply(allButOne);
        assertEquals(List.of(), applied.remaining());

        Map<String, Integer> before = target.deliveries();
        RunOutcome outcome = runner.runFull();
        assertEquals(RunStatus.REFUSED, outcome.status());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.message().contains("column contact." + MISSING + " (Choice)"), outcome.message());
        assertEquals(1, outcome.message().split("column ", -1).length - 1, "only that column: " + outcome.message());
        assertEquals(before, target.deliveries(), "nothing moved");
        assertTrue(Files.exists(REPORTS.resolve("schema-plan.md")), "the plan is written at every run start");
    }

    @Test
    @Order(2)
    void applyingThePlanLetsTheRunCompleteAndCustomValuesLandOnTheirColumns() throws Exception {
        SchemaApplier.Result applied = schema.planAndApply();
        assertEquals(List.of("column contact." + MISSING + " (Choice)"), applied.created());
        assertEquals(List.of(), applied.remaining());

        RunOutcome outcome = runner.runFull();
        assertEquals(RunStatus.COMPLETE, outcome.status(), outcome.message());

        DataverseTestClient dv = new DataverseTestClient(target.baseUrl());
        JsonNode client = dv.retrieve("contacts", context.recordIds().idFor("client-1001"));
        assertEquals(100_000_002, client.path(MISSING).asInt(), "picklist: SMS is the third option");
        assertEquals("2024-01-20", client.path("new_cf_injury_date").asText(), "date: the same calendar date");
        assertTrue(client.path("new_cf_consent_signed").asBoolean(), "boolean");
        assertEquals(6.0, client.path("new_cf_pain_score").asDouble(), 0.0001, "number");

        // the user the sample's directory holds for practitioner 11 (its address as Entra ID spells it)
        JsonNode aroha = dv.query("systemusers", "fullname,new_cf_languages", "fullname eq 'Aroha Ngata'").get(0);
        assertEquals("100000000,100000001", aroha.path("new_cf_languages").asText(), "multi-select: English and te reo Māori");

        JsonNode visit = dv.retrieve("appointments", context.recordIds().idFor("appointment-10001"));
        assertEquals("2024-02-11T20:55:00Z", visit.path("new_cf_arrival_time").asText(), "a date with time: the same instant");

        JsonNode leilani = dv.retrieve("contacts", context.recordIds().idFor("client-1020"));
        assertTrue(leilani.path(MISSING).isNull() || leilani.path(MISSING).isMissingNode(), "Fax is not an option: left empty");
        JsonNode note = dv.retrieve("annotations", context.recordIds().idFor("client-1020-unmapped"));
        String text = note.path("notetext").asText();
        assertTrue(text.contains("preferred_contact") && text.contains("Fax"), "the raw answer is kept in the note");

        String plan = Files.readString(REPORTS.resolve("schema-plan.md"));
        assertTrue(plan.contains("`" + MISSING + "` \"Preferred contact\": Choice, options 100000000 Phone"), plan);
        assertTrue(plan.contains("custom value 60018 (pain_score) belongs to CLIENT 1999"), "the orphan value is reported");
        assertFalse(plan.contains("Fax"), "the plan holds definitions, not record data");
    }
}
