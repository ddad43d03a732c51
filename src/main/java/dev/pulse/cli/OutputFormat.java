package dev.pulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.metrics.Comparison;
import dev.pulse.metrics.MetricValue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How metric values are printed. */
public enum OutputFormat {
    table, csv, json;

    public String render(List<MetricValue> values, List<String> dimensions) {
        return switch (this) {
            case table -> table(values, dimensions);
            case csv -> csv(values, dimensions);
            case json -> json(values);
        };
    }

    /** Values with their change against an earlier period: the plain output plus the comparison. */
    public String renderCompared(List<Comparison.Compared> compared, List<String> dimensions) {
        return switch (this) {
            case json -> {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode array = mapper.createArrayNode();
                for (Comparison.Compared item : compared) {
                    ObjectNode node = array.addObject();
                    fill(node, item.value());
                    ObjectNode earlier = node.putObject("compare");
                    earlier.put("period", item.earlierPeriod());
                    earlier.put("value", item.earlier() == null ? null : item.earlier().value());
                    earlier.put("n", item.earlier() == null ? 0 : item.earlier().n());
                    earlier.put("change", item.change() == null ? null : item.change().delta());
                    earlier.put("verdict", verdict(item));
                }
                yield write(mapper, array);
            }
            case csv, table -> {
                List<MetricValue> values = compared.stream().map(Comparison.Compared::value).toList();
                String plain = render(values, dimensions);
                List<String> lines = new ArrayList<>(List.of(plain.split("\\R")));
                int offset = this == table ? 2 : 1;
                lines.set(0, lines.get(0) + (this == table ? "  vs       change" : ",compare_period,compare_value,change,verdict"));
                if (this == table) {
                    lines.set(1, lines.get(1) + "  -------  ------");
                }
                for (int i = 0; i < compared.size(); i++) {
                    Comparison.Compared item = compared.get(i);
                    String change = item.change() == null ? "" : number(item.change().delta());
                    lines.set(i + offset, this == table
                            ? lines.get(i + offset) + "  " + item.earlierPeriod() + "  " + change + " " + verdict(item)
                            : lines.get(i + offset) + "," + item.earlierPeriod() + ","
                            + (item.earlier() == null || item.earlier().value() == null ? "" : item.earlier().value()) + ","
                            + (item.change() == null ? "" : item.change().delta()) + "," + verdict(item));
                }
                yield String.join(System.lineSeparator(), lines) + System.lineSeparator();
            }
        };
    }

    /** up, down (significant), stable (within noise), untested (no test for this kind), or none (no earlier value). */
    private static String verdict(Comparison.Compared item) {
        return item.change() == null ? "none" : item.change().verdict().name().toLowerCase(Locale.ROOT);
    }

    private static String write(ObjectMapper mapper, ArrayNode array) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(ObjectNode node, MetricValue value) {
        node.put("metric", value.metric());
        ObjectNode group = node.putObject("group");
        value.group().forEach(group::put);
        node.put("value", value.value());
        node.put("n", value.n());
        if (value.ciLow() != null) {
            node.put("ci_low", value.ciLow());
            node.put("ci_high", value.ciHigh());
        }
        node.put("low_sample", value.lowSample());
        if (value.share() != null) {
            node.put("share", value.share());
        }
    }

    static String json(List<MetricValue> values) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (MetricValue value : values) {
            fill(array.addObject(), value);
        }
        return write(mapper, array);
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

    private static String table(List<MetricValue> values, List<String> dimensions) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("metric"));
        header.addAll(dimensions);
        header.addAll(List.of("value", "95% interval", "n", ""));
        rows.add(header);
        for (MetricValue value : values) {
            List<String> row = new ArrayList<>(List.of(value.metric()));
            dimensions.forEach(d -> row.add(value.group().get(d) == null ? "(null)" : value.group().get(d)));
            row.add(value.value() == null ? "-" : number(value.value()) + (value.share() == null ? ""
                    : String.format(Locale.ROOT, " (%.1f%%)", value.share())));
            row.add(value.ciLow() == null ? "" : number(value.ciLow()) + " - " + number(value.ciHigh()));
            row.add(String.format(Locale.ROOT, "%,d", value.n()));
            row.add(value.lowSample() ? "low sample" : "");
            rows.add(row);
        }
        int columns = header.size();
        return TextTable.render(rows, i -> i > dimensions.size() && i < columns - 1, true);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 1000 ? "%,.0f" : "%.2f", value);
    }
}
