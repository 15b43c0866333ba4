package io.gpm2dv.emulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Every 429 the emulator sends: the simple injection (every Nth Web API request, or the injected fraction drawn
 * by {@link FaultInjector}) with a fixed integer {@code Retry-After} and the request-count error of API §7, and
 * the service protection model ({@link ServiceProtection}) with its computed one.
 */
final class Throttle {
    private final int everyNth;
    private final int retryAfterSeconds;
    private final ServiceProtection protection;
    private final AtomicLong requests = new AtomicLong();

    Throttle(EmulatorOptions options) {
        this.everyNth = options.throttleEveryNth();
        this.retryAfterSeconds = options.retryAfterSeconds();
        this.protection = new ServiceProtection(options.protection(), options.clock()::millis);
    }

    ServiceProtection protection() {
        return protection;
    }

    /** The injected 429 for this request (every Nth, or {@code drawn} by the fault injector), or null. */
    ApiResponse injected(boolean drawn) {
        long n = requests.incrementAndGet();
        if (!drawn && !(everyNth > 0 && n % everyNth == 0)) {
            return null;
        }
        return denial(retryAfterSeconds);
    }

    /** A 429 with the request-count error of API §7 and this {@code Retry-After}. */
    ApiResponse denial(int retryAfter) {
        return new ServiceProtection.Denial(ServiceProtection.REQUESTS_CODE,
                protection.message(ServiceProtection.REQUESTS_CODE), retryAfter).response();
    }

    void reset() {
        requests.set(0);
        protection.reset();
    }
}
