package dev.pulse.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The metric catalogue, read from YAML and validated as a whole before use: every problem is
 * collected with its metric and field, then reported together.
 */
public final class Catalogue {
    private static final Set<String> FIELDS = Set.of("name", "title", "source", "kind", "filter", "value", "success", "fraction",
            "numerator", "denominator", "scale", "polarity", "unit");
    private static final Set<String> SQL_WORDS = Set.of("and", "or", "not", "is", "null", "true", "false", "in", "between",
            "like", "case", "when", "then", "else", "end", "cast", "as", "double", "coalesce", "abs", "distinct");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, MetricDefinition> metrics;

    private Catalogue(Map<String, MetricDefinition> metrics) {
        this.metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The catalogue shipped with Pulse. */
    public static Catalogue standard() {
        try (InputStream in = Catalogue.class.getResourceAsStream("catalogue.yaml")) {
            requireNonNull(in, "catalogue.yaml is not on the class path");
            return parse("catalogue.yaml", new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CatalogueException e) {
            throw new IllegalStateException("the shipped catalogue is invalid: " + e.getMessage(), e);
        }
    }

    public static Catalogue parse(String file, JsonNode root) throws CatalogueException {
        List<String> problems = new ArrayList<>();
        Map<String, MetricDefinition> metrics = new LinkedHashMap<>();
        JsonNode list = root == null ? null : root.get("metrics");
        if (list == null || !list.isArray()) {
            throw new CatalogueException(file, List.of("metrics: must be a list"));
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String name = text(node, "name");
            String where = "metrics[" + i + "]" + (name != null ? " (" + name + ")" : "");
            if (name == null) {
                problems.add(where + ".name: missing");
                continue;
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!FIELDS.contains(field)) {
                    problems.add(where + "." + field + ": unknown field");
                }
            });
            if (metrics.containsKey(name)) {
                problems.add(where + ".name: '" + name + "' is defined twice");
            }
            Optional<Source> source = Source.fromId(String.valueOf(text(node, "source")));
            if (source.isEmpty()) {
                problems.add(where + ".source: '" + text(node, "source") + "' is not one of " + ids(Source.values()));
            }
            MetricKind kind = enumValue(MetricKind.class, text(node, "kind"), where + ".kind", problems);
            Polarity polarity = enumValue(Polarity.class, text(node, "polarity"), where + ".polarity", problems);
            String unit = text(node, "unit");
            if (unit == null) {
                problems.add(where + ".unit: missing");
            } else if (!MetricDefinition.UNITS.contains(unit)) {
                problems.add(where + ".unit: '" + unit + "' is not one of " + String.join(", ", new java.util.TreeSet<>(MetricDefinition.UNITS)));
            }
            Double fraction = node.has("fraction") ? node.get("fraction").asDouble() : null;
            double scale = node.has("scale") ? node.get("scale").asDouble() : 1.0;
            if (source.isEmpty() || kind == null || polarity == null || unit == null) {
                continue;
            }
            MetricDefinition metric = new MetricDefinition(name, Optional.ofNullable(text(node, "title")).orElse(name), source.get(),
                    kind, text(node, "filter"), text(node, "value"), text(node, "success"), fraction, text(node, "numerator"),
                    text(node, "denominator"), scale, polarity, unit);
            validate(metric, where, problems);
            metrics.put(name, metric);
        }
        if (!problems.isEmpty()) {
            throw new CatalogueException(file, problems);
        }
        return new Catalogue(metrics);
    }

    private static void validate(MetricDefinition metric, String where, List<String> problems) {
        switch (metric.kind()) {
            case NPS, MEAN -> require(metric.value(), where + ".value", problems);
            case SHARE -> require(metric.success(), where + ".success", problems);
            case PERCENTILE -> {
                require(metric.value(), where + ".value", problems);
                if (metric.fraction() == null || metric.fraction() < 0 || metric.fraction() > 1) {
                    problems.add(where + ".fraction: must be a number from 0 to 1");
                }
            }
            case RATIO -> {
                require(metric.numerator(), where + ".numerator", problems);
                require(metric.denominator(), where + ".denominator", problems);
            }
            case COUNT, COST_PER_TICKET, ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE -> {
            }
        }
        Set<String> columns = metric.source().columns();
        Map<String, String> expressions = new LinkedHashMap<>();
        expressions.put("filter", metric.filter());
        expressions.put("value", metric.value());
        expressions.put("success", metric.success());
        expressions.put("numerator", metric.numerator());
        expressions.put("denominator", metric.denominator());
        expressions.forEach((field, expression) -> {
            if (expression == null) {
                return;
            }
            Matcher matcher = IDENTIFIER.matcher(expression.replaceAll("'[^']*'", "''"));
            while (matcher.find()) {
                String word = matcher.group();
                if (!SQL_WORDS.contains(word.toLowerCase(Locale.ROOT)) && !columns.contains(word)) {
                    problems.add(where + "." + field + ": '" + word + "' is not a column of " + metric.source().id());
                }
            }
        });
    }

    private static void require(String value, String where, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(where + ": missing");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where, List<String> problems) {
        if (text != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
        }
        problems.add(where + ": '" + text + "' is not one of " + ids(type.getEnumConstants()));
        return null;
    }

    private static String ids(Enum<?>[] constants) {
        List<String> names = new ArrayList<>();
        for (Enum<?> constant : constants) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public Optional<MetricDefinition> get(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    public List<MetricDefinition> all() {
        return List.copyOf(metrics.values());
    }

    public Set<String> names() {
        return metrics.keySet();
    }

    /** The catalogue file is invalid; every problem is listed. */
    public static final class CatalogueException extends Exception {
        public CatalogueException(String file, List<String> problems) {
            super(file + ":\n  - " + String.join("\n  - ", problems));
        }
    }
}
