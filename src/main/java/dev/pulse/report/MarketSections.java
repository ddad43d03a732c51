package dev.pulse.report;

import dev.pulse.config.ReportSettings;
import dev.pulse.config.ReportSettings.OpsSeries;
import dev.pulse.metrics.Change;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricValue;
import dev.pulse.report.Report.Block;
import dev.pulse.report.Report.Cell;
import dev.pulse.report.Report.Column;
import dev.pulse.report.Report.Section;
import dev.pulse.report.Report.Tone;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Competitive benchmarking and next year's plan. */
final class MarketSections {
    private final ReportContext context;
    private final ReportSettings settings;
    private final OverviewSections overview;
    private final PlatformSections platform;

    MarketSections(ReportContext context, OverviewSections overview, PlatformSections platform) {
        this.context = context;
        this.settings = context.config.report();
        this.overview = overview;
        this.platform = platform;
    }

    Section benchmarking() throws MetricException, SQLException {
        List<Block> blocks = new ArrayList<>();
        Grid ours = overview.keyValues();
        String us = settings.company() == null ? "Us" : settings.company();
        if (settings.competitors().isEmpty()) {
            blocks.add(new Report.Paragraph("No competitor figures configured (report.competitors in pulse.yaml)."));
        } else {
            Set<String> metrics = new LinkedHashSet<>();
            settings.competitors().forEach(c -> metrics.addAll(c.values().keySet()));
            List<Column> columns = new ArrayList<>(List.of(Column.left("Provider")));
            Map<String, MetricValue> ourValues = new java.util.LinkedHashMap<>();
            List<Cell> ourRow = new ArrayList<>(List.of(Cell.text(us)));
            for (String name : metrics) {
                MetricValue value = value(ours, name);
                ourValues.put(name, value);
                columns.add(Column.right(OverviewSections.shortTitle(context.metric(name))));
                ourRow.add(Figures.valueWithMargin(value, context.metric(name).unit()));
            }
            for (String name : metrics) {
                columns.add(Column.right("Our advantage, " + OverviewSections.shortTitle(context.metric(name))));
                ourRow.add(Cell.text("–"));
            }
            List<List<Cell>> rows = new ArrayList<>(List.of(ourRow));
            for (ReportSettings.Competitor competitor : settings.competitors()) {
                List<Cell> row = new ArrayList<>(List.of(Cell.text(competitor.name())));
                for (String name : metrics) {
                    Double theirs = competitor.values().get(name);
                    row.add(theirs == null ? Cell.text("–") : new Cell(Figures.format(theirs, context.metric(name).unit()), theirs, Tone.NONE));
                }
                for (String name : metrics) {
                    row.add(advantage(context.metric(name), ourValues.get(name), competitor.values().get(name)));
                }
                rows.add(row);
            }
            blocks.add(new Report.Heading("NPS against competitors"));
            blocks.add(new Report.Table("Competitors", columns, rows, "Competitor figures are configured (report.competitors), not measured"
                    + " by Pulse; their sample and method are unknown. An advantage is marked \"within our interval\" when the competitor's"
                    + " figure lies inside our 95 % interval."));
        }
        if (!settings.industry().isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, Double> entry : settings.industry().entrySet()) {
                MetricDefinition metric = context.metric(entry.getKey());
                MetricValue value = value(ours, entry.getKey());
                rows.add(List.of(Cell.text(metric.title()), Figures.valueWithMargin(value, metric.unit()),
                        new Cell(Figures.format(entry.getValue(), metric.unit()), entry.getValue(), Tone.NONE),
                        advantage(metric, value, entry.getValue())));
            }
            blocks.add(new Report.Heading("Support against the industry"));
            blocks.add(new Report.Table("Industry", List.of(Column.left("Metric"), Column.right(us), Column.right("Industry average"),
                    Column.right("Advantage")), rows, "Industry averages are configured (report.industry). For times, the advantage is"
                    + " how much faster (or slower) than the industry, in percent."));
        }
        return new Section("Competitive benchmarking", blocks);
    }

    private MetricValue value(Grid ours, String name) throws MetricException, SQLException {
        MetricValue value = OverviewSections.KEY_METRICS.contains(name) ? ours.get(name, context.quarter) : null;
        if (value == null) {
            value = context.grid(List.of(name)).get(name, context.quarter);
        }
        return value;
    }

    /** Ours minus theirs, signed so that + is better; for times, percent faster. */
    private Cell advantage(MetricDefinition metric, MetricValue ours, Double theirs) {
        if (ours == null || ours.value() == null || theirs == null) {
            return Cell.text("–");
        }
        Boolean higher = Change.higherIsBetter(metric, context.config.cesHigherIsBetter());
        boolean within = Figures.targetWithinInterval(ours, theirs);
        String suffix = within ? " (within our interval)" : "";
        if (higher == null) {
            return new Cell(Figures.delta(ours.value() - theirs, metric.unit()) + suffix, ours.value() - theirs, Tone.NONE);
        }
        double better = higher ? ours.value() - theirs : theirs - ours.value();
        Tone tone = within ? Tone.MUTED : better >= 0 ? Tone.GOOD : Tone.BAD;
        if (!higher && (metric.unit().equals("minutes") || metric.unit().equals("hours") || metric.unit().equals("seconds")) && theirs > 0) {
            double percent = 100 * better / theirs;
            return new Cell(String.format(Locale.ROOT, "%.0f%% %s", Math.abs(percent), percent >= 0 ? "faster" : "slower") + suffix,
                    percent, tone);
        }
        return new Cell(Figures.delta(better, metric.unit()) + suffix, better, tone);
    }

    Section plan() throws MetricException, SQLException {
        ReportSettings.Plan plan = settings.plan();
        String label = plan.label() == null ? "Next year" : plan.label();
        List<Block> blocks = new ArrayList<>();
        if (plan.initiatives().isEmpty() && plan.targets().isEmpty()) {
            blocks.add(new Report.Paragraph("No plan configured (report.plan in pulse.yaml)."));
            return new Section(label + " CX improvement plan", blocks);
        }
        if (!plan.initiatives().isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (ReportSettings.Initiative initiative : plan.initiatives()) {
                rows.add(List.of(Cell.text(initiative.name()), Cell.text(orDash(initiative.investment())),
                        Cell.text(orDash(initiative.timeline())), Cell.text(orDash(initiative.expectedImpact()))));
            }
            blocks.add(new Report.Heading("Priority initiatives"));
            blocks.add(new Report.Table("Initiatives", List.of(Column.left("Initiative"), Column.right("Investment"), Column.left("Timeline"),
                    Column.left("Expected impact")), rows, "From report.plan.initiatives in pulse.yaml."));
        }
        if (!plan.targets().isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Map.Entry<String, Double> entry : plan.targets().entrySet()) {
                rows.add(targetRow(entry.getKey(), entry.getValue()));
            }
            blocks.add(new Report.Heading(label + " targets"));
            blocks.add(new Report.Table("Plan targets", List.of(Column.left("Metric"), Column.right(context.quarter), Column.right(label + " target"),
                    Column.right("Gap"), Column.left("Check")), rows, "Gap: target minus today's value. A target that asks for a worse"
                    + " value than today's, given the metric's direction, or for less than this year's target, is flagged rather than used silently."));
        }
        return new Section(label + " CX improvement plan", blocks);
    }

    private List<Cell> targetRow(String name, double target) throws MetricException, SQLException {
        String title;
        String unit;
        Double current;
        Boolean higher;
        Double thisYear;
        if (name.equals("portal_nps")) {
            title = "Portal NPS";
            unit = "points";
            MetricValue portal = platform.portalNps(context.quarter);
            current = portal == null ? null : portal.value();
            higher = true;
            thisYear = settings.portalNpsTarget();
        } else if (context.catalogue.get(name).isPresent()) {
            MetricDefinition metric = context.metric(name);
            title = metric.title();
            unit = metric.unit();
            MetricValue value = value(overview.keyValues(), name);
            current = value == null ? null : value.value();
            higher = context.higherIsBetter(name);
            thisYear = context.target(name, Map.of());
        } else {
            OpsSeries series = platform.series().get(name);
            title = series == null ? name : series.label();
            unit = series == null ? "number" : series.unit();
            current = platform.opsValue(name, null, context.quarter);
            higher = series == null ? null : series.higherIsBetter();
            thisYear = series == null ? null : series.target();
        }
        String key = "report.plan.targets." + name;
        List<String> problems = new ArrayList<>();
        if (higher == null) {
            problems.add("the metric has no direction (higher or lower is better)");
        } else {
            String direction = higher ? "higher is better" : "lower is better";
            if (current != null && !Change.meets(target, current, higher)) {
                problems.add("asks for a worse value than today's " + fmt(current, unit) + " although " + direction);
            }
            if (thisYear != null && !Change.meets(target, thisYear, higher)) {
                problems.add("is below this year's target " + fmt(thisYear, unit) + " (" + direction + ")");
            }
        }
        for (String problem : problems) {
            context.warnings.add(key + " = " + fmt(target, unit) + " " + problem + (name.equals("ces")
                    ? "; CES polarity is set by ces.polarity in pulse.yaml (now " + (context.config.cesHigherIsBetter()
                    ? "higher_is_better" : "lower_is_better") + ")" : "") + ".");
        }
        Cell check = problems.isEmpty() ? new Cell(Figures.MET + " consistent", null, Tone.GOOD)
                : new Cell("⚠ " + String.join("; ", problems), null, Tone.BAD);
        return List.of(Cell.text(title), current == null ? new Cell("no data", null, Tone.MUTED) : new Cell(fmt(current, unit), current, Tone.NONE),
                new Cell(fmt(target, unit), target, Tone.NONE),
                current == null ? Cell.empty() : new Cell(gap(target - current, unit), target - current, Tone.NONE), check);
    }

    private static String fmt(double value, String unit) {
        return switch (unit) {
            case "number", "count" -> PlatformSections.opsCell(value, unit).text();
            default -> Figures.format(value, unit);
        };
    }

    private static String gap(double delta, String unit) {
        return unit.equals("number") ? String.format(Locale.ROOT, "%+.2f", delta) : Figures.delta(delta, unit);
    }

    private static String orDash(String text) {
        return text == null ? "–" : text;
    }
}
