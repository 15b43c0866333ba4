package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The {@code emulator.*} configuration keys of the Quarkus profiles map onto {@link EmulatorOptions}. */
class EmulatorConfigTest {

    private static EmulatorOptions read(Map<String, String> keys) {
        return new EmulatorConfig(k -> Optional.ofNullable(keys.get(k))).options();
    }

    @Test
    void noKeysGiveTheDefaults_everythingOff() {
        EmulatorOptions o = read(Map.of());
        assertEquals(8091, o.port());
        assertNull(o.usersFile());
        assertFalse(o.protection().enabled());
        assertEquals(ServiceProtectionLimits.off(), o.protection());
        assertEquals(Faults.none(), o.faults());
        assertEquals(Duration.ofSeconds(3599), o.tokenLifetime());
        assertEquals(4, o.dopHint());
        assertEquals(0, o.throttleEveryNth());
        assertEquals(5_242_880, o.maxUploadFileSize());
    }

    @Test
    void everyKeyReachesItsOption() {
        Map<String, String> k = new HashMap<>();
        k.put("emulator.port", "9000");
        k.put("emulator.users-file", "users.json");
        k.put("emulator.state-file", "state.json");
        k.put("emulator.bulk-disabled-tables", "contact, account");
        k.put("emulator.token-lifetime-seconds", "120");
        k.put("emulator.dop-hint", "8");
        k.put("emulator.arr-affinity-cookie", "true");
        k.put("emulator.throttle.every-nth", "7");
        k.put("emulator.throttle.fraction", "0.1");
        k.put("emulator.throttle.retry-after-seconds", "3");
        k.put("emulator.protection.enabled", "true");
        k.put("emulator.protection.requests-per-window", "600");
        k.put("emulator.protection.window-seconds", "30");
        k.put("emulator.protection.execution-time-ms-per-window", "1_000");
        k.put("emulator.protection.concurrent-requests", "5");
        k.put("emulator.protection.cost-base-ms", "2");
        k.put("emulator.protection.cost-per-record-ms", "3");
        k.put("emulator.protection.time-scale", "60");
        k.put("emulator.protection.retry-after-step-seconds", "9");
        k.put("emulator.protection.cost-as-latency", "true");
        k.put("emulator.faults.unavailable-fraction", "0.05");
        k.put("emulator.faults.latency-ms", "10");
        k.put("emulator.faults.latency-max-ms", "40");
        k.put("emulator.faults.seed", "42");
        k.put("emulator.max-upload-file-size", "131_072_000");
        EmulatorOptions o = read(k);
        assertEquals(9000, o.port());
        assertEquals(Path.of("users.json"), o.usersFile());
        assertEquals(Path.of("state.json"), o.stateFile());
        assertEquals(Set.of("contact", "account"), o.bulkDisabledTables());
        assertEquals(Duration.ofSeconds(120), o.tokenLifetime());
        assertEquals(8, o.dopHint());
        assertTrue(o.arrAffinityCookie());
        assertEquals(7, o.throttleEveryNth());
        assertEquals(0.1, o.throttleFraction());
        assertEquals(3, o.retryAfterSeconds());
        assertEquals(new ServiceProtectionLimits(true, 600, Duration.ofSeconds(30), 1000, 5, 2, 3, 60, 9, true), o.protection());
        assertEquals(new Faults(0.05, 10, 40, 42L), o.faults());
        assertEquals(131_072_000, o.maxUploadFileSize());
    }

    @Test
    void clientsKeyRegistersIdSecretPairsInOrder_unsetAcceptsAny() {
        assertEquals(Map.of(), read(Map.of()).clients());
        EmulatorOptions o = read(Map.of("emulator.clients", "gpm2dv-local:local-only-secret, bench-2:se:cret-2 ,"));
        assertEquals(java.util.List.of("gpm2dv-local", "bench-2"), java.util.List.copyOf(o.clients().keySet()));
        assertEquals("se:cret-2", o.clients().get("bench-2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("emulator.clients", "no-secret")));
        assertTrue(e.getMessage().contains("emulator.clients"), e.getMessage());
    }

    @Test
    void fixedLatencyNeedsOneKey_badValuesNameTheirKey() {
        assertEquals(new Faults(0, 25, 25, null), read(Map.of("emulator.faults.latency-ms", "25")).faults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("emulator.protection.enabled", "yes")));
        assertTrue(e.getMessage().contains("emulator.protection.enabled"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("emulator.faults.unavailable-fraction", "2")));
        // Dataverse's maxuploadfilesize goes up to 131,072,000 bytes (API §12.3)
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("emulator.max-upload-file-size", "131072001")));
    }
}
