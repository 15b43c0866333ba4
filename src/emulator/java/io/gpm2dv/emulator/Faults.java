package io.gpm2dv.emulator;

/**
 * Faults injected into Web API calls after the token check: a fraction answered {@code 503}, a latency per
 * request (fixed when min equals max, else drawn from the range) and the seed that makes every draw, including
 * {@link EmulatorOptions#throttleFraction()}, repeat from one run to the next (null: a fresh seed per start).
 */
public record Faults(double unavailableFraction, long latencyMinMs, long latencyMaxMs, Long seed) {

    public Faults {
        if (unavailableFraction < 0 || unavailableFraction > 1) {
            throw new IllegalArgumentException("unavailableFraction must be between 0 and 1");
        }
        if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
            throw new IllegalArgumentException("latency must satisfy 0 <= min <= max");
        }
    }

    public static Faults none() {
        return new Faults(0, 0, 0, null);
    }

    public Faults withUnavailableFraction(double f) {
        return new Faults(f, latencyMinMs, latencyMaxMs, seed);
    }

    public Faults withLatency(long minMs, long maxMs) {
        return new Faults(unavailableFraction, minMs, maxMs, seed);
    }

    public Faults withSeed(Long s) {
        return new Faults(unavailableFraction, latencyMinMs, latencyMaxMs, s);
    }
}
