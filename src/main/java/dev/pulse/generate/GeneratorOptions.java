package dev.pulse.generate;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * @param scale   1.0 = about 200,000 tickets over the default six quarters
 * @param badRows rows that deliberately break the contract (for demonstrating the quarantine)
 * @param planted what a support experience in the 90 days before a relationship NPS answer does to its
 *                score, in score points (0-10 scale): keys p1_incident (a P1 ticket of the account) and
 *                escalated (an escalated ticket); the key-driver analysis should find these and nothing else
 *                among the support experiences
 */
public record GeneratorOptions(double scale, long seed, LocalDate firstDay, LocalDate lastDay, int badRows, java.util.Map<String, Double> planted) {
    /** The demo's planted driver effects: a P1 incident costs 1.5 points of the 0-10 score, an escalation 1.0. */
    public static final java.util.Map<String, Double> PLANTED = java.util.Map.of("p1_incident", -1.5, "escalated", -1.0);

    public GeneratorOptions {
        planted = java.util.Map.copyOf(planted);
        for (String key : planted.keySet()) {
            if (!key.equals("p1_incident") && !key.equals("escalated")) {
                throw new IllegalArgumentException("planted: unknown driver " + key + " (p1_incident, escalated)");
            }
        }
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
        return new GeneratorOptions(scale, 20241231L, LocalDate.of(2023, 7, 1), LocalDate.of(2024, 12, 31), 0, PLANTED);
    }

    public GeneratorOptions withBadRows(int count) {
        return new GeneratorOptions(scale, seed, firstDay, lastDay, count, planted);
    }

    public GeneratorOptions withSeed(long value) {
        return new GeneratorOptions(scale, value, firstDay, lastDay, badRows, planted);
    }

    /** The same data with other planted effects (an empty map: support experiences change no score). */
    public GeneratorOptions withPlanted(java.util.Map<String, Double> effects) {
        return new GeneratorOptions(scale, seed, firstDay, lastDay, badRows, effects);
    }
}
