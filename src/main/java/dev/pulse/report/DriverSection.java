package dev.pulse.report;

import dev.pulse.metrics.DriverCatalogue;
import dev.pulse.metrics.KeyDrivers;
import dev.pulse.metrics.MetricException;
import dev.pulse.report.Report.Block;
import dev.pulse.report.Report.Cell;
import dev.pulse.report.Report.Column;
import dev.pulse.report.Report.Section;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What drives NPS in the report's quarter (dev.pulse.metrics.KeyDrivers): the computed "Key driver"
 * of each segment and tier, and a section with every driver of customer and partner NPS, its
 * importance and effect with their intervals; what the data cannot tell from noise is said so and
 * not ranked.
 */
final class DriverSection {
    static final String TITLE = "What drives NPS";
    static final String NONE = "none significant";

    private final ReportContext context;
    private final KeyDrivers drivers;
    private final Map<String, List<KeyDrivers.Result>> cache = new HashMap<>();

    DriverSection(ReportContext context) throws SQLException {
        this.context = context;
        this.drivers = KeyDrivers.of(context.engine, DriverCatalogue.of(context.config));
    }

    /** The drivers of an outcome in the quarter, overall (dimension null) or by one answer dimension. */
    List<KeyDrivers.Result> results(String outcome, String dimension) throws MetricException, SQLException {
        String key = outcome + "/" + dimension;
        List<KeyDrivers.Result> found = cache.get(key);
        if (found == null) {
            KeyDrivers.Options base = KeyDrivers.Options.of(outcome, context.quarterRange);
            found = drivers.compute(new KeyDrivers.Options(outcome, context.quarterRange, dimension == null ? List.of() : List.of(dimension),
                    base.lookbackDays(), base.resamples(), base.seed(), base.minWith()));
            cache.put(key, found);
        }
        return found;
    }

    /** The most important significant driver of each group of a dimension, as the table's text ("none significant" where none is). */
    Map<String, String> keyDrivers(String outcome, String dimension) throws MetricException, SQLException {
        Map<String, String> byMember = new HashMap<>();
        for (KeyDrivers.Result r : results(outcome, dimension)) {
            String member = r.group().get(dimension);
            if (r.significant() && !byMember.containsKey(member)) {
                byMember.put(member, label(r));
            }
        }
        return byMember;
    }

    /** The table with a "Key driver" column: each row's group's top significant driver, matched by the row's label. */
    Report.Table withKeyDriver(Report.Table table, String outcome, String dimension) throws MetricException, SQLException {
        Map<String, String> byMember = keyDrivers(outcome, dimension);
        Map<String, String> byLabel = new HashMap<>();
        for (KeyDrivers.Result r : results(outcome, dimension)) {
            String member = r.group().get(dimension);
            byLabel.putIfAbsent(context.config.report().label(dimension, member), byMember.getOrDefault(member, NONE));
        }
        List<Column> columns = new ArrayList<>(table.columns());
        columns.add(Column.left("Key driver"));
        List<List<Cell>> rows = new ArrayList<>();
        for (List<Cell> row : table.rows()) {
            List<Cell> extended = new ArrayList<>(row);
            String driver = byLabel.get(row.get(0).text());
            extended.add(driver == null ? new Cell("no data", null, Report.Tone.MUTED)
                    : driver.equals(NONE) ? new Cell(NONE, null, Report.Tone.MUTED) : Cell.text(driver));
            rows.add(extended);
        }
        String footnote = (table.footnote() == null ? "" : table.footnote() + " ")
                + "Key driver: the group's most important experience or attribute whose importance and effect are significant (\"" + TITLE + "\").";
        return new Report.Table(table.sheet(), columns, rows, footnote);
    }

    private static String label(KeyDrivers.Result r) {
        return r.effect() == null ? r.title() : r.title() + String.format(Locale.ROOT, " (%+.0f)", r.effect());
    }

