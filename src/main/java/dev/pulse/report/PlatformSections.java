package dev.pulse.report;

import dev.pulse.config.ReportSettings;
import dev.pulse.config.ReportSettings.OpsSection;
import dev.pulse.config.ReportSettings.OpsSeries;
import dev.pulse.engine.PeriodGrain;
import dev.pulse.metrics.DriverAnalysis;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.OpsSeriesValues;
import dev.pulse.metrics.OpsSeriesValues.OpsValue;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.PlatformImpact;
import dev.pulse.metrics.Priorities;
import dev.pulse.report.Report.Block;
import dev.pulse.report.Report.Cell;
import dev.pulse.report.Report.Column;
import dev.pulse.report.Report.Section;
import dev.pulse.report.Report.Tone;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ops_metrics series (platform and portal figures) and feature satisfaction with its improvement priority. */
final class PlatformSections {
    private final ReportContext context;
    private final ReportSettings settings;
    private List<OpsValue> ops;
    private Grid npsByTouchpoint;

    PlatformSections(ReportContext context) {
        this.context = context;
        this.settings = context.config.report();
    }

    private List<OpsValue> ops() throws SQLException {
        if (ops == null) {
            ops = OpsSeriesValues.compute(context.database, context.config, context.engine.scope(), PeriodGrain.QUARTER, context.window);
        }
        return ops;
    }

    /** A series' value in a period (rows without a product), or null. */
    Double opsValue(String series, String product, String period) throws SQLException {
        for (OpsValue value : ops()) {
            if (value.series().equalsIgnoreCase(series) && value.period().equals(period)
                    && (product == null ? value.product() == null : product.equalsIgnoreCase(value.product()))) {
                return value.value();
            }
        }
        return null;
    }

    /** The series to show: the configured ones, or every series in the data when none is configured. */
    Map<String, OpsSeries> series() throws SQLException {
        if (!settings.opsSeries().isEmpty()) {
            return settings.opsSeries();
        }
        Map<String, OpsSeries> found = new LinkedHashMap<>();
        for (OpsValue value : ops()) {
            if (value.product() == null && !value.series().equalsIgnoreCase(settings.featureUsageSeries())) {
                found.putIfAbsent(value.series(), new OpsSeries(value.series(), "number", null, null, OpsSection.PLATFORM));
            }
        }
        return found;
    }

    /** NPS of the answers about the configured portal touchpoint in a quarter of the window; null when none. */
    MetricValue portalNps(String period) throws MetricException, SQLException {
        if (settings.portalTouchpoint() == null) {
            return null;
        }
        if (npsByTouchpoint == null) {
            npsByTouchpoint = context.grid(List.of("nps"), "touchpoint");
        }
        String touchpoint = npsByTouchpoint.spelling("touchpoint", "nps", settings.portalTouchpoint());
        return touchpoint == null ? null : npsByTouchpoint.get("nps", period, touchpoint);
    }

    /** Portal NPS (from surveys) and the portal's ops series. */
    Report.Table portalTable() throws MetricException, SQLException {
        List<List<Cell>> rows = new ArrayList<>();
        if (settings.portalTouchpoint() != null) {
            MetricValue current = portalNps(context.quarter);
            MetricValue before = portalNps(context.previous);
            Double target = settings.portalNpsTarget();
            rows.add(List.of(Cell.text("Portal NPS"), Figures.valueWithMargin(current, "points"), Figures.value(before, "points"),
                    Figures.change(context.metric("nps"), current, before, true),
                    target == null ? Cell.empty() : new Cell(Figures.format(target, "points"), target, Tone.NONE),
                    Figures.status(current == null ? null : current.value(), target, true)));
        }
        rows.addAll(opsRows(OpsSection.PORTAL, null));
        String portal = settings.portalTouchpoint() == null
                ? "Portal NPS: not shown, no survey touchpoint is set as the portal's (report.portal.touchpoint in pulse.yaml)."
                : "Portal NPS: NPS answers about the touchpoint '" + settings.portalTouchpoint() + "', ± its 95 % interval.";
        return opsTable("Partner portal", rows, portal + " The other figures are ops_metrics series (quarter mean unless configured sum"
                + " or last); they carry no sampling interval and their changes are not tested.");
    }

