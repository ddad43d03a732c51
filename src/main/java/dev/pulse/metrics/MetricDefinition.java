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

    /** The interval the spec gives this metric's value, if any. */
    public boolean hasInterval() {
        return switch (kind) {
            case NPS, SHARE, MEAN, RETENTION, CHURN -> true;
            case COUNT, PERCENTILE, RATIO, COST_PER_TICKET, ACTIVE_CUSTOMERS, CONTACT_RATE -> false;
        };
    }
}
