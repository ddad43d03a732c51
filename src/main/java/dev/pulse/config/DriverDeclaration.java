package dev.pulse.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One experience key-driver analysis relates to an outcome, as drivers.yaml (shipped) or the
 * {@code drivers:} section of pulse.yaml (a user's own) declares it; see drivers.yaml for the fields.
 *
 * @param expression the aggregate (tickets, surveys) or null (answer: the column is the name)
 * @param kind       null for answer attributes: each of their values is a binary driver
 */
public record DriverDeclaration(String name, String title, Source source, Kind kind, String expression, Missing missing) {
    public enum Source {
        TICKETS, SURVEYS, ANSWER
    }

    public enum Kind {
        BINARY, NUMERIC
    }

    public enum Missing {
        FALSE, ZERO, MEAN
    }

    /** The answer's own columns a driver may name. */
    public static final Set<String> ANSWER_COLUMNS = Set.of("segment", "tier", "product", "channel", "program", "touchpoint", "region",
            "journey", "priority", "category");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public DriverDeclaration {
        requireNonNull(name, "name is null");
        requireNonNull(title, "title is null");
        requireNonNull(source, "source is null");
    }

    /** The declarations of a list node; each problem is added to {@code problems} under {@code key} (e.g. drivers[2].kind). */
    public static List<DriverDeclaration> parseAll(JsonNode list, String key, List<String> problems) {
        List<DriverDeclaration> drivers = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        if (list == null || !list.isArray()) {
            problems.add(key + ": must be a list of drivers");
            return drivers;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = key + "[" + i + "]";
            String name = node.path("name").asText("");
            if (!NAME.matcher(name).matches()) {
                problems.add(where + ".name: '" + name + "' must be lower-case letters, digits and _ (at most 40)");
                continue;
            }
            where = key + " " + name;
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
                drivers.add(new DriverDeclaration(name, title, source, null, null, null));
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
            drivers.add(new DriverDeclaration(name, title, source, kind, expression, missing));
        }
        return drivers;
    }
}
