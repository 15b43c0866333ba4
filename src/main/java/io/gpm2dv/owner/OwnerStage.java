package io.gpm2dv.owner;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Message;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.mapping.TargetRecord;
import io.gpm2dv.run.StageMessages;
import io.gpm2dv.run.StageMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The owner-resolution stage behind {@code owner-<table>}: gives each record its owner (the practitioner's
 * enabled user, else the fallback owner), fills directory lookups such as the parent business unit, and
 * turns a practitioner record into an update of its matched system user — or a skip when there is none.
 */
@ApplicationScoped
@Named("ownerStage")
public class OwnerStage {
    static final String STAGE = "owner";

    @Inject
    TargetDirectory directory;

    @Inject
    RecordFates fates;

    @Inject
    StageMessages messages;

    @Inject
    MeterRegistry metrics;

    public List<Message> resolve(String body) {
        TargetRecord r = messages.read(body, TargetRecord.class);
        OwnerDirectory owners = directory.owners(r.runId);
        if (r.updateOnly && r.matchPractitionerId != null) {
            OwnerDirectory.PractitionerMatch match = owners.matches().get(r.matchPractitionerId);
            if (match == null || match.outcome() != OwnerOutcome.MATCHED) {
                String why = match == null ? "practitioner not in the export" : match.outcome().name();
                fates.record(r.runId, r.object, r.key, Fate.SKIPPED, STAGE, "system user not updated: " + why);
                count(r, "skipped");
                return List.of();
            }
            r.id = match.userId();
        }
        for (TargetRecord.DirectoryRef ref : r.directoryRefs) {
            if (!"parent-businessunit".equals(ref.directoryKey())) {
                throw new IllegalArgumentException("unknown directory reference " + ref.directoryKey());
            }
            r.attributes.put(ref.navigation() + "@odata.bind", "/businessunits(" + directory.parentBusinessUnit(r.runId) + ")");
        }
        if (r.ownerRule != TargetRecord.OwnerRule.NONE) {
            OwnerDirectory.Owner owner = r.ownerRule == TargetRecord.OwnerRule.PRACTITIONER
                    ? owners.ownerFor(r.ownerPractitionerId)
                    : new OwnerDirectory.Owner(owners.fallbackUserId(), OwnerOutcome.FALLBACK_NONE);
            r.attributes.put("ownerid@odata.bind", "/systemusers(" + owner.userId() + ")");
            r.ownerOutcome = owner.outcome().name();
        }
        count(r, "resolved");
        return List.of(messages.forNextStage(r, r.key, r.runId, r.table));
    }

    private void count(TargetRecord r, String outcome) {
        StageMetrics.count(metrics, STAGE, r.object, r.table, outcome);
    }
}
