package io.gpm2dv.run;

import java.util.Set;

/**
 * What a run is asked to load: {@code full} (every row), {@code sample} (a stratified sample of {@code sampleSize}
 * clients with their records), {@code delta} (what changed since the last complete load) or {@code retry} (the records
 * of {@code retryOf}'s retryable dead letters, {@code retryKeys}).
 */
public record RunRequest(String kind, int sampleSize, Set<String> retryKeys, String retryOf) {
    public static final String FULL = "full";
    public static final String SAMPLE = "sample";
    public static final String DELTA = "delta";
    public static final String RETRY = "retry";

    public static RunRequest of(String kind) {
        return new RunRequest(kind, ClientSample.DEFAULT_SIZE, Set.of(), null);
    }

    public static RunRequest sample(int size) {
        return new RunRequest(SAMPLE, size, Set.of(), null);
    }

    public static RunRequest retry(String runId, Set<String> keys) {
        return new RunRequest(RETRY, 0, keys, runId);
    }
}
