package dev.pulse.report;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A generated report as content, independent of format: sections of paragraphs, tables and
 * charts. Each renderer (Markdown, HTML, PDF, XLSX) turns the same content into its format, so the
 * formats cannot disagree about a number.
 *
 * @param warnings configuration problems found while building (contradictory targets, ...), shown up front
 */
public record Report(String title, String subtitle, List<Section> sections, List<String> warnings, List<String> footer) {
    public Report {
        requireNonNull(title, "title is null");
        requireNonNull(subtitle, "subtitle is null");
        sections = List.copyOf(sections);
        warnings = List.copyOf(warnings);
        footer = List.copyOf(footer);
    }

    public record Section(String title, List<Block> blocks) {
        public Section {
            requireNonNull(title, "title is null");
            blocks = List.copyOf(blocks);
        }
    }

    /** A piece of a section. */
    public sealed interface Block permits Heading, Paragraph, Bullets, Table, LineChart, BarChart {
    }

    public record Heading(String text) implements Block {
        public Heading {
            requireNonNull(text, "text is null");
        }
    }

    /** Text; {@code **x**} marks bold, nothing else is markup. */
    public record Paragraph(String text) implements Block {
        public Paragraph {
            requireNonNull(text, "text is null");
        }
    }

    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    public enum Align {
        LEFT, RIGHT
    }

    public record Column(String header, Align align) {
        public Column {
            requireNonNull(header, "header is null");
            requireNonNull(align, "align is null");
        }

        public static Column left(String header) {
            return new Column(header, Align.LEFT);
        }

        public static Column right(String header) {
            return new Column(header, Align.RIGHT);
        }
    }

    /** Whether a cell is good or bad news, for colour; NONE for plain figures. */
    public enum Tone {
        NONE, GOOD, BAD, MUTED
    }

    /**
     * @param number the cell's unrounded value for spreadsheets, in the unit of its column (null for text)
     */
    public record Cell(String text, Double number, Tone tone) {
        public Cell {
            requireNonNull(text, "text is null");
            requireNonNull(tone, "tone is null");
        }

        public static Cell text(String text) {
            return new Cell(text, null, Tone.NONE);
        }

        public static Cell empty() {
            return text("");
        }
    }

    /**
     * @param sheet    a short name for the table's spreadsheet tab (at most 31 characters)
     * @param footnote shown under the table; null for none
     */
    public record Table(String sheet, List<Column> columns, List<List<Cell>> rows, String footnote) implements Block {
        public Table {
            requireNonNull(sheet, "sheet is null");
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<Cell> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException(sheet + ": a row has " + row.size() + " cells for " + columns.size() + " columns");
                }
            }
        }
    }

    /** A series over the chart's x labels; values may be null (no data), as may interval bounds. */
    public record Series(String name, List<Double> values, List<Double> low, List<Double> high) {
        public Series {
            requireNonNull(name, "name is null");
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
            low = low == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(low));
            high = high == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(high));
        }
    }

    /** Lines over periods, with a shaded interval band where one is given. */
    public record LineChart(String title, String unit, List<String> x, List<Series> series) implements Block {
        public LineChart {
            requireNonNull(title, "title is null");
            x = List.copyOf(x);
            series = List.copyOf(series);
        }
    }

    /** One horizontal bar per group with its interval as a whisker; low-sample groups drawn pale. */
    public record Bar(String label, double value, Double low, Double high, boolean lowSample) {
        public Bar {
            requireNonNull(label, "label is null");
        }
    }

    public record BarChart(String title, String unit, List<Bar> bars) implements Block {
        public BarChart {
            requireNonNull(title, "title is null");
            bars = List.copyOf(bars);
        }
    }
}
