package dev.pulse.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG for the report's charts: valid XML (the PDF renderer parses it with Batik), fixed
 * sizes, no script, readable when mailed.
 */
final class SvgCharts {
    static final String[] COLOURS = {"#1f5fa8", "#d9822b", "#2f8f5b", "#8e44ad", "#c0392b"};
    private static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

    private SvgCharts() {
    }

    static String line(Report.LineChart chart) {
        // Two charts side by side across an A4 page; the first and last points sit inside the plot, so that
        // their x labels clear the y axis's labels.
        int width = 320;
        int left = 40;
        int right = 16;
        int inset = 26;
        int top = 28;
        int bottom = 28 + 14 * chart.series().size();
        int height = 180 + bottom;
        List<Double> all = new ArrayList<>();
        for (Report.Series series : chart.series()) {
            addAll(all, series.values());
            addAll(all, series.low());
            addAll(all, series.high());
        }
        StringBuilder svg = open(width, height);
        text(svg, 8, 16, chart.title(), "start", 11, "bold", "#222");
        if (all.isEmpty()) {
            text(svg, width / 2.0, height / 2.0, "no data", "middle", 11, "normal", "#888");
            return svg.append("</svg>").toString();
        }
        double[] range = niceRange(all);
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        int points = chart.x().size();
        java.util.function.DoubleUnaryOperator y = v -> top + plotHeight * (1 - (v - range[0]) / (range[1] - range[0]));
        java.util.function.IntToDoubleFunction x = i -> left + (points == 1 ? plotWidth / 2 : inset + (plotWidth - 2 * inset) * i / (points - 1));
        for (int t = 0; t <= 4; t++) {
            double value = range[0] + (range[1] - range[0]) * t / 4;
            double yy = y.applyAsDouble(value);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>",
                    left, yy, width - right, yy));
            text(svg, left - 4, yy + 3.5, tick(value, range[1] - range[0]), "end", 9, "normal", "#666");
        }
        for (int i = 0; i < points; i++) {
            text(svg, x.applyAsDouble(i), height - bottom + 14, chart.x().get(i), "middle", 9, "normal", "#444");
        }
        for (int s = 0; s < chart.series().size(); s++) {
            Report.Series series = chart.series().get(s);
            String colour = COLOURS[s % COLOURS.length];
            if (series.low() != null && series.high() != null) {
                StringBuilder band = new StringBuilder();
                List<String> back = new ArrayList<>();
                for (int i = 0; i < points; i++) {
                    if (series.low().get(i) != null && series.high().get(i) != null) {
                        band.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(i), y.applyAsDouble(series.high().get(i))));
                        back.add(0, String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(i), y.applyAsDouble(series.low().get(i))));
                    }
                }
                back.forEach(band::append);
                if (band.length() > 0) {
                    svg.append("<polygon points=\"").append(band.toString().trim()).append("\" fill=\"").append(colour)
                            .append("\" fill-opacity=\"0.15\" stroke=\"none\"/>");
                }
            }
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points; i++) {
                Double value = series.values().get(i);
                if (value != null) {
                    path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(i), y.applyAsDouble(value)));
                }
            }
            svg.append("<polyline points=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/>");
            for (int i = 0; i < points; i++) {
                Double value = series.values().get(i);
                if (value != null) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x.applyAsDouble(i),
                            y.applyAsDouble(value), colour));
                }
            }
            int legendY = height - bottom + 28 + 14 * s;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", left,
                    legendY - 9, colour));
            text(svg, left + 14, legendY, series.name(), "start", 9, "normal", "#333");
        }
        return svg.append("</svg>").toString();
    }

    static String bars(Report.BarChart chart) {
        int width = 560;
        int rowHeight = 24;
        int top = 30;
        int labelWidth = 150;
        int right = 60;
        int height = top + rowHeight * Math.max(1, chart.bars().size()) + 24;
        StringBuilder svg = open(width, height);
        text(svg, 8, 16, chart.title() + " (bars: value; whiskers: 95 % interval)", "start", 12, "bold", "#222");
        if (chart.bars().isEmpty()) {
            text(svg, width / 2.0, top + 14, "no data", "middle", 11, "normal", "#888");
            return svg.append("</svg>").toString();
        }
        List<Double> all = new ArrayList<>(List.of(0.0));
        for (Report.Bar bar : chart.bars()) {
            all.add(bar.value());
            if (bar.low() != null) {
                all.add(bar.low());
                all.add(bar.high());
            }
        }
        double[] range = niceRange(all);
        double plotWidth = width - labelWidth - right;
        java.util.function.DoubleUnaryOperator x = v -> labelWidth + plotWidth * (v - range[0]) / (range[1] - range[0]);
        double zero = x.applyAsDouble(0);
        for (int i = 0; i < chart.bars().size(); i++) {
            Report.Bar bar = chart.bars().get(i);
            double yy = top + i * rowHeight;
            text(svg, labelWidth - 6, yy + 15, bar.label(), "end", 10, "normal", "#333");
            double end = x.applyAsDouble(bar.value());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\" fill-opacity=\"%s\"/>",
                    Math.min(zero, end), yy + 4, Math.abs(end - zero), COLOURS[0], bar.lowSample() ? "0.35" : "0.85"));
            if (bar.low() != null) {
                double low = x.applyAsDouble(bar.low());
                double high = x.applyAsDouble(bar.high());
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\" stroke-width=\"1.2\"/>",
                        low, yy + 11, high, yy + 11));
                for (double edge : new double[] {low, high}) {
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\" stroke-width=\"1.2\"/>",
                            edge, yy + 6, edge, yy + 16));
                }
            }
            String label = Figures.format(bar.value(), chart.unit()) + (bar.lowSample() ? " " + Figures.LOW_SAMPLE : "");
            text(svg, width - right + 6, yy + 15, label, "start", 10, "normal", "#333");
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" stroke-width=\"1\"/>",
                zero, top, zero, top + rowHeight * chart.bars().size()));
        for (int t = 0; t <= 4; t++) {
            double value = range[0] + (range[1] - range[0]) * t / 4;
            text(svg, x.applyAsDouble(value), height - 8, tick(value, range[1] - range[0]), "middle", 9, "normal", "#666");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\">", width, height, width, height));
    }

    private static void text(StringBuilder svg, double x, double y, String text, String anchor, int size, String weight, String colour) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\" %s>",
                x, y, anchor, size, weight, colour, FONT)).append(HtmlRenderer.escape(text)).append("</text>");
    }

    private static void addAll(List<Double> into, List<Double> values) {
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isNaN()).forEach(into::add);
        }
    }

    /** A padded range with round ends, so that ticks read well. */
    static double[] niceRange(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (max - min < 1e-9) {
            min -= 1;
            max += 1;
        }
        double step = niceStep((max - min) / 4);
        return new double[] {Math.floor(min / step) * step, Math.ceil(max / step) * step};
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    private static String tick(double value, double span) {
        return span >= 20 ? String.format(Locale.ROOT, "%.0f", value) : span >= 2 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