    Section platform() throws SQLException, MetricException {
        List<Block> blocks = new ArrayList<>();
        PeriodRange months = new PeriodRange(context.quarterRange.last().plusDays(1).minusMonths(IMPACT_MONTHS), context.quarterRange.last());
        Map<String, PlatformImpact.Impact> impacts = PlatformImpact.compute(context.engine, "customer_nps", months);
        List<List<Cell>> rows = opsRows(OpsSection.PLATFORM, (key, series) -> impactCell(impacts.get(key), series,
                opsValue(key, null, context.quarter)));
        blocks.add(new Report.Heading("Platform reliability"));
        if (rows.isEmpty()) {
            blocks.add(new Report.Paragraph("No platform series in ops_metrics for " + context.quarter + "."));
        } else {
            List<Column> columns = new ArrayList<>(opsColumns());
            columns.add(Column.right("CX impact"));
            blocks.add(new Report.Table("Platform", columns, rows, "ops_metrics series: the quarter's mean unless configured sum or last."
                    + " Measured figures without a sampling interval; changes are not tested. CX impact: the change of customer NPS"
                    + " that reaching a missed target would bring, else that a typical month's improvement goes with, from the regression of monthly NPS changes on the series' monthly changes over"
                    + " the last " + IMPACT_MONTHS + " months (95 % interval; n.s. = the interval includes zero); fewer than "
                    + PlatformImpact.MIN_PERIODS + " monthly changes: not enough periods. An association over few periods, not proof of cause."));
        }
        blocks.add(new Report.Heading("Feature satisfaction"));
        blocks.addAll(features());
        return new Section("Platform performance", blocks);
    }

    private static final int IMPACT_MONTHS = 24;

    /** A further cell of an ops row, from the series' key and settings. */
    private interface ExtraCell {
        Cell of(String key, OpsSeries series) throws SQLException;
    }

    /** What reaching the series' target would do to NPS: slope × gap, with the slope's interval; or why there is no number. */
    private static Cell impactCell(PlatformImpact.Impact impact, OpsSeries series, Double current) {
        if (impact == null || current == null) {
            return new Cell("no data", null, Tone.MUTED);
        }
        if (!impact.enough()) {
            return new Cell("not enough periods (" + impact.periods() + ")", null, Tone.MUTED);
        }
        Boolean higher = series.higherIsBetter();
        Double gap = series.target() == null ? null : series.target() - current;
        boolean missed = gap != null && higher != null && (higher ? gap > 0 : gap < 0);
        // Missed: what reaching the target would bring. Otherwise: what a typical month's improvement goes with.
        double step = missed ? gap : oneFigure(impact.typicalChange()) * (Boolean.FALSE.equals(higher) ? -1 : 1);
        double effect = impact.slope() * step;
        double a = impact.low() * step;
        double b = impact.high() * step;
        String what = missed ? " at target" : " per " + opsDelta(step, series.unit());
        return new Cell(String.format(Locale.ROOT, "%+.1f NPS (%+.1f – %+.1f)%s%s", effect, Math.min(a, b), Math.max(a, b), what,
                impact.significant() ? "" : ", n.s."), effect, impact.significant() ? Tone.NONE : Tone.MUTED);
    }

    /** A positive amount rounded to one significant figure (0.0234 → 0.02). */
    private static double oneFigure(double value) {
        double scale = Math.pow(10, Math.floor(Math.log10(value)));
        return Math.max(1, Math.round(value / scale)) * scale;
    }

    private List<List<Cell>> opsRows(OpsSection section, ExtraCell extra) throws SQLException {
        List<List<Cell>> rows = new ArrayList<>();
        for (Map.Entry<String, OpsSeries> entry : series().entrySet()) {
            OpsSeries series = entry.getValue();
            if (series.section() != section) {
                continue;
            }
            Double current = opsValue(entry.getKey(), null, context.quarter);
            Double before = opsValue(entry.getKey(), null, context.previous);
            if (current == null && before == null) {
                continue;
            }
            Cell change = current == null || before == null ? new Cell("n/a", null, Tone.MUTED)
                    : new Cell(opsDelta(current - before, series.unit()), current - before, Tone.NONE);
            List<Cell> row = new ArrayList<>(List.of(Cell.text(series.label()), opsCell(current, series.unit()), opsCell(before, series.unit()),
                    change, series.target() == null ? Cell.empty() : opsCell(series.target(), series.unit()),
                    Figures.status(current, series.target(), series.higherIsBetter())));
            if (extra != null) {
                row.add(extra.of(entry.getKey(), series));
            }
            rows.add(row);
        }
        return rows;
    }

    private Report.Table opsTable(String sheet, List<List<Cell>> rows, String footnote) {
        return new Report.Table(sheet, opsColumns(), rows, footnote);
    }

    private List<Column> opsColumns() {
        return List.of(Column.left("Metric"), Column.right(context.quarter), Column.right(context.previous),
                Column.right("Change"), Column.right("Target"), Column.left("Status"));
    }

