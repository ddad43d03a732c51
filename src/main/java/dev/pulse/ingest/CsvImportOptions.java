package dev.pulse.ingest;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How the CSV importer reads a data folder, beyond the data contract (pulse.yaml's {@code import:}).
 *
 * @param maxTextLength    the longest free-text value (a comment, a name) that loads, in characters; a longer one
 *                         quarantines its row: no comment is that long, and one such value costs every later reader
 * @param maxValueLength   the longest id, category or enumerated value, in characters (a 5 MB category made a
 *                         41 MB breakdown)
 * @param dateFormats      file name to the strptime format of its dates, for files whose dates are not YYYY-MM-DD
 *                         (e.g. {@code %d/%m/%Y}); ISO dates are still read
 * @param timestampFormats file name to the strptime format of its timestamps (e.g. {@code %d/%m/%Y %H:%M}); read
 *                         in the reporting time zone unless the format has {@code %z}; ISO timestamps are still read
 */
public record CsvImportOptions(int maxTextLength, int maxValueLength, Map<String, String> dateFormats,
                               Map<String, String> timestampFormats) {
    public static final int DEFAULT_MAX_TEXT_LENGTH = 65_536;
    public static final int DEFAULT_MAX_VALUE_LENGTH = 256;

    public CsvImportOptions {
        if (maxTextLength < 1 || maxValueLength < 1) {
            throw new IllegalArgumentException("the length limits must be at least 1");
        }
        dateFormats = Map.copyOf(requireNonNull(dateFormats, "dateFormats is null"));
        timestampFormats = Map.copyOf(requireNonNull(timestampFormats, "timestampFormats is null"));
    }

    public static CsvImportOptions defaults() {
        return new CsvImportOptions(DEFAULT_MAX_TEXT_LENGTH, DEFAULT_MAX_VALUE_LENGTH, Map.of(), Map.of());
    }

    /** The longest value a column of this type may hold, or 0 for types whose parsing bounds them (numbers, dates). */
    int maxLength(ColumnType type) {
        return switch (type) {
            case TEXT -> maxTextLength;
            case ID, CATEGORY, ENUM, EMAIL -> maxValueLength;
            case TIMESTAMP, DATE, MONTH, BOOLEAN, INTEGER, DECIMAL -> 0;
        };
    }
}
