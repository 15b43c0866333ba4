package io.gpm2dv.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.audit.RecordFates;
import io.gpm2dv.deadletter.DeadLetterStore;
import io.gpm2dv.deadletter.RetryRule;
import io.gpm2dv.pipeline.Finding;

/**
 * Retries a run's dead letters: those that can succeed now ({@link RetryRule}: the parent was missing, Dataverse was
 * throttling or unavailable) are sent again, in a new run of kind {@code retry}, to the stage that refused them; the
 * others are marked PERMANENT and listed, with their reason, as {@code PERMANENT_FAILURE} findings of that run. Each
 * dead letter is retried once per request; one that fails again carries its attempt count.
 */
@ApplicationScoped
public class DeadLetterRetry {
    static final String RETRIED = "RETRIED";
    static final String PERMANENT = "PERMANENT";
    private static final Logger LOG = Logger.getLogger(DeadLetterRetry.class);

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    MigrationRunner runner;

    @Inject
    RecordFates fates;

    @Inject
    ObjectMapper json;

    /** What a retry request did: how many were sent again and how many are permanent, and the retry run started. */
    public record Retry(int retried, int permanent, RunStart start) {
    }

    /** Classifies the run's dead letters not retried yet and starts the retry run (none when nothing is retryable). */
    public Retry start(String runId, String operator) {
        List<RunRequest.Resend> resend = new ArrayList<>();
        List<DeadLetterStore.Stored> permanent = new ArrayList<>();
        List<DeadLetterStore.Stored> retryable = new ArrayList<>();
        deadLetters.forEachStored(runId, d -> {
            if (d.retryState() != null) {
                return; // decided by an earlier request
            }
            ObjectNode payload = payload(d);
            if (payload != null && d.topic() != null && RetryRule.retryable(d.stage(), d.reason())) {
                retryable.add(d);
                resend.add(new RunRequest.Resend(d.object(), d.key(), d.topic(), payload));
            } else {
                permanent.add(d);
            }
        });
        RunStart start = null;
        if (!resend.isEmpty()) {
            start = runner.start(RunRequest.retry(runId, resend), operator);
            if (start.refused()) {
                return new Retry(0, 0, start);
            }
            retryable.forEach(d -> deadLetters.markRetry(runId, d.stage(), d.key(), RETRIED));
        }
        permanent.forEach(d -> deadLetters.markRetry(runId, d.stage(), d.key(), PERMANENT));
        if (start != null) {
            Map<String, List<Finding>> byObject = new HashMap<>();
            permanent.forEach(d -> byObject.computeIfAbsent(d.object(), k -> new ArrayList<>())
                    .add(new Finding(d.key(), d.stage(), "PERMANENT_FAILURE")));
            String retryRun = start.runId();
            byObject.forEach((object, findings) -> fates.recordFindings(retryRun, object, findings));
        }
        LOG.infof("Dead letters of run %s: %d sent again, %d permanent", runId, resend.size(), permanent.size());
        return new Retry(resend.size(), permanent.size(), start);
    }

    /** Executes a started retry run; a record dead-lettered again counts one attempt more. */
    public RunOutcome execute(String runId, RunStart start) {
        Map<String, Integer> attempts = new HashMap<>();
        deadLetters.forEachStored(runId, d -> attempts.put(d.key(), d.attempts()));
        RunOutcome outcome = runner.execute(start);
        deadLetters.forEachStored(start.runId(), d -> deadLetters.setAttempts(start.runId(), d.key(),
                attempts.getOrDefault(d.key(), 0) + 1));
        return outcome;
    }

    private ObjectNode payload(DeadLetterStore.Stored d) {
        if (d.payload() == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(d.payload());
            return node instanceof ObjectNode o && o.has("runId") ? o : null;
        } catch (java.io.IOException e) {
            return null; // an unreadable payload cannot be sent again
        }
    }
}
