package dev.pulse.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A drill-through: the rows of a source behind one value. With a metric, exactly the rows counted in
 * that value's n (for an account metric, the accounts; for cost per ticket, the tickets); without one,
 * every row of the source. Rows are read in a total order (the sort column, then the row's key), so
 * that pages never skip or repeat a row.
 *
 * @param source     the rows to read; must be the metric's own rows when a metric is given
 * @param metric     a catalogue metric, or null for all rows
 * @param range      the days asked for (inclusive, reporting zone), null for all data
 * @param filters    as for metrics
 * @param group      the value's group: dimension to value ({@link Filters#NULL} for the group without one)
 * @param sort       a column of the rows, or null for the row key
 * @param descending sort order of {@code sort}
 * @param limit      rows per page, 1 to {@link #MAX_LIMIT}
 * @param offset     rows skipped (the page's position)
 */
public record RowQuery(Source source, String metric, PeriodRange range, Filters filters, Map<String, String> group, String sort,
                       boolean descending, int limit, long offset) {
    public static final int MAX_LIMIT = 1_000;

    public RowQuery {
        requireNonNull(source, "source is null");
        requireNonNull(filters, "filters is null");
        group = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(group, "group is null")));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
