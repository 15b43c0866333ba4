package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.gpm2dv.source.GpmFile;

class MappingSpecTest {

    @Test
    void theDefaultMapListsItsObjectsInWriteOrder() {
        MappingSpec spec = MappingSpec.defaultMap();
        assertEquals(List.of("sites", "practitioners", "organisations", "referrers", "clients", "conditions", "referrals", "appointments",
                        "communications", "notes", "documents", "invoices", "invoice-lines"),
                spec.objects().stream().map(MappingSpec.ObjectMap::object).toList());
        for (MappingSpec.ObjectMap om : spec.objects()) {
            assertEquals(om.file(), GpmFile.byFileName(om.file()).fileName(), om.object() + " names an export file");
        }
    }

    @Test
    void aTypoInAConfirmedMapIsRefusedNotIgnored() {
        String yaml = "objects:\n  - object: sites\n    file: sites.csv\n    tabel: businessunit\n";
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> MappingSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        assertEquals("tabel", e.getPropertyName(), "the refusal names the unknown key");
    }
}
