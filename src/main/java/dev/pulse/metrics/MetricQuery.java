package dev.pulse.metrics;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What to compute: metrics, grouped by dimensions (calendar grains and category columns), over an
 * optional range of days (inclusive, in the reporting time zone; null for all data), on the rows the
 * filters keep.
 */
public record MetricQuery(List<String> metrics, List<String> dimensions, PeriodRange range, Filters filters) {
    public MetricQuery {
        metrics = List.copyOf(requireNonNull(metrics, "metrics is null"));
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        requireNonNull(filters, "filters is null");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metric asked for");
        }
    }

    /** Every row of the range. */
    public MetricQuery(List<String> metrics, List<String> dimensions, PeriodRange range) {
        this(metrics, dimensions, range, Filters.NONE);
    }

    /** The same query over another range. */
    public MetricQuery over(PeriodRange other) {
        return new MetricQuery(metrics, dimensions, other, filters);
    }
}
