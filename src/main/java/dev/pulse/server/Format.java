package dev.pulse.server;

import dev.pulse.metrics.MetricValue;

import java.util.Locale;

/** Figures as the dashboard shows them, in the metric's unit (the same forms as the CLI's headline). */
final class Format {
    private Format() {
    }

    static String value(double value, String unit) {
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%.1f %%", value);
            case "points" -> String.format(Locale.ROOT, "%.1f", value);
            case "minutes" -> String.format(Locale.ROOT, "%.1f min", value);
            case "hours" -> String.format(Locale.ROOT, "%.1f h", value);
            case "seconds" -> String.format(Locale.ROOT, "%.0f s", value);
            case "count" -> String.format(Locale.ROOT, "%,.0f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    /** A unit as an axis names it. */
    static String unitLabel(String unit) {
        return switch (unit) {
            case "points" -> "NPS points";
            case "percent" -> "%";
            case "score_0_100" -> "score (0–100)";
            case "score_1_5" -> "score (1–5)";
            case "score_1_7" -> "score (1–7)";
            case "per_100_customers" -> "per 100 customers";
            default -> unit;
        };
    }

    static String interval(MetricValue value, String unit) {
        if (value.ciLow() == null || value.ciHigh() == null) {
            return "";
        }
        return value(value.ciLow(), unit) + " – " + value(value.ciHigh(), unit);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A number of a row, without trailing zeros. */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
