package dev.pulse.report;

import dev.pulse.metrics.Change;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricValue;
import dev.pulse.report.Report.Block;
import dev.pulse.report.Report.Cell;
import dev.pulse.report.Report.Column;
import dev.pulse.report.Report.Section;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Executive summary, key metrics against target, and the four-quarter trend. */
public final class OverviewSections {
    /** The key metrics table (and the demo's headline), in the order a CX lead reads them. */
    public static final List<String> KEY_METRICS = List.of("customer_nps", "partner_nps", "csat", "ces", "fcr", "frt_median",
            "resolution_median", "sla_response", "sla_resolution", "escalation_rate", "service_level", "abandon_rate", "aht",
            "qa_score", "utilization", "cost_per_ticket", "retention_rate", "contact_rate");
    private static final List<String> TREND_METRICS = List.of("customer_nps", "partner_nps", "csat", "ces", "fcr", "sla_response");

    private final ReportContext context;
    private Grid grid;

    OverviewSections(ReportContext context) {
        this.context = context;
    }

    /** The quarter's key values, for other sections (plan, benchmarking) to read. */
    Grid keyValues() throws MetricException, SQLException {
        if (grid == null) {
            grid = context.grid(KEY_METRICS);
        }
        return grid;
    }

    Section summary() throws MetricException, SQLException {
        Grid values = keyValues();
        String q = context.quarter;
        List<Block> blocks = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        String customer = headline("customer NPS", "customer_nps", values);
        String partner = headline("partner NPS", "partner_nps", values);
        if (customer != null || partner != null) {
            sentences.add("In " + q + ", " + String.join(", and ", java.util.stream.Stream.of(customer, partner)
                    .filter(java.util.Objects::nonNull).toList()) + ".");
        }
        List<String> service = new ArrayList<>();
        for (String[] metric : new String[][] {{"csat", "support CSAT averaged"}, {"ces", "customer effort (CES) averaged"},
                {"fcr", "first contact resolution reached"}}) {
            MetricValue value = values.get(metric[0], q);
            if (value != null && value.value() != null) {
                service.add(metric[1] + " **" + Figures.format(value.value(), context.metric(metric[0]).unit()) + "**"
                        + " (" + movement(metric[0], value, values.get(metric[0], context.previous), context.previous) + ")");
            }
        }
        if (!service.isEmpty()) {
            String text = String.join("; ", service) + ".";
            sentences.add(Character.toUpperCase(text.charAt(0)) + text.substring(1));
        }
        if (sentences.isEmpty()) {
            blocks.add(new Report.Paragraph("There are no survey or ticket data in " + q + ": the report has nothing to summarise."));
            return new Section("Executive summary", blocks);
        }
        blocks.add(new Report.Paragraph(String.join(" ", sentences)));

        List<String> bullets = new ArrayList<>();
        List<String> movements = largestMovements(values);
        bullets.add(movements.isEmpty() ? "No key metric moved by more than its uncertainty against " + context.previous + " or "
                + context.yearAgo + "." : "Largest significant movements: " + String.join("; ", movements) + ".");
        List<String> met = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (String name : KEY_METRICS) {
            MetricValue value = values.get(name, q);
            Double target = context.target(name, Map.of());
            Boolean higher = context.higherIsBetter(name);
            if (value == null || value.value() == null || target == null || higher == null) {
                continue;
            }
            MetricDefinition metric = context.metric(name);
            String label = shortTitle(metric) + " " + Figures.format(value.value(), metric.unit()) + " vs " + Figures.format(target, metric.unit());
            if (Change.meets(value.value(), target, higher)) {
                met.add(label);
            } else {
                missed.add(label + (Figures.targetWithinInterval(value, target) ? " (within its 95 % interval)" : ""));
            }
        }
        if (!met.isEmpty() || !missed.isEmpty()) {
            bullets.add("Targets: " + met.size() + " of " + (met.size() + missed.size()) + " met."
                    + (missed.isEmpty() ? "" : " Missed: " + String.join("; ", missed) + "."));
        }
        long lowSample = KEY_METRICS.stream().map(name -> values.get(name, q)).filter(v -> v != null && v.lowSample()).count();
        if (lowSample > 0) {
            bullets.add(lowSample + " key metric(s) rest on fewer than 30 rows (marked " + Figures.LOW_SAMPLE + "): read them with care.");
        }
        blocks.add(new Report.Bullets(bullets));
        blocks.add(new Report.Paragraph("Every survey figure comes with its 95 % interval. A change is called up or down only when it is"
                + " statistically significant; otherwise it is shown as stable. Arrows ↑ ↓ mark significant changes only."));
        return new Section("Executive summary", blocks);
    }

