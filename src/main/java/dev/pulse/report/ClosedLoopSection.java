package dev.pulse.report;

import dev.pulse.config.ProgramSettings;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.Statistics;
import dev.pulse.report.GroupTable.Col;
import dev.pulse.report.GroupTable.Show;
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

/**
 * The NPS programme and its closed loop (shared/spec/program.md): invitations and response rate by
 * programme, detractor follow-up against its target, time to close, recovery, and the Pareto of
 * root causes. Every figure is a programme metric of the catalogue, so it is the number
 * {@code pulse metrics} gives for the quarter.
 */
final class ClosedLoopSection {
    static final String TITLE = "Closed loop";
    private static final int OWNERS_SHOWN = 12;
    private static final List<String> LOOP_METRICS = List.of("cases", "followup_on_time", "case_close_median", "recovery_rate");

    private final ReportContext context;

    ClosedLoopSection(ReportContext context) {
        this.context = context;
    }

    Section build() throws MetricException, SQLException {
        Grid invitations = context.grid(List.of("invitations", "response_rate"), "program");
        List<String> all = new ArrayList<>(LOOP_METRICS);
        all.add("invitations");
        Grid loop = context.grid(all);
        MetricValue invited = loop.get("invitations", context.quarter);
        MetricValue opened = loop.get("cases", context.quarter);
        List<Block> blocks = new ArrayList<>();
        if ((invited == null || invited.n() == 0) && (opened == null || opened.n() == 0)) {
            blocks.add(new Report.Paragraph("Pulse sent no survey invitations and opened no detractor cases in " + context.quarter
                    + ": the programme (`pulse survey send`, the answer page of `pulse serve`) did not run through Pulse in this quarter."));
            return new Section(TITLE, blocks);
        }
        ProgramSettings program = context.config.program();
        blocks.add(new Report.Paragraph(summary(loop, program)));

        blocks.add(new Report.Heading("Invitations and response rate by programme"));
        blocks.add(GroupTable.build(context, "Invitations", "program", "Programme", invitations, "invitations", List.of(
                        new Col("Invitations", "invitations", Show.VALUE), new Col("Response rate", "response_rate", Show.MARGIN),
                        new Col("QoQ", "response_rate", Show.QOQ), new Col("Target", "response_rate", Show.STATUS)),
                "Invitations sent in the quarter; response rate = share of them answered (Wilson 95 % interval), whenever the answer came."));

        blocks.add(new Report.Heading("Follow-up of detractors"));
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(row("Detractor cases opened", "cases", loop));
        rows.add(row("Followed up within " + program.caseDueHours() + " h", "followup_on_time", loop));
        rows.add(row("Time to close (median)", "case_close_median", loop));
        rows.add(row("Recovered (next answer 7 or more)", "recovery_rate", loop));
        blocks.add(new Report.Table("Follow-up", List.of(Column.left("Metric"), Column.right(context.quarter), Column.right("n"),
                Column.right("Target"), Column.left("Status"), Column.right("QoQ")), rows,
                "Cases of detractors (score 0-" + program.detractorMax() + ") opened in the quarter, withdrawn ones left out. On time: first"
                        + " contact by the due time; a case not yet contacted counts once it is past due. Time to close: resolved or closed"
                        + " unreachable. Recovered: resolved cases whose contact answered again after the close. Targets from pulse.yaml"
                        + " (targets.followup_on_time, ...)."));

        Grid owners = context.grid(LOOP_METRICS, "owner");
        Report.Table byOwner = GroupTable.build(context, "Follow-up by owner", "owner", "Owner", owners, "cases", List.of(
                new Col("Cases", "cases", Show.VALUE), new Col("On time", "followup_on_time", Show.MARGIN),
                new Col("Time to close", "case_close_median", Show.VALUE), new Col("Recovered", "recovery_rate", Show.MARGIN)), null);
        if (byOwner.rows().size() > 1) {
            int shown = Math.min(OWNERS_SHOWN, byOwner.rows().size());
            blocks.add(new Report.Heading("Follow-up by owner"));
            blocks.add(new Report.Table(byOwner.sheet(), byOwner.columns(), byOwner.rows().subList(0, shown),
                    shown < byOwner.rows().size()
                            ? String.format(Locale.ROOT, "The %d owners with most cases of %d; all of them: pulse metrics --metric %s --by quarter,owner.",
                            shown, byOwner.rows().size(), String.join(",", LOOP_METRICS))
                            : "The account's owner (accounts.csv) answers for its cases."));
        }

        blocks.addAll(pareto());
        return new Section(TITLE, blocks);
    }

