package dev.pulse.config;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A metric's target: an overall value and optional values per group, e.g. {@code segment: {Enterprise: 55}}.
 *
 * @param byGroup dimension name to (group value, compared case-insensitively, to target)
 */
public record MetricTarget(Double overall, Map<String, Map<String, Double>> byGroup) {
    public MetricTarget {
        requireNonNull(byGroup, "byGroup is null");
        byGroup = Map.copyOf(byGroup);
    }

    /** The target for a group: the most specific configured one (a dimension value), else the overall one. */
    public Optional<Double> forGroup(Map<String, String> group) {
        return specificTo(group).or(() -> Optional.ofNullable(overall));
    }

    /** The target configured for one of the group's dimension values, without falling back to the overall one. */
    public Optional<Double> specificTo(Map<String, String> group) {
        for (var entry : group.entrySet()) {
            Map<String, Double> values = byGroup.get(entry.getKey());
            if (values != null && entry.getValue() != null) {
                for (var value : values.entrySet()) {
                    if (value.getKey().equalsIgnoreCase(entry.getValue())) {
                        return Optional.of(value.getValue());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
