package io.gpm2dv.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.gpm2dv.run.StageMessages;

/** Behind the {@code dead-letter} route: keeps each dead letter and sets the record's fate. */
@ApplicationScoped
@Named("deadLetterStage")
public class DeadLetterStage {
    @Inject
    DeadLetterStore store;

    @Inject
    StageMessages messages;

    public void record(String body) {
        store.record(messages.read(body, DeadLetter.class));
    }
}
