package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Injected faults repeat exactly under a seed, honour their fractions and stay inside the latency range. */
class FaultInjectorTest {

    private static List<FaultInjector.Draw> draws(FaultInjector f, int n) {
        List<FaultInjector.Draw> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.draw());
        }
        return out;
    }

    @Test
    void sameSeedSameFaults_resetStartsTheSequenceAgain() {
        Faults faults = new Faults(0.3, 10, 50, 42L);
        FaultInjector a = new FaultInjector(faults, 0.2);
        List<FaultInjector.Draw> first = draws(a, 200);
        assertEquals(first, draws(new FaultInjector(faults, 0.2), 200));
        a.reset();
        assertEquals(first, draws(a, 200));
        assertNotEquals(first, draws(new FaultInjector(faults.withSeed(43L), 0.2), 200));
    }

    @Test
    void fractionsAreHonoured() {
        List<FaultInjector.Draw> d = draws(new FaultInjector(new Faults(0.25, 0, 0, 7L), 0.1), 4000);
        long unavailable = d.stream().filter(FaultInjector.Draw::unavailable).count();
        long throttled = d.stream().filter(FaultInjector.Draw::throttled).count();
        // deterministic under the seed; the bounds only say the fraction is roughly what was asked
        assertTrue(unavailable > 850 && unavailable < 1150, "503s: " + unavailable);
        assertTrue(throttled > 300 && throttled < 500, "429s: " + throttled);
        assertTrue(draws(new FaultInjector(new Faults(1.0, 0, 0, 7L), 0), 50).stream().allMatch(FaultInjector.Draw::unavailable));
        assertTrue(draws(new FaultInjector(Faults.none(), 0), 50).stream().noneMatch(x -> x.unavailable() || x.throttled()));
    }

    @Test
    void latencyIsFixedOrDrawnFromTheWholeRange() {
        assertTrue(draws(new FaultInjector(new Faults(0, 250, 250, 1L), 0), 50).stream().allMatch(x -> x.latencyMs() == 250));
        List<FaultInjector.Draw> ranged = draws(new FaultInjector(new Faults(0, 10, 20, 1L), 0), 2000);
        assertTrue(ranged.stream().allMatch(x -> x.latencyMs() >= 10 && x.latencyMs() <= 20));
        assertTrue(ranged.stream().anyMatch(x -> x.latencyMs() == 10));
        assertTrue(ranged.stream().anyMatch(x -> x.latencyMs() == 20));
    }

    @Test
    void unavailableAnswerIs503InTheDataverseErrorShape() {
        ApiResponse r = FaultInjector.unavailable();
        assertEquals(503, r.status());
        assertTrue(r.headers().get("Content-Type").startsWith("application/json"));
        assertTrue(r.body().matches("\\{\"error\":\\{\"code\":\"0x[0-9a-f]{8}\",\"message\":\"[^\"]+\"}}"), r.body());
    }
}
