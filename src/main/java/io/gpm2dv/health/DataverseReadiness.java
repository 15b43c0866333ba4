package io.gpm2dv.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.gpm2dv.dataverse.ApplicationUsers;
import io.gpm2dv.dataverse.DataverseTokenProvider;

/** Ready only when a Dataverse token can be obtained with the configured credentials. */
@Readiness
@ApplicationScoped
public class DataverseReadiness implements HealthCheck {
    @Inject
    DataverseTokenProvider tokens;

    @Inject
    ApplicationUsers users;

    @ConfigProperty(name = "gpm2dv.pipeline.enabled", defaultValue = "true")
    boolean pipelineEnabled;

    @Override
    public HealthCheckResponse call() {
        if (!pipelineEnabled) {
            return HealthCheckResponse.named("dataverse-token").up().withData("pipeline", "disabled").build();
        }
        try {
            users.all().forEach(tokens::accessToken); // every application user signs in
            return HealthCheckResponse.named("dataverse-token").up().withData("applicationUsers", users.all().size()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("dataverse-token").down()
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
