package dev.pulse.metrics;

import static java.util.Objects.requireNonNull;

/**
 * One metric of the catalogue. Expressions are portable SQL over the source's columns.
 *
 * @param filter      which rows count; null for all rows of the source
 * @param value       the measured expression (nps, mean, percentile)
 * @param success     the condition a row meets to count as a success (share)
 * @param fraction    the percentile, in [0, 1]
 * @param scale       multiplies a ratio
 */
public record MetricDefinition(String name, String title, Source source, MetricKind kind, String filter, String value,
                               String success, Double fraction, String numerator, String denominator, double scale,
                               Polarity polarity, String unit) {
    public MetricDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(title, "title is null");
        requireNonNull(source, "source is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(polarity, "polarity is null");
        requireNonNull(unit, "unit is null");
    }

    /** The units a metric may declare; each fixes the range its values (and so its intervals) can take. */
    public static final java.util.Set<String> UNITS = java.util.Set.of("points", "percent", "score_0_100", "score_1_5", "score_1_7",
            "sentiment", "count", "minutes", "hours", "seconds", "currency", "per_100_customers");

    /**
     * The interval clipped to the range the metric can take (metrics.md): NPS points to [-100, 100], a share
     * to [0, 100], a mean to its scale, sentiment to [-1, 1], a duration, count or amount to [0, ...).
     * The adjusted-Wald NPS interval and a mean's interval otherwise pass those bounds for small n.
     */
    public Interval clip(Interval interval) {
        double low = switch (unit) {
            case "points" -> -100;
            case "sentiment" -> -1;
            case "score_1_5", "score_1_7" -> 1;
            default -> 0;
        };
        double high = switch (unit) {
            case "points", "percent", "score_0_100" -> 100;
            case "sentiment" -> 1;
            case "score_1_5" -> 5;
            case "score_1_7" -> 7;
            default -> Double.POSITIVE_INFINITY;
        };
        return new Interval(Math.min(Math.max(interval.low(), low), high), Math.max(Math.min(interval.high(), high), low));
    }

    /** The interval the spec gives this metric's value, if any. */
    public boolean hasInterval() {
        return switch (kind) {
            case NPS, SHARE, MEAN, RETENTION, CHURN -> true;
            case COUNT, PERCENTILE, RATIO, COST_PER_TICKET, ACTIVE_CUSTOMERS, CONTACT_RATE -> false;
        };
    }
}
