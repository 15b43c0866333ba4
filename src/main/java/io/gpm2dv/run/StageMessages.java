package io.gpm2dv.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.deadletter.DeadLetter;

/** Builds the outgoing messages of a stage: JSON body, migration key, run id, and where the message goes. */
@ApplicationScoped
public class StageMessages {
    /** Set on a message bound for {@code migration.dead-letter} rather than the next stage. */
    public static final String DEAD_LETTER = "gpmDeadLetter";

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    public Message forNextStage(Object payload, String key, String runId, String table) {
        Message m = message(payload, key, runId);
        m.setHeader(DEAD_LETTER, false);
        if (table != null) {
            m.setHeader(PipelineHeaders.TABLE, table);
        }
        return m;
    }

    public Message deadLetter(DeadLetter dl) {
        Message m = message(dl, dl.key(), dl.runId());
        m.setHeader(DEAD_LETTER, true);
        return m;
    }

    private Message message(Object payload, String key, String runId) {
        Message m = new DefaultMessage(camel);
        m.setHeader(PipelineHeaders.KAFKA_KEY, key);
        m.setHeader(PipelineHeaders.RUN_ID, runId);
        try {
            m.setBody(json.writeValueAsString(payload));
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise a " + payload.getClass().getSimpleName(), e);
        }
        return m;
    }

    public <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + " message: " + e.getMessage(), e);
        }
    }
}
