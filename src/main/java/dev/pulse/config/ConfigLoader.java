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
            "engine", "report", "voc", "import", "access", "program", "drivers", "calendars", "business_hours");
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

        ProgramSettings program = program(root.get("program"), problems);

        List<DriverDeclaration> drivers = root.has("drivers") ? DriverDeclaration.parseAll(root.get("drivers"), "drivers", problems) : List.of();
        BusinessHours businessHours = BusinessHours.parse(root.get("calendars"), root.get("business_hours"), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(name, problems);
        }
        return new PulseConfig(zone, sla, threshold, shortAbandon, cesHigherIsBetter, targets, opsAggregation, memoryLimit, report, themes,
                importOptions, minN, requestsPerMinute, program, drivers, businessHours);
    }

    private static ProgramSettings program(JsonNode node, List<String> problems) {
        ProgramSettings d = ProgramSettings.defaults();
        if (node == null) {
            return d;
        }
        onlyKeys(node, "program", Set.of("token_days", "quiet_days", "edit_hours", "detractor_max", "case_due_hours", "root_causes",
                "transactional", "relationship", "programs", "base_url", "smtp", "webhook", "alerts"), problems);
        if (!node.isObject()) {
            return d;
        }
        int tokenDays = whole(node.get("token_days"), "program.token_days", 1, d.tokenDays(), problems);
        int quietDays = whole(node.get("quiet_days"), "program.quiet_days", 0, d.quietDays(), problems);
        int editHours = whole(node.get("edit_hours"), "program.edit_hours", 0, d.editHours(), problems);
        int detractorMax = whole(node.get("detractor_max"), "program.detractor_max", 0, d.detractorMax(), problems);
        if (detractorMax > 10) {
            problems.add("program.detractor_max: must be 0-10 (an NPS score)");
        }
        int dueHours = whole(node.get("case_due_hours"), "program.case_due_hours", 1, d.caseDueHours(), problems);
        List<String> rootCauses = words(node.get("root_causes"), "program.root_causes", d.rootCauses(), problems);
        int window = d.transactionalWindowDays();
        JsonNode transactional = node.get("transactional");
        if (transactional != null) {
            onlyKeys(transactional, "program.transactional", Set.of("window_days"), problems);
            window = whole(transactional.get("window_days"), "program.transactional.window_days", 1, window, problems);
        }
        List<String> roles = d.relationshipRoles();
        JsonNode relationship = node.get("relationship");
        if (relationship != null) {
            onlyKeys(relationship, "program.relationship", Set.of("roles"), problems);
            roles = words(relationship.get("roles"), "program.relationship.roles", roles, problems);
        }
        Map<String, String> programs = new LinkedHashMap<>(d.programs());
        JsonNode named = node.get("programs");
        if (named != null) {
            if (!named.isObject()) {
                problems.add("program.programs: must map a programme name to its rule, transactional or relationship");
            } else {
                named.fields().forEachRemaining(entry -> {
                    String rule = entry.getValue().asText();
                    if (!entry.getKey().matches("[a-z][a-z0-9_-]{0,39}")) {
                        problems.add("program.programs." + entry.getKey() + ": a programme name is 1-40 lower-case letters, digits, _ or -");
                    } else if (!rule.equals(ProgramSettings.TRANSACTIONAL) && !rule.equals(ProgramSettings.RELATIONSHIP)) {
                        problems.add("program.programs." + entry.getKey() + ": '" + rule + "' must be transactional or relationship");
                    } else {
                        programs.put(entry.getKey(), rule);
                    }
                });
            }
        }
        String baseUrl = null;
        JsonNode base = node.get("base_url");
        if (base != null) {
            baseUrl = ProgramSettings.withoutTrailingSlashes(base.asText());
            if (!baseUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
                problems.add("program.base_url: '" + base.asText() + "' must be an http(s) address such as https://cx.example.com");
                baseUrl = null;
            }
        }
        ProgramSettings.Smtp smtp = null;
        JsonNode mail = node.get("smtp");
        if (mail != null) {
            onlyKeys(mail, "program.smtp", Set.of("host", "port", "from", "username", "password_env", "security"), problems);
            String host = mail.path("host").asText(null);
            String from = mail.path("from").asText(null);
            String security = mail.path("security").asText("starttls");
            if (host == null || host.isBlank()) {
                problems.add("program.smtp.host: missing (the mail server's name)");
            }
            if (from == null || !from.contains("@")) {
                problems.add("program.smtp.from: missing or not an e-mail address (invitations are sent from it)");
            }
            if (!Set.of("none", "starttls", "tls").contains(security)) {
                problems.add("program.smtp.security: '" + security + "' must be none, starttls or tls");
            }
            int port = whole(mail.get("port"), "program.smtp.port", 1, security.equals("tls") ? 465 : 587, problems);
            if (host != null && !host.isBlank() && from != null && from.contains("@")) {
                smtp = new ProgramSettings.Smtp(host, port, from, mail.path("username").asText(null),
                        mail.path("password_env").asText("PULSE_SMTP_PASSWORD"), security);
            }
        }
        String webhookUrl = null;
        String secretEnv = d.webhookSecretEnv();
        JsonNode webhook = node.get("webhook");
        if (webhook != null) {
            onlyKeys(webhook, "program.webhook", Set.of("url", "secret_env"), problems);
            webhookUrl = webhook.path("url").asText(null);
            if (webhookUrl == null || !webhookUrl.matches("https?://\\S+")) {
                problems.add("program.webhook.url: must be an http(s) address");
                webhookUrl = null;
            }
            secretEnv = webhook.path("secret_env").asText(secretEnv);
        }
        boolean alertEmail = d.alertEmail();
        JsonNode alerts = node.get("alerts");
        if (alerts != null) {
            onlyKeys(alerts, "program.alerts", Set.of("email"), problems);
            JsonNode email = alerts.get("email");
            if (email != null && !email.isBoolean()) {
                problems.add("program.alerts.email: must be true or false");
            } else if (email != null) {
                alertEmail = email.asBoolean();
            }
        }
        return new ProgramSettings(tokenDays, quietDays, window, roles, editHours, detractorMax, dueHours, rootCauses, programs, baseUrl,
                smtp, webhookUrl, secretEnv, alertEmail);
    }

    private static int whole(JsonNode node, String key, int minimum, int fallback, List<String> problems) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < minimum) {
            problems.add(key + ": '" + node.asText() + "' must be a whole number of at least " + minimum);
            return fallback;
        }
        return node.asInt();
    }

    private static List<String> words(JsonNode node, String key, List<String> fallback, List<String> problems) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add(key + ": must be a non-empty list of names");
            return fallback;
        }
        List<String> words = new ArrayList<>();
        for (JsonNode item : node) {
            String word = item.asText().trim().toLowerCase(Locale.ROOT);
            if (!word.matches("[a-z][a-z0-9_]{0,39}")) {
                problems.add(key + ": '" + item.asText() + "' is not a name (lower-case letters, digits and _)");
            } else if (!words.contains(word)) {
                words.add(word);
            }
        }
        return words;
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
