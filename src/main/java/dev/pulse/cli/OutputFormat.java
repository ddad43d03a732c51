package dev.pulse.cli;

import dev.pulse.metrics.Comparison;
import dev.pulse.metrics.MetricJson;
import dev.pulse.metrics.MetricValue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** How metric values are printed. */
public enum OutputFormat {
    table, csv, json;

    /** @param units metric name to its catalogue unit, for the table's figures (percent, minutes, ...) */
    public String render(List<MetricValue> values, List<String> dimensions, Function<String, String> units) {
        return switch (this) {
            case table -> table(values, null, dimensions, units);
            case csv -> csv(values, dimensions);
            case json -> MetricJson.values(values);
        };
    }

    /** Values with their change against an earlier period: the plain output plus the comparison. */
    public String renderCompared(List<Comparison.Compared> compared, List<String> dimensions, Function<String, String> units) {
        return switch (this) {
            case json -> MetricJson.compared(compared);
            case table -> table(compared.stream().map(Comparison.Compared::value).toList(), compared, dimensions, units);
            case csv -> {
                List<MetricValue> values = compared.stream().map(Comparison.Compared::value).toList();
                List<String> lines = new ArrayList<>(List.of(csv(values, dimensions).split("\\R")));
                lines.set(0, lines.get(0) + ",compare_period,compare_value,change,verdict");
                for (int i = 0; i < compared.size(); i++) {
                    Comparison.Compared item = compared.get(i);
                    lines.set(i + 1, lines.get(i + 1) + "," + item.earlierPeriod() + ","
                            + (item.earlier() == null || item.earlier().value() == null ? "" : item.earlier().value()) + ","
                            + (item.change() == null ? "" : item.change().delta()) + "," + MetricJson.verdict(item));
                }
                yield String.join(System.lineSeparator(), lines) + System.lineSeparator();
            }
        };
    }

    private static String csv(List<MetricValue> values, List<String> dimensions) {
        StringWriter out = new StringWriter();
        List<String> header = new ArrayList<>(List.of("metric"));
        header.addAll(dimensions);
        header.addAll(List.of("value", "n", "ci_low", "ci_high", "low_sample", "share"));
        try (var printer = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.RFC4180)) {
            printer.printRecord(header);
            for (MetricValue value : values) {
                List<Object> row = new ArrayList<>(List.of(value.metric()));
                dimensions.forEach(d -> row.add(value.group().get(d)));
                row.add(value.value());
                row.add(value.n());
                row.add(value.ciLow());
                row.add(value.ciHigh());
                row.add(value.lowSample());
                row.add(value.share());
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The table for people: figures in their unit (%, min, h, points), counts without decimals, a row
     * only for groups with rows (n = 0 is kept in JSON and CSV), and with {@code compared}, aligned
     * columns of the earlier period, its value and the change with its verdict.
     */
    private static String table(List<MetricValue> values, List<Comparison.Compared> compared, List<String> dimensions,
                                Function<String, String> units) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("metric"));
        header.addAll(dimensions);
        header.addAll(List.of("value", "95% interval", "n", "sample"));
        if (compared != null) {
            header.addAll(List.of("vs", "earlier", "change", "verdict"));
        }
        rows.add(header);
        int left = 0;
        for (int i = 0; i < values.size(); i++) {
            MetricValue value = values.get(i);
            if (value.n() == 0) {
                left++;
                continue;
            }
            String unit = units.apply(value.metric());
            List<String> row = new ArrayList<>(List.of(value.metric()));
            dimensions.forEach(d -> row.add(value.group().get(d) == null ? "(null)" : value.group().get(d)));
            row.add(value.value() == null ? "-" : figure(value.value(), unit) + (value.share() == null ? ""
                    : String.format(Locale.ROOT, " (%.1f%% of the period)", value.share())));
            row.add(value.ciLow() == null ? "" : bare(value.ciLow(), unit) + " to " + figure(value.ciHigh(), unit));
            row.add(String.format(Locale.ROOT, "%,d", value.n()));
            row.add(value.lowSample() ? "low (n < 30)" : "");
            if (compared != null) {
                Comparison.Compared item = compared.get(i);
                row.add(item.earlierPeriod());
                row.add(item.earlier() == null || item.earlier().value() == null ? "no data" : figure(item.earlier().value(), unit));
                row.add(item.change() == null ? "" : change(item.change().delta(), unit));
                row.add(item.change() == null ? "no earlier data" : MetricJson.verdict(item));
            }
            rows.add(row);
        }
        int valueColumn = 1 + dimensions.size();
        String table = TextTable.render(rows, i -> i == valueColumn || i == valueColumn + 2 || i == valueColumn + 5 || i == valueColumn + 6,
                true);
        return left == 0 ? table : table + String.format(Locale.ROOT, "(%,d %s without rows left out: no value to show)%n", left,
                left == 1 ? "group" : "groups");
    }

    /** A figure in its unit: 72.0 %, 45.3 min, 2.80 h, +45.0 points, 4.40 /5, 1,234 (a count). */
    static String figure(double value, String unit) {
        String plain = Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%,.0f", value) : null;
        return switch (unit) {
            case "count" -> String.format(Locale.ROOT, "%,.0f", value);
            case "percent" -> (plain != null ? plain : String.format(Locale.ROOT, "%.1f", value)) + " %";
            case "points" -> String.format(Locale.ROOT, "%+.1f points", value);
            case "minutes" -> (plain != null ? plain : String.format(Locale.ROOT, "%.1f", value)) + " min";
            case "hours" -> (plain != null ? plain : String.format(Locale.ROOT, "%.2f", value)) + " h";
            case "seconds" -> (plain != null ? plain : String.format(Locale.ROOT, "%.1f", value)) + " s";
            case "score_1_5" -> String.format(Locale.ROOT, "%.2f /5", value);
            case "score_1_7" -> String.format(Locale.ROOT, "%.2f /7", value);
            case "score_0_100" -> String.format(Locale.ROOT, "%.1f /100", value);
            case "sentiment" -> String.format(Locale.ROOT, "%+.2f", value);
            case "per_100_customers" -> String.format(Locale.ROOT, "%.1f per 100", value);
            default -> plain != null ? plain : String.format(Locale.ROOT, "%.2f", value);
        };
    }

    /** A figure as {@link #figure}, without its unit: the first bound of an interval whose second carries it. */
    private static String bare(double value, String unit) {
        String text = figure(value, unit);
        for (String suffix : List.of(" points", " %", " min", " h", " s", " /5", " /7", " /100", " per 100")) {
            if (text.endsWith(suffix)) {
                return text.substring(0, text.length() - suffix.length());
            }
        }
        return text;
    }

    /** A change in the metric's unit, with its sign. */
    private static String change(double delta, String unit) {
        String text = figure(delta, unit);
        return delta >= 0 && !text.startsWith("+") ? "+" + text : text;
    }
}
