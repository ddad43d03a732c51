package dev.pulse.metrics;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One page of a drill-through.
 *
 * @param columns the columns of every row, in order
 * @param rows    column to value: text, number, boolean, or an instant or local time as ISO-8601 text
 * @param total   the rows of the whole drill-through (equal to the value's n when a metric is given)
 * @param next    the offset of the next page, or null on the last page
 */
public record RowPage(List<String> columns, List<Map<String, Object>> rows, long total, Long next) {
    public RowPage {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }
}