    Section build() throws MetricException, SQLException {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Report.Paragraph("For every NPS answer of " + context.quarter + ", the account's support experience in the "
                + KeyDrivers.DEFAULT_LOOKBACK_DAYS + " days before it (tickets, P1 incidents, SLA breaches, escalations, reopens,"
                + " first-contact resolution, open tickets, touchpoint CSAT) and the answer's own attributes, related to its score."
                + " Importance: the share of the score's variance a driver explains beyond what a random predictor does (Johnson's"
                + " relative weights, 95 % bootstrap interval of " + KeyDrivers.DEFAULT_RESAMPLES + " resamples); effect: NPS of those who"
                + " had the experience minus those who did not, with the spec's test. Associations, not proof of cause."));
        blocks.addAll(table("Customer NPS", "customer_nps", "Drivers customers"));
        blocks.addAll(table("Partner NPS", "partner_nps", "Drivers partners"));
        return new Section(TITLE, blocks);
    }

    private List<Block> table(String heading, String outcome, String sheet) throws MetricException, SQLException {
        List<KeyDrivers.Result> results = results(outcome, null);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Report.Heading(heading));
        if (results.isEmpty()) {
            blocks.add(new Report.Paragraph("No " + heading + " answers in " + context.quarter + "."));
            return blocks;
        }
        // Priorities of the support experiences that go wrong (an effect below zero): the rule of the feature table,
        // with performance = the share of answers that did not have the experience.
        java.util.Set<String> experiences = new java.util.HashSet<>();
        for (dev.pulse.config.DriverDeclaration d : DriverCatalogue.of(context.config).drivers()) {
            if (d.source() != dev.pulse.config.DriverDeclaration.Source.ANSWER && d.kind() == dev.pulse.config.DriverDeclaration.Kind.BINARY) {
                experiences.add(d.name());
            }
        }
        List<dev.pulse.metrics.Priorities.Item> items = new ArrayList<>();
        for (KeyDrivers.Result r : results) {
            if (r.note() == null && experiences.contains(r.driver()) && r.effect() != null && r.effect() < 0) {
                items.add(new dev.pulse.metrics.Priorities.Item(r.driver(), r.importance(), r.significant(),
                        100.0 * (r.respondents() - r.with()) / r.respondents()));
            }
        }
        Map<String, dev.pulse.metrics.Priorities.Priority> priorities = dev.pulse.metrics.Priorities.classify(items);
        List<List<Cell>> rows = new ArrayList<>();
        int rank = 0;
        List<String> tooFew = new ArrayList<>();
        for (KeyDrivers.Result r : results) {
            if (r.note() != null) {
                tooFew.add(r.title());
                continue;
            }
            dev.pulse.metrics.Priorities.Priority priority = priorities.get(r.driver());
            Cell priorityCell = priority == null || priority == dev.pulse.metrics.Priorities.Priority.NOT_SIGNIFICANT ? Cell.empty()
                    : new Cell(priority.name().charAt(0) + priority.name().substring(1).toLowerCase(Locale.ROOT), null,
                    priority == dev.pulse.metrics.Priorities.Priority.HIGH ? Report.Tone.BAD : Report.Tone.NONE);
            String verdict = r.significant() ? "#" + (++rank) : "not significant";
            rows.add(List.of(Cell.text(r.title()), r.with() == null ? Cell.empty() : Figures.count(r.with()),
                    new Cell(String.format(Locale.ROOT, "%.2f (%.2f – %.2f)", r.importance(), r.importanceLow(), r.importanceHigh()),
                            r.importance(), Report.Tone.NONE),
                    r.effect() == null ? Cell.empty() : new Cell(String.format(Locale.ROOT, "%+.1f (%+.1f – %+.1f)", r.effect(), r.effectLow(),
                            r.effectHigh()), r.effect(), r.significant() ? (r.effect() < 0 ? Report.Tone.BAD : Report.Tone.GOOD) : Report.Tone.MUTED),
                    new Cell(verdict, null, r.significant() ? Report.Tone.NONE : Report.Tone.MUTED), priorityCell));
        }
        blocks.add(new Report.Table(sheet, List.of(Column.left("Driver"), Column.right("Answers with it"), Column.right("Importance (95 % CI)"),
                Column.right("Effect on NPS (95 % CI)"), Column.left("Rank"), Column.left("Priority")), rows,
                String.format(Locale.ROOT, "%,d answers. Ranked only where both the importance and the effect are significant. Priority, for"
                        + " the experiences that lower NPS, by the rule of the feature table: High = more important than the average of them"
                        + " and more often had (the share of answers without it is below their average); Low = the reverse; otherwise Medium.",
                        results.get(0).respondents())
                        + (tooFew.isEmpty() ? "" : " Not enough data (fewer than " + KeyDrivers.DEFAULT_MIN_WITH + " answers with, or without, it): "
                        + String.join(", ", tooFew) + ".")));
        return blocks;
    }
}
