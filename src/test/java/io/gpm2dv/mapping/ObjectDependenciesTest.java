package io.gpm2dv.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ObjectDependenciesTest {

    @Test
    void theDefaultMapWaitsOnlyForTheParentsItsLookupsBind() {
        ObjectDependencies deps = ObjectDependencies.of(MappingSpec.defaultMap());
        assertEquals(Map.ofEntries(
                Map.entry("sites", List.of()),
                Map.entry("practitioners", List.of()),
                Map.entry("organisations", List.of()),
                Map.entry("referrers", List.of("organisations")),
                Map.entry("clients", List.of("organisations")),
                Map.entry("conditions", List.of("organisations", "clients")),
                Map.entry("referrals", List.of("organisations", "referrers", "clients", "conditions")),
                Map.entry("appointments", List.of("clients", "conditions")),
                Map.entry("communications", List.of("clients")),
                Map.entry("notes", List.of("clients")),
                Map.entry("documents", List.of("clients", "appointments", "communications")),
                Map.entry("invoices", List.of("organisations", "clients")),
                Map.entry("invoice-lines", List.of("invoices"))), deps.asMap());
        assertEquals(List.of("sites", "practitioners", "organisations", "referrers", "clients", "conditions", "referrals",
                "appointments", "communications", "notes", "documents", "invoices", "invoice-lines"),
                List.copyOf(deps.asMap().keySet()), "in write order");
    }

    @Test
    void anObjectsPriorityIsTheRowsOnTheLongestChainThatWaitsForIt() {
        ObjectDependencies deps = ObjectDependencies.of(MappingSpec.defaultMap());
        Map<String, Long> rows = Map.ofEntries(Map.entry("organisations", 25L), Map.entry("clients", 600L),
                Map.entry("conditions", 568L), Map.entry("appointments", 2_497L), Map.entry("documents", 147L),
                Map.entry("communications", 1_001L), Map.entry("notes", 1_595L), Map.entry("invoices", 1_983L),
                Map.entry("invoice-lines", 2_300L), Map.entry("referrals", 570L));
        Map<String, Long> chain = deps.chainRows(rows);
        assertEquals(2_497 + 147, chain.get("appointments"), "appointments, then their documents");
        assertEquals(1_983 + 2_300, chain.get("invoices"), "invoices, then their lines");
        assertEquals(1_595, chain.get("notes"), "nothing waits for notes");
        assertEquals(600 + 1_983 + 2_300, chain.get("clients"),
                "clients → invoices → lines is longer than clients → conditions → appointments → documents");
        assertEquals(568 + 2_497 + 147, chain.get("conditions"));
        assertEquals(0, chain.get("sites"), "an object the counts do not name");
        assertTrue(chain.get("organisations") > chain.get("clients"), "everything else waits for organisations");
    }

    @Test
    void independentObjectsStartTogetherAndChildrenAfterTheirParents() {
        ObjectDependencies deps = ObjectDependencies.of(MappingSpec.defaultMap());
        assertTrue(deps.ready("organisations", Set.of()));
        assertTrue(deps.ready("sites", Set.of()));
        assertFalse(deps.ready("clients", Set.of("sites", "practitioners")), "clients wait for organisations");
        assertTrue(deps.ready("clients", Set.of("organisations")), "not for referrers");
        assertTrue(deps.ready("referrers", Set.of("organisations")), "not for clients");
        assertTrue(deps.ready("notes", Set.of("organisations", "clients")), "notes need only their clients");
        assertFalse(deps.ready("invoice-lines", Set.of("organisations", "clients")));
    }

    @Test
    void underContactReferenceInvoicesStillComeAfterTheirClients() {
        MappingSpec base = MappingSpec.defaultMap();
        MappingSpec spec = new MappingSpec(base.restrictedNotes(), base.objects(), MappingSpec.INVOICES_CONTACT_REFERENCE);
        ObjectDependencies deps = ObjectDependencies.of(spec);
        assertEquals(List.of("organisations", "clients"), deps.parentsOf("invoices"));
    }

    @Test
    void aParentTheMapDoesNotHoldOrThatComesLaterIsNoDependency() throws IOException {
        String yaml = """
                objects:
                  - object: clients
                    file: clients.csv
                    table: contact
                    columns:
                      - {target: parentcustomerid_account, source: employer_organisation_id, transform: lookup, lookup: organisation, lookup-set: accounts}
                      - {target: new_referrerid, source: referrer_id, transform: lookup, lookup: referrer, lookup-set: contacts}
                  - object: referrers
                    file: referrers.csv
                    table: contact
                    columns:
                      - {target: new_clientid, source: client_id, transform: lookup, lookup: client, lookup-set: contacts}
                """;
        ObjectDependencies deps = ObjectDependencies.of(MappingSpec.read(new ByteArrayInputStream(
                yaml.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(), deps.parentsOf("clients"), "no organisations in this map, referrers come later");
        assertEquals(List.of("clients"), deps.parentsOf("referrers"));
        assertEquals("clients; referrers ← clients", deps.toString());
    }
}
