package dev.pulse.metrics;

import dev.pulse.engine.Dialect;
import dev.pulse.engine.PeriodGrain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The validated group-by dimensions of a query: calendar grains and category columns, in the order asked. */
final class Dimensions {
    private final List<String> names;

    private Dimensions(List<String> names) {
        this.names = List.copyOf(names);
    }

    static Dimensions resolve(List<String> requested, List<MetricDefinition> metrics) throws MetricException {
        List<String> names = new ArrayList<>();
        for (String raw : requested) {
            String name = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (!MetricEngine.allDimensionNames().contains(name)) {
                throw new MetricException("unknown dimension '" + raw.trim() + "'; valid dimensions: "
                        + String.join(", ", MetricEngine.allDimensionNames()));
            }
            if (names.contains(name)) {
                throw new MetricException("dimension '" + name + "' is asked for twice");
            }
            names.add(name);
        }
        Dimensions dimensions = new Dimensions(names);
        for (MetricDefinition metric : metrics) {
            List<String> allowed = allowed(metric);
            for (String name : names) {
                if (PeriodGrain.fromDimension(name).isEmpty() && !allowed.contains(name)) {
                    throw new MetricException("metric " + metric.name() + " cannot be grouped by " + name + " (its rows come from "
                            + metric.source().id() + "; its dimensions: "
                            + String.join(", ", grainsAnd(allowed)) + ")");
                }
            }
            boolean periodBased = switch (metric.kind()) {
                case ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE, COST_PER_TICKET -> true;
                case COUNT, NPS, SHARE, MEAN, PERCENTILE, RATIO -> false;
            };
            if (periodBased && dimensions.grains().contains(PeriodGrain.WEEK) && dimensions.grains().size() > 1) {
                throw new MetricException("metric " + metric.name() + " cannot combine week with another period (weeks cross them)");
            }
            if (metric.kind() == MetricKind.COST_PER_TICKET && dimensions.grains().contains(PeriodGrain.WEEK)) {
                throw new MetricException("metric cost_per_ticket cannot be grouped by week: costs are monthly");
            }
        }
        return dimensions;
    }

    /** The category dimensions a metric's rows have (for grouping and filtering). */
    static List<String> allowed(MetricDefinition metric) {
        return switch (metric.kind()) {
            case CONTACT_RATE, ACTIVE_CUSTOMERS, RETENTION, CHURN -> Source.ACCOUNTS.dimensions();
            case COST_PER_TICKET -> List.of();
            case COUNT, NPS, SHARE, MEAN, PERCENTILE, RATIO -> metric.source().dimensions();
        };
    }

    private static List<String> grainsAnd(List<String> dimensions) {
        List<String> all = new ArrayList<>();
        for (PeriodGrain grain : PeriodGrain.values()) {
            all.add(grain.dimensionName());
        }
        all.addAll(dimensions);
        return all;
    }

    List<String> names() {
        return names;
    }

    static String alias(int index) {
        return "d" + index;
    }

    List<String> aliases() {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            aliases.add(alias(i));
        }
        return aliases;
    }

    /** Select-list expressions over a source view, aliased d0, d1, ... */
    List<String> expressions(Dialect dialect) {
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<PeriodGrain> grain = PeriodGrain.fromDimension(name);
            expressions.add(grain.map(g -> dialect.periodStart(g, "src.event_local"))
                    .orElse("CAST(src." + dialect.identifier(name) + " AS VARCHAR)") + " AS " + alias(i));
        }
        return expressions;
    }

    List<PeriodGrain> grains() {
        return names.stream().map(PeriodGrain::fromDimension).flatMap(Optional::stream).toList();
    }

    boolean hasCategory() {
        return grains().size() < names.size();
    }

    /** The finest calendar grain asked for, which periods are enumerated by. */
    Optional<PeriodGrain> finestGrain() {
        return grains().stream().max(Enum::compareTo);
    }

    Map<String, String> group(Map<String, Object> row) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Object value = row.get(alias(i));
            Optional<PeriodGrain> grain = PeriodGrain.fromDimension(names.get(i));
            if (value == null || value instanceof String || grain.isEmpty()) {
                group.put(names.get(i), value == null ? null : value.toString());
            } else {
                // a period start from the engine (timestamp or date): its label
                group.put(names.get(i), PeriodRange.label(grain.get(), LocalDate.parse(value.toString().substring(0, 10))));
            }
        }
        return group;
    }

    Map<String, String> group(List<String> values) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            group.put(names.get(i), values.get(i));
        }
        return group;
    }

    /** The calendar part of a group, which a count's share is taken within. */
    List<String> periodKey(Map<String, String> group) {
        List<String> key = new ArrayList<>();
        for (String name : names) {
            if (PeriodGrain.fromDimension(name).isPresent()) {
                key.add(group.get(name));
            }
        }
        return key;
    }
}
