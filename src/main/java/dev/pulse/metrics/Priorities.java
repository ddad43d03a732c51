package dev.pulse.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Importance-performance analysis, one rule for support experiences and for features: of the items
 * whose importance is significant, one that matters more than the average of them and performs worse
 * than the average is a High priority, one that matters less and performs better is Low, the rest
 * Medium. An item whose importance the data cannot tell from noise gets no priority at all: it is
 * never ranked as if it mattered.
 */
public final class Priorities {
    public enum Priority {
        HIGH, MEDIUM, LOW, NOT_SIGNIFICANT
    }

    /**
     * @param importance  Johnson's relative weight (any scale, the same for all items)
     * @param performance how well it goes today, higher is better (a feature's CSAT; the share of answers without a bad experience)
     */
    public record Item(String name, double importance, boolean significant, double performance) {
        public Item {
            requireNonNull(name, "name is null");
        }
    }

    /** The averages the rule compares with: over the significant items. */
    public record Thresholds(double importance, double performance) {
    }

    private Priorities() {
    }

    public static Thresholds thresholds(List<Item> items) {
        List<Item> significant = items.stream().filter(Item::significant).toList();
        return new Thresholds(significant.stream().mapToDouble(Item::importance).average().orElse(Double.NaN),
                significant.stream().mapToDouble(Item::performance).average().orElse(Double.NaN));
    }

    public static Map<String, Priority> classify(List<Item> items) {
        Thresholds t = thresholds(items);
        Map<String, Priority> result = new LinkedHashMap<>();
        for (Item item : items) {
            if (!item.significant()) {
                result.put(item.name(), Priority.NOT_SIGNIFICANT);
                continue;
            }
            boolean important = item.importance() > t.importance();
            boolean weak = item.performance() < t.performance();
            result.put(item.name(), important && weak ? Priority.HIGH : !important && !weak ? Priority.LOW : Priority.MEDIUM);
        }
        return result;
    }
}
