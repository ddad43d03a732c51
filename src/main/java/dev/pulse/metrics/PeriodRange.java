package dev.pulse.metrics;

import dev.pulse.engine.PeriodGrain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** A span of calendar days in the reporting time zone, both ends inclusive. */
public record PeriodRange(LocalDate first, LocalDate last) {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    public PeriodRange {
        requireNonNull(first, "first is null");
        requireNonNull(last, "last is null");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the range ends (" + last + ") before it starts (" + first + ")");
        }
    }

    /** The grain of a period label (2024, 2024-Q4, 2024-10, 2024-W41). */
    public static PeriodGrain grainOf(String label) throws MetricException {
        parse(label);
        String text = label.trim();
        return YEAR.matcher(text).matches() ? PeriodGrain.YEAR : QUARTER.matcher(text).matches() ? PeriodGrain.QUARTER
                : MONTH.matcher(text).matches() ? PeriodGrain.MONTH : PeriodGrain.WEEK;
    }

    /** Parses 2024, 2024-Q4, 2024-10 or 2024-W41 (ISO week). */
    public static PeriodRange parse(String label) throws MetricException {
        String text = label.trim();
        Matcher m;
        try {
            if ((m = YEAR.matcher(text)).matches()) {
                LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
                return new PeriodRange(first, first.plusYears(1).minusDays(1));
            }
            if ((m = QUARTER.matcher(text)).matches()) {
                LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2, 1);
                return new PeriodRange(first, first.plusMonths(3).minusDays(1));
            }
            if ((m = MONTH.matcher(text)).matches()) {
                LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
                return new PeriodRange(first, first.plusMonths(1).minusDays(1));
            }
            if ((m = WEEK.matcher(text)).matches()) {
                int year = Integer.parseInt(m.group(1));
                int week = Integer.parseInt(m.group(2));
                LocalDate first = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
                if (week < 1 || week > first.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                    throw new MetricException("period '" + label + "': " + year + " has no ISO week " + week);
                }
                return new PeriodRange(first, first.plusDays(6));
            }
        } catch (java.time.DateTimeException e) {
            throw new MetricException("period '" + label + "' is not a valid period: " + e.getMessage());
        }
        throw new MetricException("period '" + label + "' is not one of YYYY, YYYY-Qn, YYYY-MM, YYYY-Wnn");
    }

    /** The label of the period of a grain containing a day, as the engine's dialect spells it. */
    public static String label(PeriodGrain grain, LocalDate day) {
        return switch (grain) {
            case YEAR -> String.format("%04d", day.getYear());
            case QUARTER -> String.format("%04d-Q%d", day.getYear(), day.get(IsoFields.QUARTER_OF_YEAR));
            case MONTH -> String.format("%04d-%02d", day.getYear(), day.getMonthValue());
            case WEEK -> String.format("%04d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        };
    }

    /** The whole period of a grain that contains a day. */
    public static PeriodRange containing(PeriodGrain grain, LocalDate day) {
        LocalDate start = switch (grain) {
            case YEAR -> day.withDayOfYear(1);
            case QUARTER -> day.withMonth(3 * ((day.getMonthValue() - 1) / 3) + 1).withDayOfMonth(1);
            case MONTH -> day.withDayOfMonth(1);
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        };
        LocalDate end = switch (grain) {
            case YEAR -> start.plusYears(1);
            case QUARTER -> start.plusMonths(3);
            case MONTH -> start.plusMonths(1);
            case WEEK -> start.plusWeeks(1);
        };
        return new PeriodRange(start, end.minusDays(1));
    }

    /** Whether the two ranges share a day. */
    /** The days both ranges hold; empty when they do not overlap. */
    public java.util.Optional<PeriodRange> intersection(PeriodRange other) {
        LocalDate start = first.isAfter(other.first) ? first : other.first;
        LocalDate end = last.isBefore(other.last) ? last : other.last;
        return end.isBefore(start) ? java.util.Optional.empty() : java.util.Optional.of(new PeriodRange(start, end));
    }

    public boolean overlaps(PeriodRange other) {
        return !first.isAfter(other.last) && !other.first.isAfter(last);
    }

    /** This range widened to whole periods of a grain at both ends. */
    public PeriodRange widenedTo(PeriodGrain grain) {
        return new PeriodRange(containing(grain, first).first(), containing(grain, last).last());
    }

    /** The periods of a grain that overlap this range, each clipped to it, in order. */
    public List<PeriodRange> split(PeriodGrain grain) {
        List<PeriodRange> periods = new ArrayList<>();
        LocalDate start = first;
        while (!start.isAfter(last)) {
            LocalDate end = containing(grain, start).last();
            if (end.isAfter(last)) {
                end = last;
            }
            periods.add(new PeriodRange(start, end));
            start = end.plusDays(1);
        }
        return periods;
    }

    /** The period just before this one of the same length in calendar terms: the previous quarter of a quarter, etc. */
    public static String previousLabel(PeriodGrain grain, String label) throws MetricException {
        PeriodRange range = parse(label);
        return label(grain, range.first().minusDays(1));
    }

    /** The same period one year earlier. */
    public static String yearEarlierLabel(PeriodGrain grain, String label) throws MetricException {
        PeriodRange range = parse(label);
        if (grain == PeriodGrain.WEEK) {
            // the same ISO week number a year earlier (week 53 maps to week 52 where that year has none)
            int year = range.first().get(IsoFields.WEEK_BASED_YEAR) - 1;
            int week = range.first().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            LocalDate probe = LocalDate.of(year, 6, 1);
            long weeks = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
            return String.format("%04d-W%02d", year, Math.min(week, weeks));
        }
        return label(grain, range.first().minusYears(1));
    }
}
