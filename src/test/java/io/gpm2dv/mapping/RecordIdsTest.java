package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RecordIdsTest {

    // expected values computed independently with Python's uuid.uuid5
    @Test
    void idsAreRfc4122NameBasedUuidsUnderTheMigrationNamespace() {
        RecordIds ids = new RecordIds("Harbourside Physiotherapy Ltd");
        assertEquals(UUID.fromString("57453b0a-4d1c-55e4-85c7-5285fb3e0935"), ids.namespace());
        assertEquals(UUID.fromString("5915741d-4821-52e9-805a-8b41ad28aa3c"), ids.idFor("client-1042"));
        assertEquals(UUID.fromString("5846647a-c3c8-500d-adb9-75550f355199"), ids.idFor("organisation-12"));
        assertEquals(5, ids.idFor("client-1042").version());
    }

    @Test
    void anotherMigrationIdGivesOtherRecordIds() {
        assertNotEquals(new RecordIds("A").idFor("client-1"), new RecordIds("B").idFor("client-1"));
    }
}
