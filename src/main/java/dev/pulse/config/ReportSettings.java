package dev.pulse.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The {@code report:} section of pulse.yaml: what the quarterly report takes from configuration
 * because the data cannot hold it (company name, how to show ops series, competitor and industry
 * figures, next year's plan).
 *
 * @param company            shown in the title; null for none
 * @param opsSeries          ops_metrics series to show, in order, keyed by series name; empty = every series in the data
 * @param portalTouchpoint   the survey touchpoint whose NPS answers are the partner portal's NPS; null = no portal NPS
 * @param portalNpsTarget    target for that portal NPS
 * @param featureProgram     the survey program whose CSAT answers by touchpoint are feature satisfaction
 * @param featureUsageSeries the ops_metrics series holding each feature's usage in percent, with the feature in {@code product}
 * @param competitors        competitor figures, keyed by catalogue metric (e.g. customer_nps)
 * @param industry           industry averages, keyed by catalogue metric
 * @param plan               next year's initiatives and targets
 * @param labels             dimension to {data value: label} for the report's tables (journey, channel, ...); values
 *                           without one are shown as written, ids such as technical_support made readable
 * @param order              dimension to its values in the order the report lists them (others follow, alphabetically);
 *                           default tier: Platinum, Gold, Silver, Registered, as the seed report ranks them
 */
public record ReportSettings(String company, String preparedBy, String classification, String distribution,
                             Map<String, OpsSeries> opsSeries, String portalTouchpoint, Double portalNpsTarget,
                             String featureProgram, String featureUsageSeries, List<Competitor> competitors,
                             Map<String, Double> industry, Plan plan, Map<String, Map<String, String>> labels,
                             Map<String, List<String>> order) {
    public ReportSettings {
        opsSeries = ordered(requireNonNull(opsSeries, "opsSeries is null"));
        competitors = List.copyOf(requireNonNull(competitors, "competitors is null"));
        industry = ordered(requireNonNull(industry, "industry is null"));
        requireNonNull(plan, "plan is null");
        requireNonNull(featureProgram, "featureProgram is null");
        requireNonNull(featureUsageSeries, "featureUsageSeries is null");
        labels = ordered(requireNonNull(labels, "labels is null"));
        order = ordered(requireNonNull(order, "order is null"));
    }

    public static final Map<String, List<String>> DEFAULT_ORDER = Map.of("tier", List.of("Platinum", "Gold", "Silver", "Registered"));

    /**
     * How a group value of a dimension is shown: its configured label, else an id (lower case and
     * underscores, as exports write journeys and channels: technical_support) made readable (Technical
     * support), else as the data spells it.
     */
    public String label(String dimension, String value) {
        if (value == null) {
            return "(none)";
        }
        Map<String, String> configured = labels.getOrDefault(dimension, Map.of());
        for (Map.Entry<String, String> entry : configured.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(value)) {
                return entry.getValue();
            }
        }
        boolean id = !value.isEmpty();
        for (int i = 0; i < value.length() && id; i++) {
            char c = value.charAt(i);
            id = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (!id) {
            return value;
        }
        String words = value.replace('_', ' ').strip();
        return words.isEmpty() ? value : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The group values in the report's order for the dimension: the configured (or default) ranks first, then the rest alphabetically. */
    public List<String> ordered(String dimension, List<String> values) {
        List<String> ranks = order.getOrDefault(dimension, DEFAULT_ORDER.getOrDefault(dimension, List.of()));
        List<String> sorted = new java.util.ArrayList<>(values);
        sorted.sort(java.util.Comparator.comparingInt((String v) -> {
            for (int i = 0; i < ranks.size(); i++) {
                if (v != null && ranks.get(i).equalsIgnoreCase(v)) {
                    return i;
                }
            }
            return ranks.size();
        }).thenComparing(v -> v == null ? "\uffff" : v));
        return sorted;
    }

    public static ReportSettings defaults() {
        return new ReportSettings(null, null, null, null, Map.of(), null, null, "feature", "feature_usage_pct", List.of(), Map.of(),
                new Plan(null, List.of(), Map.of()), Map.of(), Map.of());
    }

    /** Which part of the report an ops series belongs to. */
    public enum OpsSection {
        PLATFORM, PORTAL
    }

    /**
     * How an ops_metrics series is shown.
     *
     * @param unit           percent, hours, minutes, count or number
     * @param higherIsBetter null when the series has no good direction
     */
    public record OpsSeries(String label, String unit, Boolean higherIsBetter, Double target, OpsSection section) {
        public OpsSeries {
            requireNonNull(label, "label is null");
            requireNonNull(unit, "unit is null");
            requireNonNull(section, "section is null");
        }
    }

    /** @param values catalogue metric name (or portal_nps) to the competitor's figure */
    public record Competitor(String name, Map<String, Double> values) {
        public Competitor {
            requireNonNull(name, "name is null");
            values = ordered(requireNonNull(values, "values is null"));
        }
    }

    public record Initiative(String name, String investment, String timeline, String expectedImpact) {
        public Initiative {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * @param label   the plan's period, e.g. 2025
     * @param targets catalogue metric, ops series or portal_nps to the plan's target
     */
    public record Plan(String label, List<Initiative> initiatives, Map<String, Double> targets) {
        public Plan {
            initiatives = List.copyOf(requireNonNull(initiatives, "initiatives is null"));
            targets = ordered(requireNonNull(targets, "targets is null"));
        }
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
