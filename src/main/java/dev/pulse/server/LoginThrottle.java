package dev.pulse.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Slows password guessing, per account and per client address alike: after {@link #FREE_FAILURES}
 * failures in a row, each further attempt must wait, 1 s after the fifth failure and twice as long
 * after each one more, up to {@link #MAX_DELAY}. A success clears the account's and the address's
 * count. Kept in memory (a restart forgets it: an attacker who can restart the server needs no guess).
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** How long the account or address must still wait before its next attempt; empty when it may try now. */
    Optional<Duration> wait(String account, String address) {
        Duration wait = longer(waitFor("account:" + account), waitFor("address:" + address));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String account, String address) {
        if (failures.size() >= MAX_ENTRIES) {
            failures.clear(); // a flood of addresses: forgetting them is safer than running out of memory
        }
        Instant now = clock.instant();
        failures.merge("account:" + account, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        failures.merge("address:" + address, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
    }

    void succeeded(String account, String address) {
        failures.remove("account:" + account);
        failures.remove("address:" + address);
    }

    private Duration waitFor(String key) {
        Failures f = failures.get(key);
        if (f == null || f.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(f.count() - FREE_FAILURES, 20);
        Duration delay = Duration.ofSeconds(1L << doublings);
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        Duration left = Duration.between(clock.instant(), f.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
