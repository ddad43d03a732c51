package dev.pulse.metrics;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What to compute: metrics, grouped by dimensions (calendar grains and category columns), over an
 * optional range of days (inclusive, in the reporting time zone; null for all data).
 */
public record MetricQuery(List<String> metrics, List<String> dimensions, PeriodRange range) {
    public MetricQuery {
        metrics = List.copyOf(requireNonNull(metrics, "metrics is null"));
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metric asked for");
        }
    }
}
