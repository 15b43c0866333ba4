package io.gpm2dv.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/** Builds the outgoing messages of a stage (JSON body, migration key, run id, where it goes) and reads incoming ones. */
@ApplicationScoped
public class StageMessages {
    private static final Logger LOG = Logger.getLogger(StageMessages.class);
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

    /**
     * The body as {@code type} when it is one the stage can work with ({@code complete}); else empty, after adding
     * to {@code out} the dead letter of the unreadable message (its position and raw text) for the run
     * {@code runOf} gives for the message's run header.
     */
    public <T> Optional<T> readOrDeadLetter(Delivery d, Class<T> type, Predicate<T> complete, String stage,
            UnaryOperator<String> runOf, List<Message> out) {
        String why;
        try {
            T value = read(d, type);
            if (complete.test(value)) {
                return Optional.of(value);
            }
            why = "not a complete " + type.getSimpleName();
        } catch (JsonProcessingException e) {
            why = SafeText.of(e);
        }
        LOG.warnf("%s: message at %s dead-lettered: unreadable", stage, d.position());
        out.add(deadLetter(DeadLetter.unreadable(runOf.apply(d.runId()), stage, d, "unreadable message: " + why,
                d.body() == null ? null : TextNode.valueOf(d.body()))));
        return Optional.empty();
    }
}
