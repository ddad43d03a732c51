package dev.pulse.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The experiences key-driver analysis relates to an outcome, declared as data (drivers.yaml, read
 * like the metric catalogue): see that file for what each field means.
 */
public final class DriverCatalogue {
    public enum Source {
        TICKETS, SURVEYS, ANSWER
    }

    public enum Kind {
        BINARY, NUMERIC
    }

    public enum Missing {
        FALSE, ZERO, MEAN
    }

    /**
     * @param expression the aggregate (tickets, surveys) or null (answer: the column is the name)
     * @param kind       null for answer attributes: each of their values is a binary driver
     */
    public record Driver(String name, String title, Source source, Kind kind, String expression, Missing missing) {
        public Driver {
            requireNonNull(name, "name is null");
            requireNonNull(title, "title is null");
            requireNonNull(source, "source is null");
        }
    }

    /** The answer's own columns a driver may name. */
    static final Set<String> ANSWER_COLUMNS = Set.of("segment", "tier", "product", "channel", "program", "touchpoint", "region", "journey",
            "priority", "category");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final List<Driver> drivers;

    private DriverCatalogue(List<Driver> drivers) {
        this.drivers = List.copyOf(drivers);
    }

    public List<Driver> drivers() {
        return drivers;
    }

    public static DriverCatalogue standard() {
        try (InputStream in = DriverCatalogue.class.getResourceAsStream("drivers.yaml")) {
            return parse("drivers.yaml", new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Catalogue.CatalogueException e) {
            throw new IllegalStateException("the shipped drivers.yaml is invalid: " + e.getMessage(), e);
        }
    }

    /** Parses a drivers document, reporting every problem at once. */
    public static DriverCatalogue parse(String file, JsonNode root) throws Catalogue.CatalogueException {
        List<String> problems = new ArrayList<>();
        List<Driver> drivers = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        JsonNode list = root == null ? null : root.get("drivers");
        if (list == null || !list.isArray()) {
            throw new Catalogue.CatalogueException(file, List.of("needs a list 'drivers'"));
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "drivers[" + i + "]";
            String name = node.path("name").asText("");
            if (!NAME.matcher(name).matches()) {
                problems.add(where + ".name: '" + name + "' must be lower-case letters, digits and _ (at most 40)");
                continue;
            }
            where = "driver " + name;
            if (!names.add(name)) {
                problems.add(where + ": declared twice");
            }
            String title = node.path("title").asText(name);
            Source source;
            try {
                source = Source.valueOf(node.path("source").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where + ".source: must be tickets, surveys or answer");
                continue;
            }
            if (source == Source.ANSWER) {
                if (!ANSWER_COLUMNS.contains(name)) {
                    problems.add(where + ": an answer driver is one of the answer's columns: " + String.join(", ", new java.util.TreeSet<>(ANSWER_COLUMNS)));
                }
                drivers.add(new Driver(name, title, source, null, null, null));
                continue;
            }
            Kind kind;
            try {
                kind = Kind.valueOf(node.path("kind").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where + ".kind: must be binary or numeric");
                continue;
            }
            String expression = node.path("expression").asText("").strip();
            if (expression.isEmpty() || expression.contains(";") || expression.contains("--") || expression.contains("/*")) {
                problems.add(where + ".expression: needs one SQL aggregate expression (no ';' or comments)");
                continue;
            }
            String missingText = node.path("missing").asText(kind == Kind.BINARY ? "false" : "0");
            Missing missing = switch (missingText) {
                case "false" -> Missing.FALSE;
                case "0" -> Missing.ZERO;
                case "mean" -> Missing.MEAN;
                default -> null;
            };
            if (missing == null || (kind == Kind.BINARY) != (missing == Missing.FALSE)) {
                problems.add(where + ".missing: " + (kind == Kind.BINARY ? "a binary driver's is false" : "a numeric driver's is 0 or mean"));
                continue;
            }
            drivers.add(new Driver(name, title, source, kind, expression, missing));
        }
        if (!problems.isEmpty()) {
            throw new Catalogue.CatalogueException(file, problems);
        }
        return new DriverCatalogue(drivers);
    }
}
