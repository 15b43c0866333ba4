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
}