    private String headline(String label, String name, Grid values) {
        MetricValue value = values.get(name, context.quarter);
        if (value == null || value.value() == null) {
            return null;
        }
        String unit = context.metric(name).unit();
        return label + " was **" + Figures.format(value.value(), unit) + "** (95 % CI " + Figures.format(value.ciLow(), unit) + " to "
                + Figures.format(value.ciHigh(), unit) + ", n = " + String.format(Locale.ROOT, "%,d", value.n()) + "; "
                + movement(name, value, values.get(name, context.previous), context.previous) + ")";
    }

    /** "up 3.1 on 2024-Q3, significant" / "+0.4 on 2024-Q3, stable" in words. */
    private String movement(String name, MetricValue current, MetricValue before, String period) {
        MetricDefinition metric = context.metric(name);
        Change change = Change.between(metric, current, before);
        if (change == null) {
            return "no " + period + " value to compare";
        }
        String delta = Figures.delta(change.delta(), metric.unit());
        return switch (change.verdict()) {
            case UP -> "up " + delta.substring(1) + " on " + period + ", a significant rise";
            case DOWN -> "down " + delta.substring(1) + " on " + period + ", a significant fall";
            case STABLE -> delta + " on " + period + ", within noise: stable";
            case UNTESTED -> delta + " on " + period;
        };
    }

    /** Significant QoQ and YoY changes of key metrics, largest first relative to their uncertainty. */
    private List<String> largestMovements(Grid values) {
        record Movement(double strength, String text) {
        }
        List<Movement> movements = new ArrayList<>();
        for (String name : KEY_METRICS) {
            MetricDefinition metric = context.metric(name);
            MetricValue current = values.get(name, context.quarter);
            for (String period : List.of(context.previous, context.yearAgo)) {
                MetricValue before = values.get(name, period);
                Change change = Change.between(metric, current, before);
                if (change == null || change.verdict() == Change.Verdict.STABLE || change.verdict() == Change.Verdict.UNTESTED) {
                    continue;
                }
                double margin = Math.max(1e-9, (current.ciHigh() - current.ciLow()) / 2);
                Boolean higher = context.higherIsBetter(name);
                String direction = higher == null ? (change.delta() > 0 ? "rose" : "fell")
                        : (change.delta() > 0) == higher ? "improved" : "worsened";
                movements.add(new Movement(Math.abs(change.delta()) / margin, shortTitle(metric) + " " + direction + " "
                        + Figures.delta(change.delta(), metric.unit()) + " vs " + period + " (" + Figures.format(before.value(), metric.unit())
                        + " → " + Figures.format(current.value(), metric.unit()) + ")"));
            }
        }
        return movements.stream().sorted(Comparator.comparingDouble(Movement::strength).reversed()).limit(5).map(Movement::text).toList();
    }

