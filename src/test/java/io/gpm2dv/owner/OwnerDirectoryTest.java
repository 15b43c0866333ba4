package io.gpm2dv.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gpm2dv.source.ExportIndex.Practitioner;

class OwnerDirectoryTest {
    static final UUID ANA = UUID.randomUUID();
    static final UUID DISABLED = UUID.randomUUID();
    static final UUID SHARED = UUID.randomUUID();
    static final UUID FALLBACK = UUID.randomUUID();
    static final UUID APP = UUID.randomUUID();

    final List<SystemUser> users = List.of(
            new SystemUser(ANA, "Ana@Clinic.example ", false, false),
            new SystemUser(DISABLED, "gone@clinic.example", true, false),
            new SystemUser(SHARED, "front@clinic.example", false, false),
            new SystemUser(APP, "app@clinic.example", false, true),
            new SystemUser(FALLBACK, "migration.owner@clinic.example", false, false));

    final List<Practitioner> practitioners = List.of(
            new Practitioner(1, "Ana", " ana@clinic.example", true),
            new Practitioner(2, "Gone", "gone@clinic.example", false),
            new Practitioner(3, "Nobody", "nobody@clinic.example", true),
            new Practitioner(4, "Front A", "front@clinic.example", true),
            new Practitioner(5, "Front B", "FRONT@clinic.example", true),
            new Practitioner(6, "App", "app@clinic.example", true));

    OwnerDirectory directory() {
        return OwnerDirectory.resolve(practitioners, users, "migration.owner@clinic.example");
    }

    @Test
    void matchedByEmailCaseInsensitiveAndTrimmed() {
        assertEquals(new OwnerDirectory.Owner(ANA, OwnerOutcome.MATCHED), directory().ownerFor(1L));
    }

    @Test
    void disabledUnmatchedAndApplicationUsersFallBack() {
        assertEquals(new OwnerDirectory.Owner(FALLBACK, OwnerOutcome.FALLBACK_DISABLED), directory().ownerFor(2L));
        assertEquals(new OwnerDirectory.Owner(FALLBACK, OwnerOutcome.FALLBACK_UNMATCHED), directory().ownerFor(3L));
        assertEquals(new OwnerDirectory.Owner(FALLBACK, OwnerOutcome.FALLBACK_UNMATCHED), directory().ownerFor(6L));
    }

    @Test
    void h05_sharedEmailIsUsableButReportedAsShared() {
        assertEquals(new OwnerDirectory.Owner(SHARED, OwnerOutcome.MATCHED_SHARED), directory().ownerFor(4L));
        assertEquals(new OwnerDirectory.Owner(SHARED, OwnerOutcome.MATCHED_SHARED), directory().ownerFor(5L));
    }

    @Test
    void noPractitionerOrUnknownIdFallsBack() {
        assertEquals(OwnerOutcome.FALLBACK_NONE, directory().ownerFor(null).outcome());
        assertEquals(OwnerOutcome.FALLBACK_UNKNOWN_PRACTITIONER, directory().ownerFor(999L).outcome());
    }

    @Test
    void aFallbackOwnerThatIsNotOneEnabledUserRefusesTheRun() {
        assertThrows(IllegalStateException.class, () -> OwnerDirectory.resolve(practitioners, users, "gone@clinic.example"));
        assertThrows(IllegalStateException.class, () -> OwnerDirectory.resolve(practitioners, users, "nobody@x.example"));
        assertThrows(IllegalStateException.class, () -> OwnerDirectory.resolve(practitioners, users, null));
    }
}
