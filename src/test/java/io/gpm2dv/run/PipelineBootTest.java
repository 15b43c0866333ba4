package io.gpm2dv.run;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.gpm2dv.testing.EmulatorResource;
import io.gpm2dv.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EmulatorResource.class)
class PipelineBootTest {
    @Inject
    CamelContext camel;

    @Test
    void everyStageRouteIsThere() {
        for (String id : new String[] {"gpm-extract-clients", "map-clients", "owner-contact", "dv-sink-contact", "dead-letter"}) {
            assertNotNull(camel.getRoute(id), id);
        }
    }
}
