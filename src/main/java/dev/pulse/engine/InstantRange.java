package dev.pulse.engine;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** The instants from {@code first} to {@code last}, both inclusive. */
public record InstantRange(Instant first, Instant last) {
    public InstantRange {
        requireNonNull(first, "first is null");
        requireNonNull(last, "last is null");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last " + last + " is before first " + first);
        }
    }

    /** Microseconds since the epoch of {@code first}, truncated to the microsecond below. */
    public long firstMicros() {
        return first.getEpochSecond() * 1_000_000L + first.getNano() / 1_000;
    }

    /** Microseconds since the epoch of {@code last}, rounded up to the microsecond above. */
    public long lastMicros() {
        return last.getEpochSecond() * 1_000_000L + (last.getNano() + 999) / 1_000;
    }
}
