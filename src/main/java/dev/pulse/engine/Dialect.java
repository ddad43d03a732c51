package dev.pulse.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a SQL engine spells its own way. The metric catalogue and the importer write
 * portable SQL and ask the dialect for the rest; a new engine overrides only what differs.
 */
public interface Dialect {

    String name();

    /** A column that orders a table's rows as they were inserted (rows never updated), as a tiebreak: DuckDB's rowid. */
    default String insertionOrder() {
        return "rowid";
    }

    /** Quotes an identifier. */
    default String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Seconds from {@code start} to {@code end} (timestamps with time zone), as a double; null if either is null. */
    default String secondsBetween(String start, String end) {
        return "(" + microsBetween(start, end) + " / 1000000.0)";
    }

    /**
     * Microseconds from {@code start} to {@code end}, as a 64-bit integer; null if either is null.
     * Durations are derived from it: exact, and cheaper than the engines' second counts in floating
     * point (DuckDB: a sum of 10 M first-response times 0.14 s against 0.26 s with {@code epoch}).
     */
    default String microsBetween(String start, String end) {
        return "(" + epochMicros(end) + " - " + epochMicros(start) + ")";
    }

    /**
     * Microseconds since 1970-01-01T00:00Z of a timestamp with time zone, as a 64-bit integer; null if
     * it is null. Deadlines are compared in these: exact, and at 10 M tickets 0.25 s cheaper than
     * timestamp arithmetic.
     */
    String epochMicros(String timestamp);

    /** The wall-clock local timestamp of an instant in a time zone. */
    default Sql localTimestamp(String instant, String zoneId) {
        return localTimestamp(instant, zoneId, null);
    }

    /**
     * The wall-clock local timestamp of an instant in a time zone, for an expression whose instants lie
     * within {@code window} (null: not known). An engine may prepare the zone's offsets over that window;
     * an instant outside it must still come out right.
     */
    Sql localTimestamp(String instant, String zoneId, InstantRange window);

    /**
     * The first instant (local timestamp) of the period containing a local timestamp: the year's,
     * quarter's, month's or ISO week's (Monday) start. Grouping by this value is much cheaper than by a
     * formatted label; labels are made from it afterwards.
     */
    default String periodStart(PeriodGrain grain, String localTimestamp) {
        return "date_trunc('" + switch (grain) {
            case YEAR -> "year";
            case QUARTER -> "quarter";
            case MONTH -> "month";
            case WEEK -> "week"; // ISO weeks start on Monday
        } + "', " + localTimestamp + ")";
    }

    /**
     * The continuous percentile (linear interpolation) at {@code fractions[index]}, fractions in
     * [0, 1]. All the fractions one query asks of one expression are given each time, so that an
     * engine can take them from a single sort (DuckDB: a median and a p90 of 10 M tickets' first
     * response in 3.0 s instead of 3.4 s for the whole ticket aggregation).
     */
    String percentileCont(String expression, List<Double> fractions, int index);

    /** The value of {@code value} on the row with the greatest {@code order} (an aggregate). */
    String valueAtMax(String value, String order);

    /** Text values of a group joined by a separator, in the given order (an aggregate). */
    default String stringAgg(String expression, String separator, String orderBy) {
        return "string_agg(" + expression + ", " + stringLiteral(separator) + " ORDER BY " + orderBy + ")";
    }

    /** A hex digest of a text (to tell whether a stored derivation of it is still current). */
    default String digest(String expression) {
        return "md5(" + expression + ")";
    }

    /**
     * What follows a common table expression's name when the engine should inline it rather than
     * compute it once: PostgreSQL computes a CTE named more than once by itself and then estimates its
     * filtered rows blindly (one row: the key drivers' window joins became nested loops, minutes at 1 M
     * tickets instead of 1.3 s); DuckDB plans either well.
     */
    default String inlinedCte() {
        return "AS";
    }