    Section keyMetrics() throws MetricException, SQLException {
        Grid values = keyValues();
        String q = context.quarter;
        List<List<Cell>> rows = new ArrayList<>();
        for (String name : KEY_METRICS) {
            MetricDefinition metric = context.metric(name);
            MetricValue value = values.get(name, q);
            Double target = context.target(name, Map.of());
            Boolean higher = context.higherIsBetter(name);
            Double number = value == null ? null : value.value();
            Cell status = Figures.status(value, target, higher);
            Cell versus = Figures.versusTarget(number, target, higher, metric.unit());
            if (status.tone() == Report.Tone.MUTED) {
                versus = new Cell(versus.text(), versus.number(), Report.Tone.MUTED); // a miss inside the interval is not news
            }
            rows.add(List.of(Cell.text(metric.title()), Figures.value(value, metric.unit()), Figures.interval(value, metric.unit()),
                    value == null || value.n() == 0 ? Cell.empty() : Figures.count(value.n()),
                    target == null ? Cell.empty() : new Cell(Figures.format(target, metric.unit()), target, Report.Tone.NONE),
                    versus, status,
                    Figures.change(metric, value, values.get(name, context.previous), higher),
                    Figures.change(metric, value, values.get(name, context.yearAgo), higher)));
        }
        Report.Table table = new Report.Table("Key metrics", List.of(Column.left("Metric"), Column.right(q), Column.right("95% CI"),
                Column.right("n"), Column.right("Target"), Column.right("vs target"), Column.left("Status"),
                Column.right("QoQ vs " + context.previous), Column.right("YoY vs " + context.yearAgo)), rows,
                "vs target: + is better than target whatever the metric's direction. ↑ ↓ significant at 95 %; (stable) = within noise;"
                        + " changes of medians, counts and ratios are not tested. (in CI): missed by less than the value's uncertainty, the target"
                        + " lies inside its 95 % interval. " + Figures.LOW_SAMPLE + " fewer than 30 rows.");

        List<List<Cell>> trendRows = new ArrayList<>();
        for (String period : context.trend) {
            List<Cell> row = new ArrayList<>(List.of(Cell.text(period)));
            for (String name : TREND_METRICS) {
                row.add(Figures.valueWithMargin(values.get(name, period), context.metric(name).unit()));
            }
            trendRows.add(row);
        }
        List<Column> trendColumns = new ArrayList<>(List.of(Column.left("Quarter")));
        for (String name : TREND_METRICS) {
            trendColumns.add(Column.right(shortTitle(context.metric(name))));
        }
        Report.Table trend = new Report.Table("Trend", trendColumns, trendRows,
                "Values with their 95 % interval: ± where it is symmetric at the precision shown, else its two bounds.");

        List<Block> blocks = new ArrayList<>();
        blocks.add(new Report.Heading("Key metrics vs target"));
        blocks.add(table);
        blocks.add(new Report.Heading("Trend, last four quarters"));
        blocks.add(trend);
        blocks.add(chart("NPS", "points", values, List.of("customer_nps", "partner_nps")));
        blocks.add(chart("CSAT (1-5)", "score_1_5", values, List.of("csat")));
        blocks.add(chart("FCR and SLA compliance (%)", "percent", values, List.of("fcr", "sla_response")));
        return new Section("Overall CX performance", blocks);
    }

    private Report.LineChart chart(String title, String unit, Grid values, List<String> metrics) {
        List<Report.Series> series = new ArrayList<>();
        for (String name : metrics) {
            List<Double> points = new ArrayList<>();
            List<Double> low = new ArrayList<>();
            List<Double> high = new ArrayList<>();
            for (String period : context.trend) {
                MetricValue value = values.get(name, period);
                points.add(value == null ? null : value.value());
                low.add(value == null ? null : value.ciLow());
                high.add(value == null ? null : value.ciHigh());
            }
            series.add(new Report.Series(shortTitle(context.metric(name)), points, low, high));
        }
        return new Report.LineChart(title, unit, context.trend, series);
    }

    /** A metric's title without its parenthesised detail: "CSAT (mean, 1-5)" reads "CSAT" in a column head. */
    static String shortTitle(MetricDefinition metric) {
        String title = metric.title();
        int paren = title.indexOf(" (");
        return paren > 0 ? title.substring(0, paren) : title;
    }
}
