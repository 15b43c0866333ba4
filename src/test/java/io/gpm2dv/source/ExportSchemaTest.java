package io.gpm2dv.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Spot checks of the §8 transcription, written from the document rather than from the code. */
class ExportSchemaTest {
    @Test
    void everyFileStartsWithItsKeyAndEndsWithAuditColumns() {
        for (GpmFile f : GpmFile.values()) {
            List<String> names = ExportSchema.of(f).columnNames();
            assertEquals(f.primaryKey(), names.get(0), f.fileName());
            assertEquals(List.of("created_at", "updated_at"), names.subList(names.size() - 2, names.size()), f.fileName());
        }
    }

    @Test
    void sitesExpandTheAddressGroupInPlace() {
        assertEquals(List.of("site_id", "site_name", "vendor_code", "vendor_name", "address_line1", "address_line2",
                "suburb", "city", "region", "postcode", "country_code", "phone", "email", "timezone", "gst_number",
                "acc_vendor_number", "hpi_facility_id", "cancellation_fee", "no_show_fee", "is_active", "created_at",
                "updated_at"), ExportSchema.of(GpmFile.SITES).columnNames());
    }

    @Test
    void typesNullabilityAndKeysFollowSection8() {
        FileSchema clients = ExportSchema.of(GpmFile.CLIENTS);
        assertEquals(ColumnType.string(60), clients.column("last_name").type());
        assertFalse(clients.column("last_name").nullable());
        assertTrue(clients.column("first_name").nullable());
        assertEquals("code GENDER", clients.column("gender").type().toString());
        assertEquals(GpmFile.CLIENTS, clients.column("merged_into_client_id").references());
        assertEquals(GpmFile.CLIENT_ORGANISATIONS, clients.column("employer_organisation_id").references());
        assertEquals(ColumnType.TEXT, clients.column("general_notes").type());
        FileSchema lines = ExportSchema.of(GpmFile.INVOICE_LINES);
        assertEquals("decimal(12,4)", lines.column("unit_price_excl_tax").type().toString());
        assertEquals("decimal(5,4)", lines.column("tax_rate").type().toString());
        assertEquals(ColumnType.JSON_STRINGS, ExportSchema.of(GpmFile.CUSTOM_FIELD_VALUES).column("value_options").type());
        assertEquals(ColumnType.JSON, ExportSchema.of(GpmFile.CLINICAL_NOTES).column("sections").type());
        assertEquals(ColumnType.INTEGER, ExportSchema.of(GpmFile.DOCUMENTS).column("size_bytes").type());
        assertEquals(47, clients.columns().size());
    }

    @Test
    void codeListsAreThoseOfSection7() {
        assertEquals(List.of("BOOKED", "CONFIRMED", "ARRIVED", "COMPLETED", "DNA", "CANCELLED"),
                CodeLists.get("APPOINTMENT_STATUS"));
        assertEquals(List.of("IN", "OUT"), CodeLists.get("DIRECTION"));
        assertEquals(33, CodeLists.all().size());
    }
}