    /** One sentence on where the quarter's cases stand now. */
    private String summary(Grid loop, ProgramSettings program) throws MetricException, SQLException {
        Grid byStatus = context.grid(List.of("cases"), "status");
        StringBuilder text = new StringBuilder();
        MetricValue opened = loop.get("cases", context.quarter);
        long total = opened == null ? 0 : opened.n();
        text.append(String.format(Locale.ROOT, "**%,d detractor case%s** opened in %s", total, total == 1 ? "" : "s", context.quarter));
        List<String> parts = new ArrayList<>();
        for (String status : List.of("open", "contacted", "resolved", "closed_unreachable")) {
            MetricValue count = byStatus.get("cases", context.quarter, status);
            if (count != null && count.n() > 0) {
                parts.add(String.format(Locale.ROOT, "%,d %s", count.n(), status.replace('_', ' ')));
            }
        }
        if (!parts.isEmpty()) {
            text.append(" (now ").append(String.join(", ", parts)).append(')');
        }
        text.append("; each is due for a first contact ").append(program.caseDueHours()).append(" h after the answer.");
        return text.toString();
    }

    private List<Cell> row(String label, String name, Grid grid) {
        MetricDefinition metric = context.metric(name);
        Boolean higher = context.higherIsBetter(name);
        MetricValue value = grid.get(name, context.quarter);
        Double target = context.target(name, Map.of());
        return List.of(Cell.text(label), Figures.valueWithMargin(value, metric.unit()),
                value == null ? Cell.empty() : Figures.count(value.n()),
                target == null ? Cell.empty() : new Cell(Figures.format(target, metric.unit()), target, Report.Tone.NONE),
                Figures.status(value, target, higher), Figures.change(metric, value, grid.get(name, context.previous), higher));
    }

    /** The root causes of the quarter's cases, most frequent first, with each one's share (Wilson interval) and the running total. */
    private List<Block> pareto() throws MetricException, SQLException {
        Grid causes = context.grid(List.of("cases"), "root_cause");
        List<Map.Entry<String, Long>> counts = new ArrayList<>();
        long known = 0;
        long unknown = 0;
        for (String cause : causes.members("root_cause", "cases")) {
            MetricValue value = causes.get("cases", context.quarter, cause);
            if (value == null || value.n() == 0) {
                continue;
            }
            if (cause == null) {
                unknown = value.n();
            } else {
                counts.add(Map.entry(cause, value.n()));
                known += value.n();
            }
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Report.Heading("Root causes"));
        if (known == 0) {
            blocks.add(new Report.Paragraph("No case opened in " + context.quarter + " has a root cause yet (a case gets one when it is resolved)."));
            return blocks;
        }
        counts.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed().thenComparing(Map.Entry::getKey));
        List<List<Cell>> rows = new ArrayList<>();
        List<Report.Bar> bars = new ArrayList<>();
        long running = 0;
        for (Map.Entry<String, Long> entry : counts) {
            running += entry.getValue();
            double share = 100.0 * entry.getValue() / known;
            dev.pulse.metrics.Interval interval = Statistics.wilson(entry.getValue(), known);
            String label = context.config.report().label("root_cause", entry.getKey());
            rows.add(List.of(Cell.text(label), Figures.count(entry.getValue()),
                    new Cell(String.format(Locale.ROOT, "%.1f%% (%.1f – %.1f)", share, interval.low(), interval.high()), share, Report.Tone.NONE),
                    Figures.percent(100.0 * running / known)));
            bars.add(new Report.Bar(label, share, interval.low(), interval.high(), known < Statistics.LOW_SAMPLE));
        }
        blocks.add(new Report.Table("Root causes", List.of(Column.left("Root cause"), Column.right("Cases"), Column.right("Share (95 % CI)"),
                Column.right("Cumulative")), rows,
                String.format(Locale.ROOT, "Root causes of the %,d case%s opened in %s that have one (set when a case is resolved)%s."
                                + " Share with its Wilson 95 %% interval; most frequent first.", known, known == 1 ? "" : "s", context.quarter,
                        unknown == 0 ? "" : String.format(Locale.ROOT, "; %,d more without one yet", unknown))));
        blocks.add(new Report.BarChart("Root causes of detractor cases, " + context.quarter, "percent", bars));
        return blocks;
    }
}
