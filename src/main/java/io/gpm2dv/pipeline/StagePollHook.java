package io.gpm2dv.pipeline;

import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.component.kafka.consumer.errorhandler.KafkaConsumerListener;
import org.apache.camel.component.kafka.consumer.support.ProcessingResult;
import org.jboss.logging.Logger;

/**
 * Camel calls this on each stage consumer's poll thread after every poll, with or without records; it lets the
 * {@link StageGate} pause and resume that consumer's partitions where the Kafka client allows it. Every stage route
 * installs it with its {@code pausable} step (Camel's hook for pausing a Kafka consumer); it never skips a poll's
 * records, which the gate itself holds back while the route waits.
 */
@Singleton
@Named("stagePollHook")
public class StagePollHook extends KafkaConsumerListener implements Predicate<Object> {
    private static final Logger LOG = Logger.getLogger(StagePollHook.class);

    @Inject
    StageGate gate;

    public StagePollHook() {
    }

    StagePollHook(StageGate gate) {
        this.gate = gate;
    }

    @Override
    public boolean afterConsume(Object consumer) {
        try {
            gate.afterPoll((org.apache.kafka.clients.consumer.Consumer<?, ?>) consumer);
        } catch (RuntimeException e) {
            // the next poll tries again; an exception here would make Camel reconnect the consumer
            LOG.warnf("Pausing or resuming a stage consumer failed (%s); tried again after the next poll", SafeText.of(e));
        }
        return true;
    }

    /** Camel's own pause on a failed exchange is not wanted: the gate decides. (Only streaming consumers call it.) */
    @Override
    public boolean afterProcess(ProcessingResult result) {
        return true;
    }

    /** The {@code pausable} step's resumable check, which Camel hands to the listener: unused, the gate decides. */
    @Override
    public boolean test(Object ignored) {
        return true;
    }
}