    static Cell opsCell(Double value, String unit) {
        if (value == null) {
            return new Cell("no data", null, Tone.MUTED);
        }
        String text = switch (unit) {
            case "percent" -> String.format(Locale.ROOT, Math.abs(value) >= 99 ? "%.2f%%" : "%.1f%%", value);
            case "hours" -> String.format(Locale.ROOT, "%.1f h", value);
            case "minutes" -> String.format(Locale.ROOT, "%.0f min", value);
            case "count" -> String.format(Locale.ROOT, "%,.0f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
        return new Cell(text, value, Tone.NONE);
    }

    private static String opsDelta(double delta, String unit) {
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%+.2f pp", delta);
            case "hours" -> String.format(Locale.ROOT, "%+.1f h", delta);
            case "minutes" -> String.format(Locale.ROOT, "%+.0f min", delta);
            case "count" -> String.format(Locale.ROOT, "%+,.0f", delta);
            default -> String.format(Locale.ROOT, "%+.2f", delta);
        };
    }

    /**
     * Feature CSAT (answers of the feature program, by touchpoint), usage from ops_metrics, derived
     * importance (dev.pulse.metrics.DriverAnalysis: relative weights with a bootstrap interval), and the
     * improvement priority of the importance-performance rule the key drivers use
     * (dev.pulse.metrics.Priorities): a feature whose importance is not significant gets none.
     */
    private List<Block> features() throws MetricException, SQLException {
        Grid grid = context.grid(List.of("csat"), "program", "touchpoint");
        String program = grid.spelling("program", "csat", settings.featureProgram());
        if (program == null) {
            return List.of(new Report.Paragraph("No CSAT answers of the survey program '" + settings.featureProgram()
                    + "' (report.features.program): feature satisfaction cannot be shown."));
        }
        Map<String, DriverAnalysis.Importance> importance = new LinkedHashMap<>();
        for (DriverAnalysis.Importance item : new DriverAnalysis(context.database, context.config, context.engine.scope())
                .touchpointImportance(program, context.quarterRange)) {
            importance.put(item.touchpoint(), item);
        }
        record Feature(String name, MetricValue csat, Double usage, DriverAnalysis.Importance importance) {
        }
        List<Feature> features = new ArrayList<>();
        List<Priorities.Item> items = new ArrayList<>();
        for (String touchpoint : grid.members("touchpoint", "csat")) {
            MetricValue csat = grid.get("csat", context.quarter, program, touchpoint);
            if (touchpoint == null || csat == null || csat.value() == null) {
                continue;
            }
            DriverAnalysis.Importance found = importance.get(touchpoint);
            features.add(new Feature(touchpoint, csat, opsValue(settings.featureUsageSeries(), touchpoint, context.quarter), found));
            if (found != null && found.importance() != null) {
                items.add(new Priorities.Item(touchpoint, found.importance(), found.significant(), csat.value()));
            }
        }
        Map<String, Priorities.Priority> priorities = Priorities.classify(items);
        Priorities.Thresholds thresholds = Priorities.thresholds(items);
        List<List<Cell>> rows = new ArrayList<>();
        for (Feature feature : features) {
            Priorities.Priority priority = priorities.get(feature.name());
            Cell priorityCell = priority == null ? new Cell("n/a", null, Tone.MUTED) : switch (priority) {
                case HIGH -> new Cell("High", null, Tone.BAD);
                case MEDIUM -> new Cell("Medium", null, Tone.NONE);
                case LOW -> new Cell("Low", null, Tone.GOOD);
                case NOT_SIGNIFICANT -> new Cell("none (n.s.)", null, Tone.MUTED);
            };
            DriverAnalysis.Importance found = feature.importance();
            Cell importanceCell = found == null || found.importance() == null
                    ? new Cell(found == null ? "n/a" : "not enough data (" + found.accounts() + ")", null, Tone.MUTED)
                    : new Cell(String.format(Locale.ROOT, "%.2f (%.2f – %.2f)", found.importance(), found.low(), found.high()), found.importance(),
                    found.significant() ? Tone.NONE : Tone.MUTED);
            rows.add(List.of(Cell.text(feature.name()), Figures.valueWithMargin(feature.csat(), "score_1_5"), Figures.count(feature.csat().n()),
                    feature.usage() == null ? new Cell("no data", null, Tone.MUTED) : opsCell(feature.usage(), "percent"),
                    importanceCell, priorityCell));
        }
        return List.of(new Report.Table("Features", List.of(Column.left("Feature"), Column.right("CSAT"), Column.right("n"),
                Column.right("Usage"), Column.right("Importance (95 % CI)"), Column.left("Improvement priority")), rows,
                String.format(Locale.ROOT, "Importance: the share (%%) of the variance of accounts' likelihood to recommend in %s that"
                        + " satisfaction with the feature explains beyond a random predictor (relative weights, bootstrap interval; at least %d"
                        + " rating accounts). Priority, as for the key drivers: of the features with a significant importance, High = above"
                        + " their average importance (%.2f) with below their average CSAT (%.2f); Low = the reverse; otherwise Medium; none where"
                        + " the importance is not significant. Usage: ops series '%s'.", context.quarter, DriverAnalysis.MIN_ACCOUNTS,
                        thresholds.importance(), thresholds.performance(), settings.featureUsageSeries())));
    }
}
