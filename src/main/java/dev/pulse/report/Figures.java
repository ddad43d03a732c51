package dev.pulse.report;

import dev.pulse.metrics.Change;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricValue;
import dev.pulse.report.Report.Cell;
import dev.pulse.report.Report.Tone;

import java.util.Locale;

/**
 * How the report writes numbers: each unit's precision and suffix, intervals, changes (arrows
 * only for significant changes) and target status (respecting the metric's polarity).
 */
final class Figures {
    /** Marks a value computed from fewer than 30 rows. */
    static final String LOW_SAMPLE = "†";
    static final String MET = "✓";
    static final String MISSED = "✗";

    private Figures() {
    }

    static String format(Double value, String unit) {
        if (value == null) {
            return "–";
        }
        return switch (unit) {
            case "points" -> String.format(Locale.ROOT, "%+.1f", value);
            case "percent" -> String.format(Locale.ROOT, "%.1f%%", value);
            case "score_1_5" -> String.format(Locale.ROOT, "%.2f/5", value);
            case "score_1_7" -> String.format(Locale.ROOT, "%.2f/7", value);
            case "score_0_100" -> String.format(Locale.ROOT, "%.1f", value);
            case "minutes" -> value >= 120 ? String.format(Locale.ROOT, "%.1f h", value / 60) : String.format(Locale.ROOT, "%.0f min", value);
            case "hours" -> String.format(Locale.ROOT, "%.1f h", value);
            case "seconds" -> String.format(Locale.ROOT, "%.0f s", value);
            case "count" -> String.format(Locale.ROOT, "%,.0f", value);
            case "currency" -> String.format(Locale.ROOT, "%,.2f", value);
            case "per_100_customers" -> String.format(Locale.ROOT, "%.1f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    /** A difference in the unit's terms: points, pp for percentages, the unit's own otherwise. */
    static String delta(double delta, String unit) {
        return switch (unit) {
            case "points" -> String.format(Locale.ROOT, "%+.1f", delta);
            case "percent" -> String.format(Locale.ROOT, "%+.1f pp", delta);
            case "score_1_5", "score_1_7" -> String.format(Locale.ROOT, "%+.2f", delta);
            case "minutes" -> Math.abs(delta) >= 120 ? String.format(Locale.ROOT, "%+.1f h", delta / 60)
                    : String.format(Locale.ROOT, "%+.0f min", delta);
            case "hours" -> String.format(Locale.ROOT, "%+.1f h", delta);
            case "seconds" -> String.format(Locale.ROOT, "%+.0f s", delta);
            case "count" -> String.format(Locale.ROOT, "%+,.0f", delta);
            default -> String.format(Locale.ROOT, "%+.2f", delta);
        };
    }

    /** The value with a low-sample mark, as a cell holding the unrounded number. */
    static Cell value(MetricValue value, String unit) {
        if (value != null && value.suppressed()) {
            return new Cell("withheld", null, Tone.MUTED); // too few rows for this reader (a partner's access.min_n)
        }
        if (value == null || value.value() == null) {
            return new Cell("no data", null, Tone.MUTED);
        }
        return new Cell(format(value.value(), unit) + (value.lowSample() ? " " + LOW_SAMPLE : ""), value.value(), Tone.NONE);
    }

    /**
     * The value followed by its 95 % interval: as ± where its two sides are equal at the precision shown,
     * else as its two bounds (intervals of NPS and shares are not symmetric, and a clipped one least of
     * all: "+92.5 ±18.2" would suggest a bound above 100 where the interval is 74.3 to 97.8).
     */
    static Cell valueWithMargin(MetricValue value, String unit) {
        Cell cell = value(value, unit);
        if (cell.number() == null || value.ciLow() == null) {
            return cell;
        }
        String plain = switch (unit) {
            case "score_1_5", "score_1_7" -> String.format(Locale.ROOT, "%.2f", value.value());
            default -> format(value.value(), unit);
        };
        String digits = switch (unit) {
            case "score_1_5", "score_1_7" -> "%.2f";
            default -> "%.1f";
        };
        String above = String.format(Locale.ROOT, digits, value.ciHigh() - value.value());
        String below = String.format(Locale.ROOT, digits, value.value() - value.ciLow());
        String interval = above.equals(below) ? "±" + above
                : "(" + String.format(Locale.ROOT, digits, value.ciLow()) + " – " + String.format(Locale.ROOT, digits, value.ciHigh()) + ")";
        return new Cell(plain + " " + interval + (value.lowSample() ? " " + LOW_SAMPLE : ""), value.value(), Tone.NONE);
    }

    static Cell interval(MetricValue value, String unit) {
        if (value == null || value.ciLow() == null) {
            return Cell.empty();
        }
        return Cell.text(format(value.ciLow(), unit) + " – " + format(value.ciHigh(), unit));
    }

    static Cell count(long n) {
        return new Cell(String.format(Locale.ROOT, "%,d", n), (double) n, Tone.NONE);
    }

    static Cell percent(Double share) {
        return share == null ? Cell.text("–") : new Cell(String.format(Locale.ROOT, "%.1f%%", share), share, Tone.NONE);
    }

    /**
     * A change with its verdict: an arrow only when significant, coloured by whether it is good news;
     * "stable" when the interval cannot tell it from noise; no arrow for untested kinds.
     */
    static Cell change(MetricDefinition metric, MetricValue current, MetricValue before, Boolean higherIsBetter) {
        Change change = Change.between(metric, current, before);
        if (change == null) {
            boolean hasValue = current != null && current.value() != null;
            return new Cell(hasValue ? "no earlier data" : "n/a", null, Tone.MUTED);
        }
        String delta = delta(change.delta(), metric.unit());
        return switch (change.verdict()) {
            case UP -> new Cell(delta + " ↑", change.delta(), tone(higherIsBetter, true));
            case DOWN -> new Cell(delta + " ↓", change.delta(), tone(higherIsBetter, false));
            case STABLE -> new Cell(delta + " (stable)", change.delta(), Tone.MUTED);
            case UNTESTED -> new Cell(delta, change.delta(), Tone.NONE);
        };
    }

    private static Tone tone(Boolean higherIsBetter, boolean up) {
        if (higherIsBetter == null) {
            return Tone.NONE;
        }
        return higherIsBetter == up ? Tone.GOOD : Tone.BAD;
    }

    /** Met or missed against a target; empty when there is no target or the metric has no good direction. */
    static Cell status(Double value, Double target, Boolean higherIsBetter) {
        if (value == null || target == null || higherIsBetter == null) {
            return Cell.empty();
        }
        return Change.meets(value, target, higherIsBetter) ? new Cell(MET + "\u00a0met", 1.0, Tone.GOOD)
                : new Cell(MISSED + "\u00a0missed", 0.0, Tone.BAD);
    }

    /**
     * As {@link #status(Double, Double, Boolean)}, but a miss by less than the value's uncertainty (the
     * target inside its 95 % interval) says so: the data cannot tell that the target was missed.
     */
    static Cell status(MetricValue value, Double target, Boolean higherIsBetter) {
        Cell status = status(value == null ? null : value.value(), target, higherIsBetter);
        if (status.tone() == Tone.BAD && targetWithinInterval(value, target)) {
            return new Cell(MISSED + "\u00a0missed (in\u00a0CI)", 0.0, Tone.MUTED);
        }
        return status;
    }

    /** True when the target lies inside the value's 95 % interval: the data cannot tell the value from the target. */
    static boolean targetWithinInterval(MetricValue value, double target) {
        return value.ciLow() != null && target >= value.ciLow() && target <= value.ciHigh();
    }

    /** The gap to a target as "+2.0" (better) or "-1.5" (worse), signed by polarity so that + is always good. */
    static Cell versusTarget(Double value, Double target, Boolean higherIsBetter, String unit) {
        if (value == null || target == null || higherIsBetter == null) {
            return Cell.empty();
        }
        double better = higherIsBetter ? value - target : target - value;
        return new Cell(delta(better, unit), better, better >= 0 ? Tone.GOOD : Tone.BAD);
    }
}
