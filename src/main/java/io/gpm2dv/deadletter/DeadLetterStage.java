package io.gpm2dv.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.TextNode;

import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.pipeline.DeadLetter;
import io.gpm2dv.pipeline.Delivery;
import io.gpm2dv.pipeline.SafeText;
import io.gpm2dv.pipeline.StageBatch;
import io.gpm2dv.pipeline.StageMessages;

/**
 * Behind the {@code dead-letter} route: keeps each dead letter and sets the record's fate. A message on the
 * dead-letter topic that is not a dead letter cannot go back to that topic; it is kept here as the dead letter of
 * its own position, with its raw text. A ledger failure escapes: the stage gate holds the batch and tries again
 * (storing is idempotent).
 */
@ApplicationScoped
@Named("deadLetterStage")
public class DeadLetterStage {
    static final String STAGE = "dead-letter";
    private static final Logger LOG = Logger.getLogger(DeadLetterStage.class);

    @Inject
    DeadLetterStore store;

    @Inject
    RunRegistry runs;

    @Inject
    StageMessages messages;

    public void record(StageBatch batch) {
        for (Delivery d : batch.deliveries()) {
            DeadLetter dl;
            try {
                dl = messages.read(d, DeadLetter.class);
                if (dl.runId() == null || dl.key() == null || dl.stage() == null || dl.object() == null) {
                    throw new IllegalArgumentException("not a dead letter");
                }
            } catch (Exception unreadable) {
                LOG.warnf("Dead letter: message at %s kept as unreadable", d.position());
                String runId = runs.runOf(d.runId());
                dl = DeadLetter.unreadable(runId, STAGE, d, "unreadable message: " + SafeText.of(unreadable),
                        d.body() == null ? null : TextNode.valueOf(d.body()));
            }
            store.record(dl);
        }
    }
}
