package dev.pulse.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.pulse.config.ConfigLoader.number;
import static dev.pulse.config.ConfigLoader.onlyKeys;

/** Reads the {@code report:} section of pulse.yaml, adding every problem with its key to the caller's list. */
final class ReportSettingsLoader {
    private static final Set<String> KEYS = Set.of("company", "prepared_by", "classification", "distribution", "ops_series",
            "portal", "features", "competitors", "industry", "plan", "labels", "order");
    private static final Set<String> UNITS = Set.of("percent", "hours", "minutes", "count", "number");
    static final String PORTAL_NPS = "portal_nps";

    private final Set<String> knownMetrics;
    private final List<String> problems;

    ReportSettingsLoader(Set<String> knownMetrics, List<String> problems) {
        this.knownMetrics = knownMetrics;
        this.problems = problems;
    }

    ReportSettings parse(JsonNode node) {
        ReportSettings defaults = ReportSettings.defaults();
        if (node == null || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            problems.add("report: must be a mapping (" + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            return defaults;
        }
        onlyKeys(node, "report", KEYS, problems);
        Map<String, ReportSettings.OpsSeries> opsSeries = opsSeries(node.get("ops_series"));

        String portalTouchpoint = null;
        Double portalTarget = null;
        JsonNode portal = node.get("portal");
        if (portal != null) {
            onlyKeys(portal, "report.portal", Set.of("touchpoint", "nps_target"), problems);
            portalTouchpoint = text(portal.get("touchpoint"), "report.portal.touchpoint");
            portalTarget = number(portal.get("nps_target"), "report.portal.nps_target", problems);
        }

        String featureProgram = defaults.featureProgram();
        String usageSeries = defaults.featureUsageSeries();
        JsonNode features = node.get("features");
        if (features != null) {
            onlyKeys(features, "report.features", Set.of("program", "usage_series"), problems);
            String program = text(features.get("program"), "report.features.program");
            featureProgram = program != null ? program : featureProgram;
            String usage = text(features.get("usage_series"), "report.features.usage_series");
            usageSeries = usage != null ? usage : usageSeries;
        }

        List<ReportSettings.Competitor> competitors = new ArrayList<>();
        JsonNode competitorsNode = node.get("competitors");
        if (competitorsNode != null) {
            if (!competitorsNode.isArray()) {
                problems.add("report.competitors: must be a list of {name, <metric>: value, ...}");
            } else {
                for (int i = 0; i < competitorsNode.size(); i++) {
                    String key = "report.competitors[" + i + "]";
                    JsonNode competitor = competitorsNode.get(i);
                    if (!competitor.isObject() || text(competitor.get("name"), key + ".name") == null) {
                        problems.add(key + ": needs a name and metric values, e.g. {name: Acme, customer_nps: 30}");
                        continue;
                    }
                    Map<String, Double> values = new LinkedHashMap<>();
                    competitor.fields().forEachRemaining(field -> {
                        if (!field.getKey().equals("name")) {
                            metricValue(key + "." + field.getKey(), field.getKey(), field.getValue(), values, Set.of());
                        }
                    });
                    competitors.add(new ReportSettings.Competitor(competitor.get("name").asText(), values));
                }
            }
        }

        Map<String, Double> industry = new LinkedHashMap<>();
        JsonNode industryNode = node.get("industry");
        if (industryNode != null) {
            if (!industryNode.isObject()) {
                problems.add("report.industry: must map metric names to the industry average");
            } else {
                industryNode.fields().forEachRemaining(field ->
                        metricValue("report.industry." + field.getKey(), field.getKey(), field.getValue(), industry, Set.of()));
            }
        }

        return new ReportSettings(text(node.get("company"), "report.company"), text(node.get("prepared_by"), "report.prepared_by"),
                text(node.get("classification"), "report.classification"), text(node.get("distribution"), "report.distribution"),
                opsSeries, portalTouchpoint, portalTarget, featureProgram, usageSeries, competitors, industry,
                plan(node.get("plan"), opsSeries.keySet()), labels(node.get("labels")), order(node.get("order")));
    }

    /** report.labels: dimension to {value: label}. */
    private Map<String, Map<String, String>> labels(JsonNode node) {
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        if (node == null) {
            return labels;
        }
        if (!node.isObject()) {
            problems.add("report.labels: must map a dimension (journey, channel, ...) to {value: label}");
            return labels;
        }
        node.fields().forEachRemaining(dimension -> {
            if (!dimension.getValue().isObject()) {
                problems.add("report.labels." + dimension.getKey() + ": must map data values to labels, e.g. {technical_support: Technical support}");
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            dimension.getValue().fields().forEachRemaining(value -> {
                String label = text(value.getValue(), "report.labels." + dimension.getKey() + "." + value.getKey());
                if (label != null) {
                    values.put(value.getKey(), label);
                }
            });
            labels.put(dimension.getKey().toLowerCase(Locale.ROOT), values);
        });
        return labels;
    }

    /** report.order: dimension to its values in the order the report lists them. */
    private Map<String, List<String>> order(JsonNode node) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        if (node == null) {
            return order;
        }
        if (!node.isObject()) {
            problems.add("report.order: must map a dimension to its values in order, e.g. {tier: [Platinum, Gold, Silver, Registered]}");
            return order;
        }
        node.fields().forEachRemaining(dimension -> {
            if (!dimension.getValue().isArray()) {
                problems.add("report.order." + dimension.getKey() + ": must be a list of the dimension's values");
                return;
            }
            List<String> values = new ArrayList<>();
            dimension.getValue().forEach(value -> values.add(value.asText()));
            order.put(dimension.getKey().toLowerCase(Locale.ROOT), values);
        });
        return order;
    }

    private Map<String, ReportSettings.OpsSeries> opsSeries(JsonNode node) {
        Map<String, ReportSettings.OpsSeries> series = new LinkedHashMap<>();
        if (node == null) {
            return series;
        }
        if (!node.isObject()) {
            problems.add("report.ops_series: must map series names to {label, unit, polarity, target, section}");
            return series;
        }
        node.fields().forEachRemaining(entry -> {
            String key = "report.ops_series." + entry.getKey();
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                problems.add(key + ": must be a mapping {label, unit, polarity, target, section}");
                return;
            }
            onlyKeys(value, key, Set.of("label", "unit", "polarity", "target", "section"), problems);
            String label = text(value.get("label"), key + ".label");
            String unit = text(value.get("unit"), key + ".unit");
            if (unit != null && !UNITS.contains(unit)) {
                problems.add(key + ".unit: '" + unit + "' must be one of " + String.join(", ", UNITS.stream().sorted().toList()));
                unit = null;
            }
            Boolean higherIsBetter = null;
            String polarity = text(value.get("polarity"), key + ".polarity");
            if (polarity != null) {
                switch (polarity) {
                    case "higher_is_better" -> higherIsBetter = true;
                    case "lower_is_better" -> higherIsBetter = false;
                    default -> problems.add(key + ".polarity: '" + polarity + "' must be higher_is_better or lower_is_better");
                }
            }
            ReportSettings.OpsSection section = ReportSettings.OpsSection.PLATFORM;
            String sectionName = text(value.get("section"), key + ".section");
            if (sectionName != null) {
                try {
                    section = ReportSettings.OpsSection.valueOf(sectionName.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(key + ".section: '" + sectionName + "' must be platform or portal");
                }
            }
            Double target = number(value.get("target"), key + ".target", problems);
            series.put(entry.getKey(), new ReportSettings.OpsSeries(label != null ? label : entry.getKey(),
                    unit != null ? unit : "number", higherIsBetter, target, section));
        });
        return series;
    }

    private ReportSettings.Plan plan(JsonNode node, Set<String> opsSeries) {
        if (node == null) {
            return ReportSettings.defaults().plan();
        }
        if (!node.isObject()) {
            problems.add("report.plan: must be a mapping (label, initiatives, targets)");
            return ReportSettings.defaults().plan();
        }
        onlyKeys(node, "report.plan", Set.of("label", "initiatives", "targets"), problems);
        List<ReportSettings.Initiative> initiatives = new ArrayList<>();
        JsonNode list = node.get("initiatives");
        if (list != null) {
            if (!list.isArray()) {
                problems.add("report.plan.initiatives: must be a list of {name, investment, timeline, expected_impact}");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String key = "report.plan.initiatives[" + i + "]";
                    JsonNode item = list.get(i);
                    onlyKeys(item, key, Set.of("name", "investment", "timeline", "expected_impact"), problems);
                    String name = text(item.get("name"), key + ".name");
                    if (name == null) {
                        problems.add(key + ".name: is required");
                        continue;
                    }
                    initiatives.add(new ReportSettings.Initiative(name, text(item.get("investment"), key + ".investment"),
                            text(item.get("timeline"), key + ".timeline"), text(item.get("expected_impact"), key + ".expected_impact")));
                }
            }
        }
        Map<String, Double> targets = new LinkedHashMap<>();
        JsonNode targetsNode = node.get("targets");
        if (targetsNode != null) {
            if (!targetsNode.isObject()) {
                problems.add("report.plan.targets: must map metric names to next year's target");
            } else {
                targetsNode.fields().forEachRemaining(field ->
                        metricValue("report.plan.targets." + field.getKey(), field.getKey(), field.getValue(), targets, opsSeries));
            }
        }
        return new ReportSettings.Plan(text(node.get("label"), "report.plan.label"), initiatives, targets);
    }

    /** A number keyed by a catalogue metric, portal_nps or one of {@code alsoKnown}. */
    private void metricValue(String key, String metric, JsonNode value, Map<String, Double> into, Set<String> alsoKnown) {
        if (!knownMetrics.contains(metric) && !metric.equals(PORTAL_NPS) && !alsoKnown.contains(metric)) {
            problems.add(key + ": unknown metric (a catalogue metric, " + PORTAL_NPS
                    + (alsoKnown.isEmpty() ? "" : " or a series of report.ops_series") + ")");
            return;
        }
        Double number = number(value, key, problems);
        if (number != null) {
            into.put(metric, number);
        } else if (value == null || value.isNull()) {
            problems.add(key + ": needs a number");
        }
    }

    private String text(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            problems.add(key + ": must be text");
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
