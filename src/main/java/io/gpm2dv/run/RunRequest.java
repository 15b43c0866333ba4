package io.gpm2dv.run;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a run is asked to load: {@code full} (every row), {@code sample} (a stratified sample of {@code sampleSize}
 * clients with their records), {@code delta} (what changed since the last complete load) or {@code retry} (the
 * messages of {@code retryOf}'s retryable dead letters, sent again to the stage that dead-lettered them).
 */
public record RunRequest(String kind, int sampleSize, List<Resend> resend, String retryOf) {
    public static final String FULL = "full";
    public static final String SAMPLE = "sample";
    public static final String DELTA = "delta";
    public static final String RETRY = "retry";

    public static RunRequest of(String kind) {
        return new RunRequest(kind, ClientSample.DEFAULT_SIZE, List.of(), null);
    }

    public static RunRequest sample(int size) {
        return new RunRequest(SAMPLE, size, List.of(), null);
    }

    public static RunRequest retry(String runId, List<Resend> messages) {
        return new RunRequest(RETRY, 0, messages, runId);
    }

    /** A dead letter's original message, to send again to {@code topic} (the input of the stage that refused it). */
    public record Resend(String object, String key, String topic, ObjectNode payload) {
    }
}
