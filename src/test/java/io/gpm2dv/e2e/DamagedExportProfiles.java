package io.gpm2dv.e2e;

import java.util.Map;

import io.gpm2dv.testing.ExportFixture;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Quarkus test profiles whose export is a damaged copy of the bundled sample. */
final class DamagedExportProfiles {
    private DamagedExportProfiles() {
    }

    /** Client 1051's date of birth is not a calendar date; the manifest is re-sealed, so only the row is bad. */
    public static class BadRow implements QuarkusTestProfile {
        static final String BAD_DOB = "1955-02-30";

        @Override
        public Map<String, String> getConfigOverrides() {
            ExportFixture export = ExportFixture.copyOfSample()
                    .edit("clients.csv", csv -> csv.replace(",1955-05-01,MALE,ZCA1020,", "," + BAD_DOB + ",MALE,ZCA1020,"))
                    .reseal();
            return Map.of("gensolve.export.dir", export.dir().toString(), "migration.report-dir", "target/test-reports/bad-row");
        }
    }

    /** One byte of clients.csv changed after the manifest was sealed: the checksum no longer matches. */
    public static class ChecksumMismatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            ExportFixture export = ExportFixture.copyOfSample()
                    .edit("clients.csv", csv -> csv.replace("Forklift driver", "Forklift drivEr"));
            return Map.of("gensolve.export.dir", export.dir().toString(), "migration.report-dir", "target/test-reports/refused");
        }
    }

    /** The five files of the first objects hold only their headers: there is nothing to load. */
    public static class NothingToLoad implements QuarkusTestProfile {
        // every data file of the sample, emptied to its header (objects added later must not make it load anything)
        static final java.util.List<String> FILES = java.util.List.of("sites.csv", "practitioners.csv",
                "client_organisations.csv", "referrers.csv", "clients.csv", "conditions.csv", "client_referrals.csv",
                "appointments.csv", "communications.csv", "clinical_notes.csv", "documents.csv", "invoices.csv",
                "invoice_lines.csv", "payments.csv", "custom_field_definitions.csv", "custom_field_values.csv");

        @Override
        public Map<String, String> getConfigOverrides() {
            ExportFixture export = ExportFixture.copyOfSample();
            for (String file : FILES) {
                export.edit(file, csv -> csv.substring(0, csv.indexOf("\r\n") + 2));
            }
            export.editManifest(m -> {
                m.withArray("files").forEach(f -> {
                    if (FILES.contains(f.get("name").asText())) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) f).put("rows", 0);
                    }
                });
                return m;
            }).reseal();
            return Map.of("gensolve.export.dir", export.dir().toString(), "migration.report-dir", "target/test-reports/empty");
        }
    }
}
