package io.gpm2dv.run;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.gpm2dv.audit.MappingLedger;
import io.gpm2dv.mapping.MapInForce;
import io.gpm2dv.pipeline.MigrationConfig;

/**
 * Nothing moves until a person has confirmed the map in force, as it is now: a confirmation names the SHA-256 of the
 * map's bytes, so an edited map is a new, unconfirmed map. A person confirms through the operator API; a headless run
 * through {@code migration.confirmed-mapping-sha256}; the local profile confirms the bundled default map on the
 * operator's behalf. Every confirmation is recorded in the ledger with who, when and how.
 */
@ApplicationScoped
public class MappingConfirmation {
    private static final Logger LOG = Logger.getLogger(MappingConfirmation.class);

    @Inject
    MigrationConfig config;

    @Inject
    MappingLedger ledger;

    /** Whether the map has a confirmation that still counts (made since it came into force). */
    public boolean isConfirmed(MapInForce map) {
        return ledger.confirmation(map.sha256(), map.since()).isPresent();
    }

    /** A person confirms the map they reviewed; false when it is not the map in force (nothing is recorded). */
    public boolean confirm(MapInForce map, String reviewedSha256, String who) {
        if (!map.sha256().equalsIgnoreCase(reviewedSha256 == null ? "" : reviewedSha256.trim())) {
            return false;
        }
        ledger.confirm(map.sha256(), who, "api");
        LOG.infof("Map %s confirmed by %s", map.sha256(), who);
        return true;
    }

    /** Why a run may not start with this map, or empty when it is confirmed (recording a confirmation by configuration). */
    public Optional<String> refusal(MapInForce map) {
        if (isConfirmed(map)) {
            return Optional.empty();
        }
        Optional<String> configured = config.confirmedMappingSha256().map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            if (configured.get().equalsIgnoreCase(map.sha256())) {
                ledger.confirm(map.sha256(), config.operator(), "configuration");
                return Optional.empty();
            }
            return Optional.of("migration.confirmed-mapping-sha256 (" + configured.get() + ") is not the SHA-256 of "
                    + map.describe() + ", which is " + map.sha256() + ": the map changed since it was confirmed. Review"
                    + " it, then set migration.confirmed-mapping-sha256=" + map.sha256());
        }
        if (config.confirmBundledMap() && map.origin() == MapInForce.Origin.BUNDLED) {
            ledger.confirm(map.sha256(), config.operator(), "local-profile");
            LOG.infof("Confirmed the bundled default map on your behalf (local profile): SHA-256 %s", map.sha256());
            return Optional.empty();
        }
        return Optional.of(map.describe() + " (SHA-256 " + map.sha256() + ") is not confirmed: nothing moves until a"
                + " person confirms the map. Review it (GET /api/mapping, mapping-proposal.html), then confirm it with"
                + " POST /api/mapping/confirm {\"sha256\": \"" + map.sha256() + "\"}, or, for a headless run, set"
                + " migration.confirmed-mapping-sha256=" + map.sha256());
    }
}
