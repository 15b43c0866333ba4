package io.gpm2dv.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/** Builds the outgoing messages of a stage (JSON body, migration key, run id, where it goes) and reads incoming ones. */
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
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a " + payload.getClass().getSimpleName(), e);
        }
        return m;
    }

    /** The message body as {@code type}; a body that is not one fails with the parser's exception (see {@link SafeText}). */
    public <T> T read(Delivery d, Class<T> type) throws JsonProcessingException {
        return json.readValue(d.body() == null ? "" : d.body(), type);
    }

    /** The dead letter of a message {@code stage} could not read, with its position and raw text. */
    public Message unreadable(String runId, String stage, Delivery d, Exception why) {
        return deadLetter(DeadLetter.unreadable(runId, stage, d, "unreadable message: " + SafeText.of(why),
                d.body() == null ? null : TextNode.valueOf(d.body())));
    }
}
