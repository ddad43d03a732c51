package dev.pulse.generate;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * @param scale   1.0 = about 200,000 tickets over the default six quarters
 * @param badRows rows that deliberately break the contract (for demonstrating the quarantine)
 */
public record GeneratorOptions(double scale, long seed, LocalDate firstDay, LocalDate lastDay, int badRows) {
    public GeneratorOptions {
        requireNonNull(firstDay, "firstDay is null");
        requireNonNull(lastDay, "lastDay is null");
        if (scale <= 0) {
            throw new IllegalArgumentException("scale must be positive");
        }
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("lastDay before firstDay");
        }
    }

    /** Six quarters, 2023-Q3 to 2024-Q4, so the demo's latest quarter has a previous quarter and a year-earlier one. */
    public static GeneratorOptions standard(double scale) {
        return new GeneratorOptions(scale, 20241231L, LocalDate.of(2023, 7, 1), LocalDate.of(2024, 12, 31), 0);
    }

    public GeneratorOptions withBadRows(int count) {
        return new GeneratorOptions(scale, seed, firstDay, lastDay, count);
    }

    public GeneratorOptions withSeed(long value) {
        return new GeneratorOptions(scale, value, firstDay, lastDay, badRows);
    }
}
