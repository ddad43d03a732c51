package dev.pulse.report;

import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricValue;
import dev.pulse.report.Report.Cell;
import dev.pulse.report.Report.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A table with one row per group of a dimension (segment, tier, channel, ...) and columns that
 * show a metric of the report's quarter in one of a few ways.
 */
final class GroupTable {
    enum Show {
        /** The value. */
        VALUE,
        /** The value ± its interval. */
        MARGIN,
        /** The rows it was computed from. */
        N,
        /** For counts: the group's share of the quarter's total. */
        SHARE,
        /** Change against the previous quarter, with its verdict. */
        QOQ,
        /** Change against the same quarter a year before. */
        YOY,
        /** Met or missed against the group's target. */
        STATUS,
        /** The group's value in each of the last four quarters. */
        TREND
    }

    record Col(String header, String metric, Show show) {
        Col {
            requireNonNull(header, "header is null");
            requireNonNull(metric, "metric is null");
            requireNonNull(show, "show is null");
        }
    }

    private GroupTable() {
    }

    /**
     * @param rowMetric a group gets a row when this metric has data for it in the quarter
     */
    static Report.Table build(ReportContext context, String sheet, String dimension, String dimensionHeader, Grid grid,
                              String rowMetric, List<Col> cols, String footnote) {
        List<String> members = context.config.report().ordered(dimension, grid.members(dimension, rowMetric));
        if (context.metric(rowMetric).kind() == dev.pulse.metrics.MetricKind.COUNT) {
            // Volume tables read largest first, as a CX team writes them.
            members.sort(java.util.Comparator.comparingDouble((String m) -> {
                Double volume = grid.number(rowMetric, context.quarter, m);
                return volume == null ? 0 : -volume;
            }));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (String member : members) {
            MetricValue anchor = grid.get(rowMetric, context.quarter, member);
            if (anchor == null || anchor.n() == 0) {
                continue;
            }
            List<Cell> row = new ArrayList<>(List.of(Cell.text(context.config.report().label(dimension, member))));
            for (Col col : cols) {
                row.add(cell(context, grid, dimension, member, col));
            }
            rows.add(row);
        }
        List<Column> columns = new ArrayList<>(List.of(Column.left(dimensionHeader)));
        for (Col col : cols) {
            columns.add(col.show() == Show.STATUS || col.show() == Show.TREND ? Column.left(col.header()) : Column.right(col.header()));
        }
        return new Report.Table(sheet, columns, rows, footnote);
    }

    private static Cell cell(ReportContext context, Grid grid, String dimension, String member, Col col) {
        MetricDefinition metric = context.metric(col.metric());
        MetricValue value = grid.get(col.metric(), context.quarter, member);
        Boolean higher = context.higherIsBetter(col.metric());
        return switch (col.show()) {
            case VALUE -> Figures.value(value, metric.unit());
            case MARGIN -> Figures.valueWithMargin(value, metric.unit());
            case N -> value == null ? Cell.empty() : Figures.count(value.n());
            case SHARE -> Figures.percent(value == null ? null : value.share());
            case QOQ -> Figures.change(metric, value, grid.get(col.metric(), context.previous, member), higher);
            case YOY -> Figures.change(metric, value, grid.get(col.metric(), context.yearAgo, member), higher);
            case STATUS -> Figures.status(value, member == null ? null : context.target(col.metric(), Map.of(dimension, member)), higher);
            case TREND -> Cell.text(String.join(" → ", context.trend.stream()
                    .map(period -> Figures.format(grid.number(col.metric(), period, member), metric.unit())).toList()));
        };
    }
}
