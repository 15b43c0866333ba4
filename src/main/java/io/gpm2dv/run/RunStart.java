package io.gpm2dv.run;

import io.gpm2dv.audit.RunRegistry;
import io.gpm2dv.mapping.MapInForce;

/** A run that passed every check and is registered, or why it was refused ({@code runId} set if it got registered). */
public record RunStart(RunRegistry.Run run, String exportId, MapInForce map, String refusedRunId,
        RunRefusal refusal, RunRequest request) {

    static RunStart started(RunRegistry.Run run, String exportId, MapInForce map, RunRequest request) {
        return new RunStart(run, exportId, map, null, null, request);
    }

    static RunStart refused(String runId, String code, String message) {
        return new RunStart(null, null, null, runId, new RunRefusal(code, message), null);
    }

    public boolean refused() {
        return refusal != null;
    }

    public String runId() {
        return run != null ? run.runId() : refusedRunId;
    }
}
