package dev.pulse.report;

import dev.pulse.metrics.MetricValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** Metric values of one engine query, looked up by metric and group values (in the query's dimension order). */
final class Grid {
    private final List<String> dimensions;
    private final Map<String, MetricValue> byKey = new HashMap<>();
    private final List<MetricValue> values;

    Grid(List<String> dimensions, List<MetricValue> values) {
        this.dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        this.values = List.copyOf(values);
        for (MetricValue value : values) {
            List<String> group = new ArrayList<>();
            for (String dimension : dimensions) {
                group.add(value.group().get(dimension));
            }
            byKey.put(key(value.metric(), group), value);
        }
    }

    /** The value for a metric and group values (null group values allowed); null when the engine returned none. */
    MetricValue get(String metric, String... group) {
        if (group.length != dimensions.size()) {
            throw new IllegalArgumentException("expected " + dimensions.size() + " group values, got " + group.length);
        }
        return byKey.get(key(metric, java.util.Arrays.asList(group)));
    }

    /** Value or null, for chaining. */
    Double number(String metric, String... group) {
        MetricValue value = get(metric, group);
        return value == null ? null : value.value();
    }

    /** The distinct values of a dimension among rows of {@code metric} with data, in the engine's order. */
    List<String> members(String dimension, String metric) {
        int index = dimensions.indexOf(dimension);
        if (index < 0) {
            throw new IllegalArgumentException(dimension + " is not a dimension of this grid");
        }
        LinkedHashSet<String> members = new LinkedHashSet<>();
        for (MetricValue value : values) {
            if (value.metric().equals(metric) && value.n() > 0) {
                members.add(value.group().get(dimension));
            }
        }
        return new ArrayList<>(members);
    }

    /** How the data spells a group value of a dimension, matched case-insensitively (as category values are); null when absent. */
    String spelling(String dimension, String metric, String wanted) {
        return members(dimension, metric).stream().filter(m -> m != null && m.equalsIgnoreCase(wanted)).findFirst().orElse(null);
    }

    private static String key(String metric, List<String> group) {
        StringBuilder key = new StringBuilder(metric);
        for (String value : group) {
            key.append('\u0000').append(Objects.requireNonNullElse(value, "\u0001"));
        }
        return key.toString();
    }
}
