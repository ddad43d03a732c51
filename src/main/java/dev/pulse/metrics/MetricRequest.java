package dev.pulse.metrics;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A metrics request as people write it, in the CLI ({@code pulse metrics}) and the API
 * ({@code /api/metrics}) alike, so that both answer the same: metric names or {@code all}, group-by
 * dimensions, a period or an inclusive range of days, and {@code DIM:VALUES} filters.
 *
 * @param optionPrefix how the caller's options are written in messages: "--" for the CLI, "" for the API
 */
public record MetricRequest(List<String> metrics, List<String> by, String period, String from, String to, List<String> filters,
                            String optionPrefix) {
    public MetricRequest {
        metrics = List.copyOf(requireNonNull(metrics, "metrics is null"));
        by = List.copyOf(requireNonNull(by, "by is null"));
        filters = List.copyOf(requireNonNull(filters, "filters is null"));
        requireNonNull(optionPrefix, "optionPrefix is null");
    }

    /** The range of days asked for, null for all data; a user error for a malformed or empty one. */
    public PeriodRange range() throws MetricException {
        if (period != null && (from != null || to != null)) {
            throw new MetricException("give either " + optionPrefix + "period or " + optionPrefix + "from/" + optionPrefix + "to, not both");
        }
        if (period != null) {
            return PeriodRange.parse(period);
        }
        if (from == null && to == null) {
            return null;
        }
        LocalDate first = from == null ? LocalDate.of(1900, 1, 1) : day(optionPrefix + "from", from);
        LocalDate last = to == null ? LocalDate.of(9999, 12, 31) : day(optionPrefix + "to", to);
        if (last.isBefore(first)) {
            throw new MetricException(optionPrefix + "to " + last + " is before " + optionPrefix + "from " + first);
        }
        return new PeriodRange(first, last);
    }

    private static LocalDate day(String option, String text) throws MetricException {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new MetricException(option + " '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    /**
     * The query: {@code all} means every metric of the catalogue that the dimensions and filters apply
     * to, and {@code notes} is told the others (not an error); a period without data is noted too.
     */
    public MetricQuery resolve(MetricEngine engine, Consumer<String> notes) throws MetricException, SQLException {
        PeriodRange range = range();
        Filters parsed = Filters.parse(filters);
        if (metrics.isEmpty()) {
            throw new MetricException(optionPrefix + "metric names no metric (e.g. customer_nps,csat or all)");
        }
        List<String> names = metrics;
        if (metrics.size() == 1 && metrics.get(0).trim().equalsIgnoreCase("all")) {
            List<String> needed = new ArrayList<>(by);
            needed.addAll(parsed.values().keySet().stream().filter(d -> !by.contains(d)).toList());
            List<String> every = List.copyOf(engine.catalogue().names());
            List<String> groupable = engine.groupable(every, needed);
            List<String> left = every.stream().filter(name -> !groupable.contains(name)).toList();
            if (!left.isEmpty()) {
                notes.accept("left out of 'all', since they cannot be grouped or filtered by " + String.join(",", needed) + ": "
                        + String.join(", ", left));
            }
            if (groupable.isEmpty()) {
                throw new MetricException("no metric can be grouped by " + String.join(", ", by));
            }
            names = groupable;
        }
        if (range != null) {
            String label = period != null ? period : range.first() + " to " + range.last();
            engine.whyNoData(range).ifPresent(why -> notes.accept("no data in " + label + ": " + why));
        }
        return new MetricQuery(names, by, range, parsed);
    }
}
