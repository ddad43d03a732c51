package dev.pulse.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Slows password guessing, per account and per client address: after {@link #FREE_FAILURES} failures
 * in a row of an account (or {@link #FREE_ADDRESS_FAILURES} of an address, which a whole office may
 * share), each further attempt must wait, 1 s after the last free failure and twice as long after each
 * one more, up to {@link #MAX_DELAY}. A success clears its account's count, not its address's (or an
 * attacker would clear it with an account of their own); a count an hour without failure starts again.
 * Kept in memory (a restart forgets it: an attacker who can restart the server needs no guess).
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final int FREE_ADDRESS_FAILURES = 20;
    static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);
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
        Duration wait = longer(waitFor("account:" + account, FREE_FAILURES), waitFor("address:" + address, FREE_ADDRESS_FAILURES));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String account, String address) {
        if (failures.size() >= MAX_ENTRIES) {
            failures.clear(); // a flood of addresses: forgetting them is safer than running out of memory
        }
        Instant now = clock.instant();
        for (String key : new String[]{"account:" + account, "address:" + address}) {
            failures.merge(key, new Failures(1, now), (a, b) -> now.isAfter(a.last().plus(FORGOTTEN_AFTER)) ? b
                    : new Failures(a.count() + 1, now));
        }
    }

    void succeeded(String account) {
        failures.remove("account:" + account);
    }

    private Duration waitFor(String key, int free) {
        Failures f = failures.get(key);
        if (f == null || f.count() < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(f.count() - free, 20);
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
