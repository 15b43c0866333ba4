package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** H03 invalid emails and H04 invalid phones. */
class ContactPointsTest {

    @Test
    void h03_invalidEmailsAreNotGuessed() {
        assertNull(ContactPoints.firstValidEmail("jo@gmail"));
        assertNull(ContactPoints.firstValidEmail("none@none.com"));
        assertNull(ContactPoints.firstValidEmail("   "));
    }

    @Test
    void h03_listsKeepTheFirstValidAddressAndPrefixesAndSpacesGo() {
        assertEquals("a@b.co.nz", ContactPoints.firstValidEmail("a@b.co.nz; c@d.nz"));
        assertEquals("x@y.nz", ContactPoints.firstValidEmail("jo@gmail, x@y.nz"));
        assertEquals("ana@example.co.nz", ContactPoints.firstValidEmail("mailto:ana@example.co.nz  "));
    }

    @Test
    void h04_nzNumbersBecomeE164WithTheSitesCountry() {
        assertEquals("+64211234567", ContactPoints.phone("021 123 4567", "NZ").e164());
        assertTrue(ContactPoints.phone("021 123 4567", "NZ").mobile());
        assertEquals("+64211234567", ContactPoints.phone("+64 21 1234567", "NZ").e164());
        assertEquals("+6495551234", ContactPoints.phone("(09) 555-1234", "NZ").e164());
        assertFalse(ContactPoints.phone("(09) 555-1234", "NZ").mobile());
        assertEquals("+64211234567", ContactPoints.phone("0064 21 123 4567", "NZ").e164());
    }

    @Test
    void h04_unparseableTextIsNotANumber() {
        assertNull(ContactPoints.phone("ph after 5pm 021", "NZ"));
        assertNull(ContactPoints.phone("n/a", "NZ"));
    }

    @Test
    void countryCodesBecomeEnglishNames() {
        assertEquals("New Zealand", ContactPoints.countryName("NZ"));
        assertEquals("Australia", ContactPoints.countryName("AU"));
        assertEquals("GB", ContactPoints.regionOf("UK"));
    }
}
