package io.gpm2dv.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.pipeline.TargetRecord;

/** A before-image restores exactly the columns a write sends, lookups rebound to what they pointed at. */
class RecordImagesTest {

    @Test
    void aLookupIsReadBackByItsAttributeWhateverTableItsNavigationPropertyNames() {
        assertEquals("new_clientid", RecordImages.lookupAttribute("new_clientid"));
        assertEquals("parentcustomerid", RecordImages.lookupAttribute("parentcustomerid_account"));
        assertEquals("regardingobjectid", RecordImages.lookupAttribute("regardingobjectid_contact_appointment"));
        assertEquals("objectid", RecordImages.lookupAttribute("objectid_contact"));
        assertEquals("transactioncurrencyid", RecordImages.lookupAttribute("transactioncurrencyid"));
        assertEquals("transactioncurrencies", RecordImages.entitySetOf("transactioncurrency"));
        assertEquals("new_conditions", RecordImages.entitySetOf("new_condition"));
    }

    @Test
    void theImageHoldsTheEarlierValueOfEverySentColumnAndRebindsALookupToItsEarlierTable() {
        TargetRecord r = new TargetRecord();
        r.table = "contact";
        r.primaryKey = "contactid";
        r.attributes.put("lastname", "New").put("jobtitle", "Pilot")
                .put("parentcustomerid_account@odata.bind", "/accounts(11111111-1111-1111-1111-111111111111)");
        ObjectNode before = JsonNodeFactory.instance.objectNode().put("lastname", "Old")
                .put("_parentcustomerid_value", "22222222-2222-2222-2222-222222222222")
                .put("_parentcustomerid_value" + RecordImages.LOOKUP_LOGICAL_NAME, "contact")
                .put("_parentcustomerid_value" + RecordImages.NAVIGATION, "parentcustomerid_contact");

        ObjectNode image = RecordImages.beforeImage(r, before, false);

        assertEquals("Old", image.path("lastname").asText());
        assertEquals(true, image.get("jobtitle").isNull(), "a column that had no value is set back to none");
        assertEquals(true, image.get("parentcustomerid_account@odata.bind").isNull());
        assertEquals("/contacts(22222222-2222-2222-2222-222222222222)",
                image.path("parentcustomerid_contact@odata.bind").asText());
        assertEquals(java.util.Set.of("lastname", "jobtitle", "_parentcustomerid_value"),
                RecordImages.selectFor(java.util.List.of(r), false));
    }
}
