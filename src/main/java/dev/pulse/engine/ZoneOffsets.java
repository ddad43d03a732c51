package dev.pulse.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A time zone's offset from UTC as a function of the instant, for an engine to evaluate per row: the
 * offsets between the zone's transitions within a window of instants (java.time's tz database).
 * Before the window's first transition the offset at its start holds, after the last the last one.
 *
 * @param boundaries transition instants in microseconds since the epoch, ascending
 * @param offsets    offsets in microseconds: offsets[i] holds before boundaries[i] (and from
 *                   boundaries[i-1]); the last holds from the last boundary on
 */
record ZoneOffsets(List<Long> boundaries, List<Long> offsets) {
    ZoneOffsets {
        boundaries = List.copyOf(requireNonNull(boundaries, "boundaries is null"));
        offsets = List.copyOf(requireNonNull(offsets, "offsets is null"));
        if (offsets.size() != boundaries.size() + 1) {
            throw new IllegalArgumentException("one offset more than boundaries expected");
        }
    }

    /** The offsets over a window of instants. */
    static ZoneOffsets over(ZoneId zone, InstantRange window) {
        Instant from = window.first();
        Instant to = window.last();
        ZoneRules rules = zone.getRules();
        List<Long> boundaries = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        offsets.add(micros(rules.getOffset(from)));
        ZoneOffsetTransition transition = rules.nextTransition(from);
        while (transition != null && !transition.getInstant().isAfter(to)) {
            long after = micros(transition.getOffsetAfter());
            if (after != offsets.get(offsets.size() - 1)) { // a change of name or rule only is no boundary
                boundaries.add(transition.getInstant().getEpochSecond() * 1_000_000L);
                offsets.add(after);
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return new ZoneOffsets(boundaries, offsets);
    }

    private static long micros(ZoneOffset offset) {
        return offset.getTotalSeconds() * 1_000_000L;
    }

    /**
     * SQL of the offset at the instant {@code micros} (an expression of microseconds since the epoch):
     * a constant without transitions, else CASEs nested as a balanced search tree, so that a row takes
     * about log2(transitions) comparisons (three for a zone with daylight saving time over three years).
     */
    String sql(String micros) {
        return sql(micros, 0, offsets.size() - 1);
    }

    private String sql(String micros, int first, int last) {
        if (first == last) {
            return "CAST(" + offsets.get(first) + " AS BIGINT)";
        }
        int middle = (first + last + 1) / 2; // offsets first..middle-1 hold before boundaries[middle-1]
        return "CASE WHEN " + micros + " < " + boundaries.get(middle - 1) + " THEN " + sql(micros, first, middle - 1)
                + " ELSE " + sql(micros, middle, last) + " END";
    }
}
