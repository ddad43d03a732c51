package dev.pulse.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The clock every test hands to the program: fixed, so that no result (nor any expected-SQL file)
 * depends on the day the suite runs. That the program reads no other clock is checked by running
 * the suite with the system clock moved years away: {@code tools/test-any-date}.
 */
public final class TestingClock {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);

    private TestingClock() {
    }
}