    /**
     * The number of rows for which a condition is true (an aggregate). Other aggregates are restricted
     * to rows by {@code agg(CASE WHEN condition THEN x END)}, which every engine reads alike; DuckDB
     * evaluates that, and its {@code count_if}, in about two thirds of the time of a {@code FILTER}
     * clause (measured on 10 M tickets).
     */
    default String countWhere(String condition) {
        return "count(CASE WHEN " + condition + " THEN 1 END)";
    }

    default String sampleStddev(String expression) {
        return "stddev_samp(" + expression + ")";
    }

    /** True when the text matches a regular expression. */
    String regexMatches(String expression, String pattern);

    /** Parses text into a timestamp with time zone, null when it cannot; text without offset is read in the session zone. */
    String tryTimestamp(String text);

    String tryDate(String text);

    /** The text with every value quoted in single quotes replaced by '…' (the engine's regular expressions run in linear time). */
    default String foldQuotedValues(String text) {
        return "regexp_replace(" + text + ", '''[^'']*''', '''…''', 'g')";
    }

    /** True when the text has more than {@code characters} characters. */
    default String longerThan(String text, int characters) {
        return "length(" + text + ") > " + characters;
    }

    /** Parses text by a strptime format into a date, null when it does not fit. */
    String tryParseDate(String text, String format);

    /** Parses text by a strptime format into a timestamp with time zone (without %z: in the session zone), null when it does not fit. */
    String tryParseTimestamp(String text, String format);

    String tryDecimal(String text);

    String tryInteger(String text);

    /** Concatenates the non-null arguments with a separator (nulls are skipped, not propagated). */
    default String concatSkippingNulls(String separator, List<String> expressions) {
        return "concat_ws(" + stringLiteral(separator) + ", " + String.join(", ", expressions) + ")";
    }

    /** A date literal (SQL standard). */
    default String dateLiteral(java.time.LocalDate date) {
        return "DATE '" + date + "'";
    }

    /** A literal for constant text written by the program itself (never for user values). */
    default String stringLiteral(String constant) {
        return "'" + constant.replace("'", "''") + "'";
    }

    /**
     * Writes the rows of {@code select} as Parquet into {@code folder}: one file, or, with a partition
     * column, a Hive-style folder per value of it ({@code column=value/}).
     */
    Sql copyToParquet(String select, java.nio.file.Path folder, String partitionColumn);

    /** The month of a date, or of a timestamp with time zone in UTC, as text YYYY-MM. */
    String month(String expression, boolean date);

    /** Statements that make the session read timestamps without offset in this zone. */
    Sql setSessionTimeZone(String zoneId);

    /**
     * A relation reading a CSV file's data rows (the header line skipped) as text columns
     * c0..c{columns-1}. Rows that do not have exactly that many fields are left out of the
     * relation and reported by {@link #structuralRejects}, or, when rejectsTable is null, only left out.
     */
    default Sql readCsvAsText(Path file, int columns, String rejectsTable) {
        return readCsvAsText(file, columns, rejectsTable, ',');
    }

    /** As {@link #readCsvAsText(Path, int, String)}, for a file whose fields are separated by {@code delimiter}. */
    Sql readCsvAsText(Path file, int columns, String rejectsTable, char delimiter);

    /**
     * The records of a CSV read that could not be split into the expected fields, in file order, as
     * (position, raw_line, reason): position is a byte offset at or just before the record's start.
     */
    Sql structuralRejects(String rejectsTable);

    /** How many records of the reader's rejects were refused for bytes that are not valid UTF-8 (one row, one count). */
    Sql encodingRejects(String rejectsTable);

    /**
     * Writes a finished bulk load from the engine's log into the database file. DuckDB otherwise does
     * it at some later commit, in the middle of the next file's load: interactions at 10 M tickets
     * took 23.5 s that way against 7.1 s after an explicit checkpoint.
     */
    Sql checkpoint();

    /** Writes the rows of a query to a CSV file with a header. */
    Sql copyToCsv(Sql query, Path target);

    /** Renders a text field as it would appear in a CSV line (quoted where needed). */
    String csvField(String expression);

}
