package dev.pulse.metrics;

import dev.pulse.engine.PeriodGrain;
import org.hipparchus.distribution.continuous.TDistribution;

import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * How monthly NPS moves with a monthly ops series (uptime, call quality, provisioning success, MTTR):
 * the regression slope of NPS on the series, in NPS points per unit of the series, with its 95 %
 * interval (t distribution, m - 2 degrees of freedom). Computed on month-over-month changes, not
 * levels: two series that both improve over the year correlate in level whatever their relation, and
 * that common trend is not an impact. Below {@link #MIN_PERIODS} changes there is no number: a
 * handful of months cannot carry one.
 */
public final class PlatformImpact {
    public static final int MIN_PERIODS = 12;

    /**
     * @param periods the month-over-month changes it rests on
     * @param slope   NPS points per unit of the series; null with too few periods or no variation
     */
    /** @param typicalChange the standard deviation of the series' monthly changes (null without a slope) */
    public record Impact(String series, int periods, Double slope, Double low, Double high, Double correlation, Double typicalChange) {
        public Impact {
            requireNonNull(series, "series is null");
        }

        public boolean enough() {
            return slope != null;
        }

        /** The interval excludes zero. */
        public boolean significant() {
            return slope != null && (low > 0 || high < 0);
        }
    }

    private PlatformImpact() {
    }

    /** The impact of each ops series (rows without a product) on the outcome, over the months of {@code range}. */
    public static Map<String, Impact> compute(MetricEngine engine, String outcome, PeriodRange range) throws MetricException, SQLException {
        Map<String, Double> nps = new TreeMap<>();
        for (MetricValue value : engine.compute(new MetricQuery(List.of(outcome), List.of("month"), range))) {
            if (value.n() > 0 && value.value() != null) {
                nps.put(value.group().get("month"), value.value());
            }
        }
        Map<String, Map<String, Double>> series = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (OpsSeriesValues.OpsValue value : OpsSeriesValues.compute(engine.database(), engine.config(), engine.scope(), PeriodGrain.MONTH,
                range)) {
            if (value.product() == null) {
                series.computeIfAbsent(value.series(), k -> new TreeMap<>()).put(value.period(), value.value());
            }
        }
        Map<String, Impact> impacts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, Map<String, Double>> entry : series.entrySet()) {
            impacts.put(entry.getKey(), impact(entry.getKey(), entry.getValue(), nps));
        }
        return impacts;
    }

    static Impact impact(String name, Map<String, Double> series, Map<String, Double> nps) {
        List<double[]> changes = new ArrayList<>();
        for (Map.Entry<String, Double> month : series.entrySet()) {
            String previous = YearMonth.parse(month.getKey()).minusMonths(1).toString();
            Double before = series.get(previous);
            if (before != null && nps.containsKey(month.getKey()) && nps.containsKey(previous)) {
                changes.add(new double[] {month.getValue() - before, nps.get(month.getKey()) - nps.get(previous)});
            }
        }
        int m = changes.size();
        if (m < MIN_PERIODS) {
            return new Impact(name, m, null, null, null, null, null);
        }
        double meanX = changes.stream().mapToDouble(c -> c[0]).average().orElseThrow();
        double meanY = changes.stream().mapToDouble(c -> c[1]).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] c : changes) {
            sxx += (c[0] - meanX) * (c[0] - meanX);
            sxy += (c[0] - meanX) * (c[1] - meanY);
            syy += (c[1] - meanY) * (c[1] - meanY);
        }
        if (sxx <= 0 || syy <= 0) {
            return new Impact(name, m, null, null, null, null, null);
        }
        double slope = sxy / sxx;
        double residual = Math.max(0, syy - slope * sxy);
        double se = Math.sqrt(residual / (m - 2) / sxx);
        double t = new TDistribution(m - 2).inverseCumulativeProbability(0.975);
        return new Impact(name, m, slope, slope - t * se, slope + t * se, sxy / Math.sqrt(sxx * syy), Math.sqrt(sxx / (m - 1)));
    }
}
