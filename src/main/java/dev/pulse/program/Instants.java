package dev.pulse.program;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Timestamps as the engine writes them when cast to text ({@code 2024-12-01 10:00:00+00}, fractions optional). */
public final class Instants {
    private static final DateTimeFormatter STORED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private Instants() {
    }

    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, STORED).toInstant();
    }

    /** A TIMESTAMPTZ value from a query (OffsetDateTime, Timestamp or text), as an instant; null stays null. */
    public static Instant of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return parse(value.toString());
    }
}
