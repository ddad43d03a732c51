package dev.pulse.metrics;

import dev.pulse.engine.PeriodGrain;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Metric values next to the same group's value in an earlier period (the previous one, or the same
 * period a year before), with the change and its significance test.
 */
public final class Comparison {
    public enum Against {
        PREVIOUS, YEAR
    }

    /** A value, the earlier period's label and value (null when there is none), and the change between them. */
    public record Compared(MetricValue value, String earlierPeriod, MetricValue earlier, Change change) {
        public Compared {
            requireNonNull(value, "value is null");
        }
    }

    private Comparison() {
    }

    public static List<Compared> compute(MetricEngine engine, MetricQuery query, Against against) throws MetricException, SQLException {
        List<PeriodGrain> grains = query.dimensions().stream().map(String::trim).map(PeriodGrain::fromDimension)
                .flatMap(java.util.Optional::stream).toList();
        if (grains.size() != 1) {
            throw new MetricException("a comparison needs exactly one of year, quarter, month, week in --by");
        }
        PeriodGrain grain = grains.get(0);
        String dimension = grain.dimensionName();
        PeriodRange range = query.range();
        PeriodRange widened = range == null ? null : new PeriodRange(earlierStart(grain, against, range), range.last());
        List<MetricValue> values = engine.compute(query.over(widened));
        Map<String, MetricValue> byKey = new LinkedHashMap<>();
        for (MetricValue value : values) {
            byKey.put(key(value, value.group()), value);
        }
        List<Compared> compared = new ArrayList<>();
        for (MetricValue value : values) {
            String period = value.group().get(dimension);
            if (period == null || range != null && !inside(range, period)) {
                continue;
            }
            String earlierPeriod = against == Against.PREVIOUS ? PeriodRange.previousLabel(grain, period)
                    : PeriodRange.yearEarlierLabel(grain, period);
            Map<String, String> earlierGroup = new LinkedHashMap<>(value.group());
            earlierGroup.put(dimension, earlierPeriod);
            MetricValue earlier = byKey.get(key(value, earlierGroup));
            MetricDefinition metric = engine.catalogue().get(value.metric()).orElseThrow();
            compared.add(new Compared(value, earlierPeriod, earlier, Change.between(metric, value, earlier)));
        }
        return compared;
    }

    private static String key(MetricValue value, Map<String, String> group) {
        return value.metric() + "\u0000" + group;
    }

    private static boolean inside(PeriodRange range, String label) throws MetricException {
        PeriodRange period = PeriodRange.parse(label);
        return !period.last().isBefore(range.first()) && !period.first().isAfter(range.last());
    }

    private static java.time.LocalDate earlierStart(PeriodGrain grain, Against against, PeriodRange range) throws MetricException {
        String first = PeriodRange.label(grain, range.first());
        String earlier = against == Against.PREVIOUS ? PeriodRange.previousLabel(grain, first) : PeriodRange.yearEarlierLabel(grain, first);
        return PeriodRange.parse(earlier).first();
    }
}
