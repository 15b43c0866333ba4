package io.gpm2dv.owner;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.gpm2dv.dataverse.DataverseClient;
import io.gpm2dv.pipeline.ConfigurationException;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.source.ExportSource;

/**
 * What owner resolution reads from the target, once per run: the system users (for practitioner matching
 * and the fallback owner) and the business unit under which site units go.
 */
@ApplicationScoped
public class TargetDirectory {
    @Inject
    DataverseClient client;

    @Inject
    ExportSource exportSource;

    @Inject
    MigrationConfig config;

    private String runId;
    private OwnerDirectory owners;
    private UUID parentBusinessUnit;

    /** The owner directory of a run; read from Dataverse the first time a run asks. */
    public synchronized OwnerDirectory owners(String forRunId) {
        load(forRunId);
        return owners;
    }

    public synchronized UUID parentBusinessUnit(String forRunId) {
        load(forRunId);
        if (parentBusinessUnit == null) {
            String filter = config.parentBusinessUnit()
                    .map(name -> "name eq '" + name.replace("'", "''") + "'")
                    .orElse("_parentbusinessunitid_value eq null");
            List<JsonNode> units = client.queryAll("businessunits", "businessunitid,name", filter);
            if (units.size() != 1) {
                throw new ConfigurationException("migration.parent-business-unit: expected exactly one business unit ("
                        + filter + "), found " + units.size());
            }
            parentBusinessUnit = UUID.fromString(units.get(0).path("businessunitid").asText());
        }
        return parentBusinessUnit;
    }

    /** The system users as Dataverse has them now (not kept: the owner report before a run reads them afresh). */
    public List<SystemUser> users() {
        return client.queryAll("systemusers", "systemuserid,internalemailaddress,isdisabled,applicationid", null)
                .stream()
                .map(u -> new SystemUser(UUID.fromString(u.path("systemuserid").asText()),
                        u.path("internalemailaddress").asText(null), u.path("isdisabled").asBoolean(false),
                        u.hasNonNull("applicationid")))
                .toList();
    }

    private void load(String forRunId) {
        if (owners != null && forRunId != null && forRunId.equals(runId)) {
            return;
        }
        List<SystemUser> users = users();
        owners = OwnerDirectory.resolve(exportSource.index().practitioners().values(), users,
                config.fallbackOwner().orElse(null));
        parentBusinessUnit = null;
        runId = forRunId;
    }
}
