package io.gpm2dv.emulator;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injected service-protection answers: every Nth request and/or a random fraction gets 429 with an integer
 * {@code Retry-After} and the request-count error of API §7. (The real sliding-window model comes later.)
 */
final class Throttle {
    private final int everyNth;
    private final double fraction;
    private final int retryAfterSeconds;
    private final AtomicLong requests = new AtomicLong();

    Throttle(EmulatorOptions options) {
        this.everyNth = options.throttleEveryNth();
        this.fraction = options.throttleFraction();
        this.retryAfterSeconds = options.retryAfterSeconds();
    }

    /** The 429 answer for this request, or null to let it through. */
    ApiResponse check() {
        long n = requests.incrementAndGet();
        boolean hit = (everyNth > 0 && n % everyNth == 0)
                || (fraction > 0 && ThreadLocalRandom.current().nextDouble() < fraction);
        if (!hit) {
            return null;
        }
        ApiError e = new ApiError(429, ApiError.THROTTLE_REQUESTS,
                "Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
        return ApiResponse.error(e, false).header("Retry-After", Integer.toString(retryAfterSeconds));
    }
}
