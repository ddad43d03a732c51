package dev.pulse.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import dev.pulse.ingest.CsvImportOptions;
import dev.pulse.voc.Theme;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Reads and validates pulse.yaml. The whole file is checked before anything is used, and every
 * problem is reported at once with its key (e.g. {@code sla.P1.response_minutes}).
 */
public final class ConfigLoader {
    private static final Set<String> TOP_LEVEL = Set.of("timezone", "sla", "service_level", "ces", "targets", "ops_metrics",
            "engine", "report", "voc", "import", "access");
    private static final Set<String> OPS_AGGREGATIONS = Set.of("mean", "sum", "last");

    private final Set<String> knownMetrics;

    /** @param knownMetrics the catalogue's metric names, which targets must use */
    public ConfigLoader(Set<String> knownMetrics) {
        this.knownMetrics = Set.copyOf(requireNonNull(knownMetrics, "knownMetrics is null"));
    }

    /** The configuration of a file; the defaults when {@code file} is null. */
    public PulseConfig load(Path file) throws ConfigException {
        if (file == null) {
            return PulseConfig.defaults();
        }
        String name = file.toString();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(name, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "")));
        } catch (IOException e) {
            throw new ConfigException(name, List.of("cannot be read: " + e.getMessage()));
        }
        return parse(name, root);
    }

    public PulseConfig parse(String name, JsonNode root) throws ConfigException {
        PulseConfig defaults = PulseConfig.defaults();
        List<String> problems = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults;
        }
        if (!root.isObject()) {
            throw new ConfigException(name, List.of("the top level must be a mapping of settings"));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL.contains(key)) {
                problems.add(key + ": unknown setting (known: " + String.join(", ", TOP_LEVEL.stream().sorted().toList()) + ")");
            }
        }

        ZoneId zone = defaults.zone();
        JsonNode zoneNode = root.get("timezone");
        if (zoneNode != null) {
            try {
                zone = zone(zoneNode.asText());
            } catch (DateTimeException e) {
                problems.add("timezone: '" + zoneNode.asText() + "' is not a time zone (e.g. UTC, America/Santiago, +05:30)");
            }
        }

        Map<String, SlaTarget> sla = new LinkedHashMap<>(defaults.slaByPriority());
        JsonNode slaNode = root.get("sla");
        if (slaNode != null) {
            if (!slaNode.isObject()) {
                problems.add("sla: must map each priority to response_minutes and resolution_hours");
            } else {
                sla.clear();
                slaNode.fields().forEachRemaining(entry -> {
                    String key = "sla." + entry.getKey();
                    JsonNode value = entry.getValue();
                    if (value.isNull()) {
                        sla.put(entry.getKey().toLowerCase(Locale.ROOT), new SlaTarget(null, null));
                        return;
                    }
                    if (!value.isObject()) {
                        problems.add(key + ": must be a mapping with response_minutes and/or resolution_hours");
                        return;
                    }
                    onlyKeys(value, key, Set.of("response_minutes", "resolution_hours"), problems);
                    Double response = positive(value.get("response_minutes"), key + ".response_minutes", problems);
                    Double resolution = positive(value.get("resolution_hours"), key + ".resolution_hours", problems);
                    sla.put(entry.getKey().toLowerCase(Locale.ROOT), new SlaTarget(response, resolution));
                });
            }
        }

        double threshold = defaults.serviceLevelSeconds();
        double shortAbandon = defaults.shortAbandonSeconds();
        JsonNode serviceLevel = root.get("service_level");
        if (serviceLevel != null) {
            onlyKeys(serviceLevel, "service_level", Set.of("threshold_seconds", "short_abandon_seconds"), problems);
            Double value = nonNegative(serviceLevel.get("threshold_seconds"), "service_level.threshold_seconds", problems);
            threshold = value != null ? value : threshold;
            value = nonNegative(serviceLevel.get("short_abandon_seconds"), "service_level.short_abandon_seconds", problems);
            shortAbandon = value != null ? value : shortAbandon;
        }

        boolean cesHigherIsBetter = defaults.cesHigherIsBetter();
        JsonNode ces = root.get("ces");
        if (ces != null) {
            onlyKeys(ces, "ces", Set.of("polarity"), problems);
            JsonNode polarity = ces.get("polarity");
            if (polarity != null) {
                switch (polarity.asText()) {
                    case "higher_is_better" -> cesHigherIsBetter = true;
                    case "lower_is_better" -> cesHigherIsBetter = false;
                    default -> problems.add("ces.polarity: '" + polarity.asText() + "' must be higher_is_better or lower_is_better");
                }
            }
        }

        Map<String, MetricTarget> targets = new LinkedHashMap<>();
        JsonNode targetsNode = root.get("targets");
        if (targetsNode != null) {
            if (!targetsNode.isObject()) {
                problems.add("targets: must map metric names to a value or to {overall, by}");
            } else {
                targetsNode.fields().forEachRemaining(entry -> {
                    MetricTarget target = target("targets." + entry.getKey(), entry.getValue(), problems);
                    if (!knownMetrics.contains(entry.getKey())) {
                        problems.add("targets." + entry.getKey() + ": unknown metric (known: "
                                + String.join(", ", knownMetrics.stream().sorted().toList()) + ")");
                    } else if (target != null) {
                        targets.put(entry.getKey(), target);
                    }
                });
            }
        }

        Map<String, String> opsAggregation = new LinkedHashMap<>();
        JsonNode ops = root.get("ops_metrics");
        if (ops != null) {
            onlyKeys(ops, "ops_metrics", Set.of("aggregation"), problems);
            JsonNode aggregation = ops.get("aggregation");
            if (aggregation != null) {
                aggregation.fields().forEachRemaining(entry -> {
                    String how = entry.getValue().asText();
                    if (!OPS_AGGREGATIONS.contains(how)) {
                        problems.add("ops_metrics.aggregation." + entry.getKey() + ": '" + how + "' must be mean, sum or last");
                    } else {
                        opsAggregation.put(entry.getKey(), how);
                    }
                });
            }
        }

        String memoryLimit = defaults.memoryLimit();
        JsonNode engine = root.get("engine");
        if (engine != null) {
            onlyKeys(engine, "engine", Set.of("memory_limit"), problems);
            JsonNode limit = engine.get("memory_limit");
            if (limit != null) {
                if (limit.asText().matches("\\d+(\\.\\d+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
                    memoryLimit = limit.asText();
                } else {
                    problems.add("engine.memory_limit: '" + limit.asText() + "' must be a size such as 2GB or 512MB");
                }
            }
        }

        ReportSettings report = new ReportSettingsLoader(knownMetrics, problems).parse(root.get("report"));
        List<Theme> themes = ThemesLoader.parse(root.get("voc"), defaults.themes(), problems);

        CsvImportOptions importOptions = importOptions(root.get("import"), problems);
        int minN = defaults.accessMinN();
        int requestsPerMinute = defaults.accessRequestsPerMinute();
        JsonNode access = root.get("access");
        if (access != null) {
            onlyKeys(access, "access", Set.of("min_n", "requests_per_minute"), problems);
            Double value = nonNegative(access.get("min_n"), "access.min_n", problems);
            minN = value == null ? minN : (int) Math.min(value, 1_000_000);
            Double rate = nonNegative(access.get("requests_per_minute"), "access.requests_per_minute", problems);
            requestsPerMinute = rate == null ? requestsPerMinute : (int) Math.min(rate, 100_000_000);
        }

        if (!problems.isEmpty()) {
            throw new ConfigException(name, problems);
        }
        return new PulseConfig(zone, sla, threshold, shortAbandon, cesHigherIsBetter, targets, opsAggregation, memoryLimit, report, themes,
                importOptions, minN, requestsPerMinute);
    }

    /** strptime's directives that a date or timestamp format may use (DuckDB's, as C's strptime). */
    private static final String FORMAT_DIRECTIVES = "dmYyHIMSfpbBzZe%";

    private static CsvImportOptions importOptions(JsonNode node, List<String> problems) {
        CsvImportOptions defaults = CsvImportOptions.defaults();
        if (node == null) {
            return defaults;
        }
        onlyKeys(node, "import", Set.of("max_text_length", "max_value_length", "date_format", "timestamp_format"), problems);
        Double text = positive(node.get("max_text_length"), "import.max_text_length", problems);
        Double value = positive(node.get("max_value_length"), "import.max_value_length", problems);
        Map<String, String> dates = formats(node.get("date_format"), "import.date_format", problems);
        Map<String, String> timestamps = formats(node.get("timestamp_format"), "import.timestamp_format", problems);
        return new CsvImportOptions(text == null ? defaults.maxTextLength() : (int) Math.min(text, Integer.MAX_VALUE),
                value == null ? defaults.maxValueLength() : (int) Math.min(value, Integer.MAX_VALUE), dates, timestamps);
    }

    /** File name to a strptime format; each format checked to use only strptime's directives. */
    private static Map<String, String> formats(JsonNode node, String key, List<String> problems) {
        Map<String, String> formats = new LinkedHashMap<>();
        if (node == null) {
            return formats;
        }
        if (!node.isObject()) {
            problems.add(key + ": must map a file name (tickets.csv, ...) to a format such as \"%d/%m/%Y\"");
            return formats;
        }
        node.fields().forEachRemaining(entry -> {
            String where = key + "." + entry.getKey();
            String format = entry.getValue().asText();
            if (!dev.pulse.ingest.DataContract.forFile(entry.getKey()).isPresent()) {
                problems.add(where + ": not a file of the data contract (accounts.csv, tickets.csv, ...)");
                return;
            }
            boolean valid = format.indexOf('%') >= 0;
            for (int i = format.indexOf('%'); i >= 0 && valid; i = format.indexOf('%', i + 2)) {
                valid = i + 1 < format.length() && FORMAT_DIRECTIVES.indexOf(format.charAt(i + 1)) >= 0;
            }
            if (!valid) {
                problems.add(where + ": '" + format + "' is not a strptime format (e.g. %d/%m/%Y, %d/%m/%Y %H:%M; directives %d %m %Y %y %H %I %M %S"
                        + " %f %p %b %B %z)");
            } else {
                formats.put(entry.getKey().toLowerCase(Locale.ROOT), format);
            }
        });
        return formats;
    }

    private static MetricTarget target(String key, JsonNode node, List<String> problems) {
        if (node.isNumber()) {
            return new MetricTarget(node.asDouble(), Map.of());
        }
        if (!node.isObject()) {
            problems.add(key + ": must be a number or a mapping with overall and/or by");
            return null;
        }
        onlyKeys(node, key, Set.of("overall", "by"), problems);
        Double overall = number(node.get("overall"), key + ".overall", problems);
        Map<String, Map<String, Double>> byGroup = new LinkedHashMap<>();
        JsonNode by = node.get("by");
        if (by != null) {
            if (!by.isObject()) {
                problems.add(key + ".by: must map a dimension to {group value: target}");
            } else {
                by.fields().forEachRemaining(dimension -> {
                    Map<String, Double> values = new LinkedHashMap<>();
                    if (!dimension.getValue().isObject()) {
                        problems.add(key + ".by." + dimension.getKey() + ": must map group values to targets");
                        return;
                    }
                    dimension.getValue().fields().forEachRemaining(value -> {
                        Double target = number(value.getValue(), key + ".by." + dimension.getKey() + "." + value.getKey(), problems);
                        if (target != null) {
                            values.put(value.getKey(), target);
                        }
                    });
                    byGroup.put(dimension.getKey(), values);
                });
            }
        }
        return new MetricTarget(overall, byGroup);
    }

    static void onlyKeys(JsonNode node, String key, Set<String> allowed, List<String> problems) {
        if (!node.isObject()) {
            problems.add(key + ": must be a mapping (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                problems.add(key + "." + name + ": unknown setting (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    static Double number(JsonNode node, String key, List<String> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            problems.add(key + ": '" + node.asText() + "' is not a number");
            return null;
        }
        return node.asDouble();
    }

    private static Double positive(JsonNode node, String key, List<String> problems) {
        Double value = number(node, key, problems);
        if (value != null && value <= 0) {
            problems.add(key + ": must be greater than 0");
            return null;
        }
        return value;
    }

    private static Double nonNegative(JsonNode node, String key, List<String> problems) {
        Double value = number(node, key, problems);
        if (value != null && value < 0) {
            problems.add(key + ": must not be negative");
            return null;
        }
        return value;
    }

    private static final Pattern FIXED_OFFSET = Pattern.compile("(?i)(?:UTC|GMT)?\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?");

    /**
     * A reporting zone as people write it: a region id in any letter case ("america/santiago"), UTC, Z,
     * or a fixed offset ("+05:30", "UTC-3", "GMT+01:00"), which has no daylight saving.
     */
    static ZoneId zone(String text) {
        String name = text.trim();
        if (name.equalsIgnoreCase("Z") || name.equalsIgnoreCase("UTC") || name.equalsIgnoreCase("GMT")) {
            return ZoneId.of("UTC");
        }
        Matcher offset = FIXED_OFFSET.matcher(name);
        if (offset.matches()) {
            int sign = offset.group(1).equals("-") ? -1 : 1;
            int hours = Integer.parseInt(offset.group(2));
            int minutes = offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3));
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(name)) {
                return ZoneId.of(id);
            }
        }
        return ZoneId.of(name);
    }
}
