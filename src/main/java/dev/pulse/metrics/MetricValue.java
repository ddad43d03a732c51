package dev.pulse.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One value of a metric for one group.
 *
 * @param group     dimension name to value, in the order asked for; a null value is the group of rows where it is null
 * @param value     null when n = 0 (never 0 for "no data")
 * @param n         the rows the value was computed from (for ratios of two sources, as the spec says)
 * @param ciLow     95 % interval where the spec defines one, else null
 * @param share     for counts in a breakdown: percent of the period's total; else null
 * @param stats     the sufficient statistics (successes, promoters, detractors, sd) for tests of change
 * @param suppressed withheld from a reader whose scope sets a minimum n ({@link Scope#minN()}): value, n, interval,
 *                   share and statistics are all empty, so that nothing of the group's rows can be read from it
 */
public record MetricValue(String metric, Map<String, String> group, Double value, long n, Double ciLow, Double ciHigh,
                         boolean lowSample, Double share, Map<String, Double> stats, boolean suppressed) {
    public MetricValue {
        requireNonNull(metric, "metric is null");
        group = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(group, "group is null")));
        stats = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(stats, "stats is null")));
    }

    public MetricValue(String metric, Map<String, String> group, Double value, long n, Double ciLow, Double ciHigh,
                       boolean lowSample, Double share, Map<String, Double> stats) {
        this(metric, group, value, n, ciLow, ciHigh, lowSample, share, stats, false);
    }

    public MetricValue withShare(Double percent) {
        return new MetricValue(metric, group, value, n, ciLow, ciHigh, lowSample, percent, stats, suppressed);
    }

    /** The same group with everything of its rows withheld. */
    public MetricValue suppress() {
        return new MetricValue(metric, group, null, 0, null, null, true, null, Map.of(), true);
    }
}
