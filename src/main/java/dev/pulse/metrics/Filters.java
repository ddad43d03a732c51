package dev.pulse.metrics;

import dev.pulse.engine.Dialect;
import dev.pulse.engine.PeriodGrain;
import dev.pulse.engine.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Which rows a query keeps, by category dimensions: each dimension to the values it may take
 * (compared case-insensitively, as category values are; {@value #NULL} for rows without one). Values
 * of one dimension are alternatives, dimensions all apply: {@code segment: Enterprise, SMB} and
 * {@code channel: phone} keep the phone rows of Enterprise and SMB accounts. Values reach SQL only
 * as bind values.
 */
public record Filters(Map<String, List<String>> values) {
    /** The value that stands for "no value" (how a null group is shown). */
    public static final String NULL = "(null)";
    public static final Filters NONE = new Filters(Map.of());

    public Filters {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : requireNonNull(values, "values is null").entrySet()) {
            if (entry.getValue().isEmpty()) {
                throw new IllegalArgumentException("filter " + entry.getKey() + " has no value");
            }
            copy.put(entry.getKey().trim().toLowerCase(Locale.ROOT), List.copyOf(entry.getValue()));
        }
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Parses {@code DIM:V1,V2} filters as the CLI and the API take them (repeatable: dimensions all
     * apply); a dimension given twice keeps the values of both.
     */
    public static Filters parse(List<String> filters) throws MetricException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String filter : filters) {
            int colon = filter.indexOf(':');
            if (colon <= 0) {
                throw new MetricException("filter '" + filter + "' is not DIMENSION:VALUE[,VALUE...], e.g. segment:Enterprise,SMB");
            }
            String dimension = filter.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            List<String> wanted = new ArrayList<>();
            for (String value : filter.substring(colon + 1).split(",")) {
                if (!value.isBlank()) {
                    wanted.add(value.trim());
                }
            }
            if (wanted.isEmpty()) {
                throw new MetricException("filter '" + filter + "' names no value after the ':'");
            }
            values.computeIfAbsent(dimension, d -> new ArrayList<>()).addAll(wanted);
        }
        return new Filters(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A user error unless every filter is a category dimension that each metric's rows have (as for grouping). */
    void check(List<MetricDefinition> metrics) throws MetricException {
        for (String dimension : values.keySet()) {
            if (PeriodGrain.fromDimension(dimension).isPresent()) {
                throw new MetricException("filter " + dimension + ": periods are chosen with --period or --from/--to, not filtered");
            }
            if (!MetricEngine.allDimensionNames().contains(dimension)) {
                throw new MetricException("unknown filter dimension '" + dimension + "'; valid dimensions: "
                        + String.join(", ", MetricEngine.allDimensionNames().stream().filter(d -> PeriodGrain.fromDimension(d).isEmpty()).toList()));
            }
            for (MetricDefinition metric : metrics) {
                if (!Dimensions.allowed(metric).contains(dimension)) {
                    throw new MetricException("metric " + metric.name() + " cannot be filtered by " + dimension + " (its rows come from "
                            + metric.source().id() + "; its dimensions: " + String.join(", ", Dimensions.allowed(metric)) + ")");
                }
            }
        }
    }

    /** The condition on the rows of {@code alias} (a source view or the accounts table), null when there is no filter. */
    Sql condition(Dialect dialect, String alias) {
        if (values.isEmpty()) {
            return null;
        }
        List<Sql> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            String column = alias + "." + dialect.identifier(entry.getKey());
            List<String> named = entry.getValue().stream().filter(v -> !v.equalsIgnoreCase(NULL))
                    .map(v -> v.toLowerCase(Locale.ROOT)).toList();
            List<Sql> alternatives = new ArrayList<>();
            if (!named.isEmpty()) {
                alternatives.add(Sql.of("lower(CAST(" + column + " AS VARCHAR)) IN (" + String.join(", ", java.util.Collections.nCopies(named.size(), "?"))
                        + ")", named.toArray()));
            }
            if (named.size() < entry.getValue().size()) {
                alternatives.add(Sql.of(column + " IS NULL"));
            }
            parts.add(new Sql.Builder().add("(").add(Sql.join(" OR ", alternatives)).add(")").build());
        }
        return Sql.join(" AND ", parts);
    }

    /** The columns the filter reads, for a view to include what it needs. */
    String columns() {
        return String.join(" ", values.keySet());
    }
}
