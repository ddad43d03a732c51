package dev.pulse.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * At most {@code perMinute} requests a minute per user (access.requests_per_minute), as a token bucket
 * holding a tenth of a minute's worth, so that one runaway script cannot keep the one database connection
 * from everyone else. Answered 429 with Retry-After; 0 turns it off.
 */
final class RequestThrottle {
    private static final int MAX_USERS = 100_000;

    private final Clock clock;
    private final double perSecond;
    private final double capacity;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    RequestThrottle(Clock clock, int perMinute) {
        this.clock = requireNonNull(clock, "clock is null");
        this.perSecond = perMinute / 60.0;
        this.capacity = Math.max(1, perMinute / 10.0);
    }

    /** Takes one request of the user's allowance; empty when allowed, else how long until one is. */
    Optional<Duration> take(String user) {
        if (perSecond <= 0) {
            return Optional.empty();
        }
        if (buckets.size() >= MAX_USERS) {
            buckets.clear();
        }
        double now = clock.millis() / 1000.0;
        double[] bucket = buckets.computeIfAbsent(user, u -> new double[]{capacity, now}); // tokens, last refill (s)
        synchronized (bucket) {
            bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) * perSecond);
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - bucket[0]) / perSecond * 1000)));
        }
    }
}
