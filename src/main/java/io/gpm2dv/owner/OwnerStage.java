package io.gpm2dv.owner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.audit.Fate;
import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.pipeline.TargetRecord;
import io.gpm2dv.pipeline.DeadLetter;
import io.gpm2dv.pipeline.Delivery;
import io.gpm2dv.pipeline.DependencyFailure;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.pipeline.StageBatch;
import io.gpm2dv.pipeline.StageMessages;
import io.gpm2dv.pipeline.StageMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The owner-resolution stage behind {@code owner-<table>}: gives each record its owner (the practitioner's
 * enabled user, else the fallback owner), fills directory lookups such as the parent business unit, and
 * turns a practitioner record into an update of its matched system user — or a skip when there is none. A
 * message it cannot read, or a record it cannot resolve, is dead-lettered; Dataverse or ledger failures escape
 * so the stage gate holds the batch.
 */
@ApplicationScoped
@Named("ownerStage")
public class OwnerStage {
    static final String STAGE = "owner";
    private static final Logger LOG = Logger.getLogger(OwnerStage.class);

    @Inject
    TargetDirectory directory;

    @Inject
    PriceLists priceLists;

    @Inject
    RecordFates fates;

    @Inject
    RunRegistry runs;

    @Inject
    StageMessages messages;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    public List<Message> resolve(StageBatch batch) {
        List<Message> out = new ArrayList<>();
        for (Delivery d : batch.deliveries()) {
            Optional<TargetRecord> read = messages.readOrDeadLetter(d, TargetRecord.class,
                    x -> x.runId != null && x.key != null && x.object != null && x.table != null, STAGE, runs::runOf, out);
            if (read.isEmpty()) {
                continue;
            }
            TargetRecord r = read.get();
            if (!runs.isRunning(r.runId)) {
                count(r, "stale-run");
                continue;
            }
            try {
                resolve(r).ifPresent(out::add);
            } catch (RuntimeException e) {
                if (e instanceof DependencyFailure f && f.dependency() != null) {
                    throw e;
                }
                String reason = "owner resolution failed: " + SafeText.of(e);
                LOG.warnf("Owner: %s dead-lettered: %s", r.key, reason);
                count(r, "dead-lettered");
                out.add(messages.deadLetter(DeadLetter.of(r.runId, STAGE, r.object, r.key, r.sourceFile, r.sourceRow,
                        null, reason, null, json.valueToTree(r)).from(d)));
            }
        }
        return out;
    }

    private Optional<Message> resolve(TargetRecord r) {
        OwnerDirectory owners = directory.owners(r.runId);
        if (r.updateOnly && r.matchPractitionerId != null) {
            OwnerDirectory.PractitionerMatch match = owners.matches().get(r.matchPractitionerId);
            if (match == null || match.outcome() != OwnerOutcome.MATCHED) {
                String why = match == null ? "practitioner not in the export" : match.outcome().name();
                fates.recordSkip(r.runId, r.object, r.key, STAGE, "NO_USABLE_USER", "system user not updated: " + why);
                count(r, "skipped");
                return Optional.empty();
            }
            r.id = match.userId();
        }
        for (TargetRecord.DirectoryRef ref : r.directoryRefs) {
            String key = ref.directoryKey();
            UUID target;
            if ("parent-businessunit".equals(key)) {
                target = directory.parentBusinessUnit(r.runId);
            } else if (key.startsWith("currency:")) {
                target = priceLists.currency(r.runId, key.substring("currency:".length()));
            } else if (key.startsWith("pricelist:")) {
                target = priceLists.priceList(r.runId, key.substring("pricelist:".length()));
            } else {
                throw new IllegalArgumentException("unknown directory reference");
            }
            r.attributes.put(ref.navigation() + "@odata.bind", "/" + ref.entitySet() + "(" + target + ")");
        }
        OwnerDirectory.Owner owner = null;
        if (r.ownerRule != TargetRecord.OwnerRule.NONE) {
            owner = r.ownerRule == TargetRecord.OwnerRule.PRACTITIONER
                    ? owners.ownerFor(r.ownerPractitionerId)
                    : new OwnerDirectory.Owner(owners.fallbackUserId(), OwnerOutcome.FALLBACK_NONE);
            r.attributes.put("ownerid@odata.bind", "/systemusers(" + owner.userId() + ")");
            r.ownerOutcome = owner.outcome().name();
            if (r.practitionerColumn != null && r.practitionerLabel != null && !owner.outcome().usable()) {
                // the fallback owner stands in: the activity keeps who it really was (target-mapping §1 Owners)
                r.attributes.put(r.practitionerColumn, r.practitionerLabel);
            }
        }
        if (r.userParty != null) {
            addPracticeParty(r, owners, owner);
        }
        count(r, "resolved");
        return Optional.of(messages.forNextStage(r, r.key, r.runId, r.table));
    }

    /**
     * The practice side of an activity (API §11): the owner user ({@code owner}, the appointment's organizer), or the
     * practitioner's own resolved user ({@code practitioner}), else the address the row used — never the fallback
     * owner, who did not send or receive anything.
     */
    private static void addPracticeParty(TargetRecord r, OwnerDirectory owners, OwnerDirectory.Owner owner) {
        TargetRecord.UserParty p = r.userParty;
        UUID user = null;
        if ("owner".equals(p.user())) {
            user = owner == null ? owners.fallbackUserId() : owner.userId();
        } else if (r.ownerPractitionerId != null) {
            OwnerDirectory.Owner practitioner = owners.ownerFor(r.ownerPractitionerId);
            user = practitioner.outcome().usable() ? practitioner.userId() : null;
        }
        ObjectNode party;
        if (user != null) {
            party = JsonNodeFactory.instance.objectNode()
                    .put("partyid_systemuser@odata.bind", "/systemusers(" + user + ")");
        } else if (p.address() != null) {
            party = JsonNodeFactory.instance.objectNode().put("addressused", p.address());
        } else {
            return;
        }
        party.put("participationtypemask", p.mask());
        ArrayNode parties = r.attributes.has(p.collection())
                ? (ArrayNode) r.attributes.get(p.collection())
                : r.attributes.putArray(p.collection());
        parties.add(party);
    }

    private void count(TargetRecord r, String outcome) {
        StageMetrics.count(metrics, STAGE, r.object, r.table, outcome);
    }
}
