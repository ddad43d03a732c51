package dev.pulse.cli;

import dev.pulse.config.PulseConfig;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.Change;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.engine.PeriodGrain;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The latest quarter's headline KPIs against target, with interval, QoQ and YoY change tested for significance. */
final class Headline {
    private final Catalogue catalogue;
    private final PulseConfig config;

    Headline(Catalogue catalogue, PulseConfig config) {
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** @param values metric values grouped by quarter only */
    void print(List<MetricValue> values, PrintStream out) throws MetricException {
        Map<String, Map<String, MetricValue>> byMetric = new LinkedHashMap<>();
        String latest = null;
        for (MetricValue value : values) {
            String quarter = value.group().get("quarter");
            byMetric.computeIfAbsent(value.metric(), m -> new LinkedHashMap<>()).put(quarter, value);
            if (value.metric().equals("customer_nps") && value.value() != null && (latest == null || quarter.compareTo(latest) > 0)) {
                latest = quarter;
            }
        }
        if (latest == null) {
            out.println("No survey data: no headline to show.");
            return;
        }
        String previous = PeriodRange.previousLabel(PeriodGrain.QUARTER, latest);
        String yearAgo = PeriodRange.yearEarlierLabel(PeriodGrain.QUARTER, latest);
        out.printf("Headline KPIs, %s (95 %% intervals; QoQ vs %s, YoY vs %s; 'stable' = not significant)%n%n", latest, previous, yearAgo);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("metric", "value", "95% interval", "n", "target", "status", "QoQ", "YoY"));
        for (var entry : byMetric.entrySet()) {
            MetricDefinition metric = catalogue.get(entry.getKey()).orElseThrow();
            MetricValue current = entry.getValue().get(latest);
            if (current == null || current.value() == null) {
                rows.add(List.of(metric.title(), "no data", "", "", "", "", "", ""));
                continue;
            }
            Boolean higherIsBetter = Change.higherIsBetter(metric, config.cesHigherIsBetter());
            Optional<Double> target = config.target(metric.name()).flatMap(t -> t.forGroup(Map.of()));
            String status = target.isEmpty() || higherIsBetter == null ? ""
                    : Change.meets(current.value(), target.get(), higherIsBetter) ? "met" : "missed";
            rows.add(List.of(metric.title(), format(current.value(), metric.unit()) + (current.lowSample() ? " (low n)" : ""),
                    current.ciLow() == null ? "" : format(current.ciLow(), metric.unit()) + " - " + format(current.ciHigh(), metric.unit()),
                    String.format(Locale.ROOT, "%,d", current.n()), target.map(t -> format(t, metric.unit())).orElse(""), status,
                    change(metric, current, entry.getValue().get(previous)), change(metric, current, entry.getValue().get(yearAgo))));
        }
        out.print(TextTable.render(rows, i -> i > 0, false));
    }

    private static String change(MetricDefinition metric, MetricValue current, MetricValue before) {
        Change change = Change.between(metric, current, before);
        if (change == null) {
            return "n/a";
        }
        String delta = (change.delta() >= 0 ? "+" : "") + (metric.unit().equals("percent")
                ? String.format(Locale.ROOT, "%.1f pp", change.delta()) : format(change.delta(), metric.unit()));
        return switch (change.verdict()) {
            case UP -> delta + " ↑";
            case DOWN -> delta + " ↓";
            case STABLE -> delta + " stable";
            case UNTESTED -> delta;
        };
    }

    static String format(double value, String unit) {
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%.1f%%", value);
            case "points" -> String.format(Locale.ROOT, "%.1f", value);
            case "minutes" -> String.format(Locale.ROOT, "%.1f min", value);
            case "hours" -> String.format(Locale.ROOT, "%.1f h", value);
            case "seconds" -> String.format(Locale.ROOT, "%.0f s", value);
            case "currency" -> String.format(Locale.ROOT, "%.2f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
    }
}
