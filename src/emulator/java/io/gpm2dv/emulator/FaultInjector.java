package io.gpm2dv.emulator;

import java.util.Random;

/**
 * Draws, per Web API request and in a fixed order, whether it is answered 503, whether it is answered with an
 * injected 429 and how long it is delayed. With a seed the same sequence of requests gets the same faults.
 */
final class FaultInjector {
    /** One request's faults. */
    record Draw(boolean unavailable, boolean throttled, long latencyMs) {
    }

    private final Faults faults;
    private final double throttleFraction;
    private Random random;

    FaultInjector(Faults faults, double throttleFraction) {
        this.faults = faults;
        this.throttleFraction = throttleFraction;
        reset();
    }

    /** Starts the sequence again (from the seed, when there is one). */
    synchronized void reset() {
        random = faults.seed() == null ? new Random() : new Random(faults.seed());
    }

    synchronized Draw draw() {
        // always three draws, so changing one fraction does not shift the others' sequence
        boolean unavailable = random.nextDouble() < faults.unavailableFraction();
        boolean throttled = random.nextDouble() < throttleFraction;
        double d = random.nextDouble();
        long span = faults.latencyMaxMs() - faults.latencyMinMs();
        long latency = faults.latencyMinMs() + (span == 0 ? 0 : Math.min(span, (long) Math.floor(d * (span + 1))));
        return new Draw(unavailable, throttled, latency);
    }

    /** A 503 as Dataverse's front end might send it, in the §8 error shape (code and wording: assumption). */
    static ApiResponse unavailable() {
        return ApiResponse.error(new ApiError(503, ApiError.UNEXPECTED,
                "The service is temporarily unavailable. Please try again later."), false);
    }
}
