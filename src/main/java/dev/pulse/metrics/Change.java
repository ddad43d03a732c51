package dev.pulse.metrics;

import static java.util.Objects.requireNonNull;

/**
 * The change of a metric between two periods or groups, and whether the data can tell it from
 * noise: NPS by the spec's test; shares and means by the corresponding z tests; other kinds
 * (percentiles, counts, ratios) are not tested and are never called significant.
 *
 * @param delta current minus previous, in the metric's unit (points for NPS and percentages)
 */
public record Change(double delta, Verdict verdict) {
    public enum Verdict {
        /** Significant increase. */
        UP,
        /** Significant decrease. */
        DOWN,
        /** The interval cannot tell it from noise. */
        STABLE,
        /** No test applies to this kind of metric. */
        UNTESTED
    }

    public Change {
        requireNonNull(verdict, "verdict is null");
    }

    /** Null when either value is missing. */
    public static Change between(MetricDefinition metric, MetricValue current, MetricValue previous) {
        if (current == null || previous == null || current.value() == null || previous.value() == null) {
            return null;
        }
        double delta = current.value() - previous.value();
        Boolean significant = switch (metric.kind()) {
            case NPS -> Statistics.npsChangeSignificant(
                    current.stats().get("promoters").longValue(), current.stats().get("detractors").longValue(), current.n(),
                    previous.stats().get("promoters").longValue(), previous.stats().get("detractors").longValue(), previous.n());
            case SHARE, RETENTION, CHURN -> Statistics.shareChangeSignificant(
                    current.stats().get("successes").longValue(), current.n(),
                    previous.stats().get("successes").longValue(), previous.n());
            case MEAN -> current.stats().containsKey("sd") && previous.stats().containsKey("sd")
                    ? Statistics.meanChangeSignificant(current.value(), current.stats().get("sd"), current.n(),
                    previous.value(), previous.stats().get("sd"), previous.n()) : Boolean.FALSE;
            case COUNT, PERCENTILE, RATIO, COST_PER_TICKET, ACTIVE_CUSTOMERS, CONTACT_RATE -> null;
        };
        if (significant == null) {
            return new Change(delta, Verdict.UNTESTED);
        }
        return new Change(delta, !significant ? Verdict.STABLE : delta > 0 ? Verdict.UP : Verdict.DOWN);
    }

    /** Whether a value meets a target, given which direction of the metric is good. */
    public static boolean meets(double value, double target, boolean higherIsBetter) {
        return higherIsBetter ? value >= target : value <= target;
    }

    /** True when higher values of the metric are better; null for metrics without a direction. */
    public static Boolean higherIsBetter(MetricDefinition metric, boolean cesHigherIsBetter) {
        return switch (metric.polarity()) {
            case HIGHER -> true;
            case LOWER -> false;
            case NONE -> null;
            case CES -> cesHigherIsBetter;
        };
    }
}
