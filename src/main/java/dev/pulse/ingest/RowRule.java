package dev.pulse.ingest;

import static java.util.Objects.requireNonNull;

/**
 * A check across the parsed columns of one row, in portable SQL over the column names.
 *
 * @param violation a condition that is true when the row breaks the rule (null-safe: null means no violation)
 * @param message   a SQL text expression describing the violation
 */
public record RowRule(String violation, String message) {
    public RowRule {
        requireNonNull(violation, "violation is null");
        requireNonNull(message, "message is null");
    }
}
