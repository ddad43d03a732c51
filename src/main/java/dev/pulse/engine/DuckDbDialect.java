package dev.pulse.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** DuckDB, the embedded default engine. */
public final class DuckDbDialect implements Dialect {

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String epochMicros(String timestamp) {
        return "epoch_us(" + timestamp + ")";
    }

    /**
     * The instant's microseconds plus the zone's offset at that instant, as a plain timestamp. DuckDB's
     * own {@code timezone(zone, instant)} goes through ICU's calendar for every row: 0.45 s per 10 M
     * tickets, most of the time of grouping them by quarter (0.05 s this way). A fixed offset is a
     * constant. A zone with transitions takes its offsets from java.time's rules (the same tz database)
     * as a search tree over the transitions within the window, a handful for a few years of data; an
     * instant outside the window (or every instant, without one) is converted by DuckDB. The tree is
     * kept to the window because DuckDB takes about 60 ms to plan one over all of a zone's transitions
     * from 1900 to 2100 (Santiago: 250), in every place a statement reads a local time.
     */
    @Override
    public Sql localTimestamp(String instant, String zoneId, InstantRange window) {
        String micros = epochMicros(instant);
        java.time.ZoneId zone = java.time.ZoneId.of(zoneId);
        if (zone.getRules().isFixedOffset()) {
            long offset = zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() * 1_000_000L;
            return Sql.of("make_timestamp(" + micros + " + CAST(" + offset + " AS BIGINT))");
        }
        Sql engine = Sql.of("timezone(?, " + instant + ")", engineZone(zoneId));
        if (window == null) {
            return engine;
        }
        return new Sql.Builder().add("CASE WHEN " + micros + " BETWEEN " + window.firstMicros() + " AND " + window.lastMicros()
                + " THEN make_timestamp(" + micros + " + " + ZoneOffsets.over(zone, window).sql(micros) + ") ELSE ")
                .add(engine).add(" END").build();
    }

    /** A fixed offset ("+05:30", java.time's id of one) in the spelling DuckDB's ICU takes: GMT+05:30. */
    static String engineZone(String zoneId) {
        return zoneId.equals("Z") ? "UTC" : zoneId.startsWith("+") || zoneId.startsWith("-") ? "GMT" + zoneId : zoneId;
    }

    /** count_if is null, not 0, when the condition is null on every row (or there is none). */
    @Override
    public String countWhere(String condition) {
        return "coalesce(count_if(" + condition + "), 0)";
    }

    @Override
    public String valueAtMax(String value, String order) {
        return "arg_max(" + value + ", " + order + ")";
    }

    @Override
    public String percentileCont(String expression, List<Double> fractions, int index) {
        if (fractions.size() == 1) {
            return "quantile_cont(" + expression + ", " + fractions.get(0) + ")";
        }
        // Identical aggregate calls are computed once by the engine; [i] picks one (lists count from 1).
        return "quantile_cont(" + expression + ", [" + fractions.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + "])[" + (index + 1) + "]";
    }

    @Override
    public String regexMatches(String expression, String pattern) {
        return "regexp_full_match(" + expression + ", " + stringLiteral(pattern) + ")";
    }

    @Override
    public String tryTimestamp(String text) {
        return "TRY_CAST(" + text + " AS TIMESTAMPTZ)";
    }

    @Override
    public String tryDate(String text) {
        return "TRY_CAST(" + text + " AS DATE)";
    }

    /** strlen (bytes, kept with the string) first: only a value of more bytes than the limit has its characters counted. */
    @Override
    public String longerThan(String text, int characters) {
        return "(strlen(" + text + ") > " + characters + " AND length(" + text + ") > " + characters + ")";
    }

    @Override
    public String tryParseDate(String text, String format) {
        return "CAST(try_strptime(" + text + ", " + stringLiteral(format) + ") AS DATE)";
    }

    @Override
    public String tryParseTimestamp(String text, String format) {
        return "CAST(try_strptime(" + text + ", " + stringLiteral(format) + ") AS TIMESTAMPTZ)";
    }

    @Override
    public String tryDecimal(String text) {
        return "TRY_CAST(" + text + " AS DOUBLE)";
    }

    @Override
    public String tryInteger(String text) {
        return "TRY_CAST(" + text + " AS BIGINT)";
    }

    @Override
    public Sql setSessionTimeZone(String zoneId) {
        // SET takes no parameters; the zone id was validated against java.time.ZoneId before it gets here.
        String zone = engineZone(zoneId);
        if (!zone.matches("[A-Za-z0-9_+\\-/:]+")) {
            throw new IllegalArgumentException("not a time zone id: " + zoneId);
        }
        return Sql.of("SET TimeZone = " + stringLiteral(zone));
    }

    @Override
    public Sql readCsvAsText(Path file, int columns, String rejectsTable, char delimiter) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            names.add("'c" + i + "': 'VARCHAR'");
        }
        String rejects = rejectsTable == null ? "ignore_errors = true"
                : "store_rejects = true, rejects_table = " + stringLiteral(rejectsTable)
                        + ", rejects_scan = " + stringLiteral(rejectsTable + "_scan") + ", rejects_limit = 0";
        return Sql.of("read_csv(?, columns = {" + String.join(", ", names) + "}, header = true, auto_detect = false,"
                + " delim = " + stringLiteral(String.valueOf(delimiter)) + ", quote = '\"', escape = '\"', strict_mode = true, " + rejects
                + ", max_line_size = 33554432)", file.toAbsolutePath().toString());
    }

    @Override
    public Sql structuralRejects(String rejectsTable) {
        // csv_line starts at the reader's line start, which may hold the end of a CRLF and blank lines.
        return Sql.of("SELECT min(line_byte_position) AS position, ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line,"
                + " string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason"
                + " FROM " + identifier(rejectsTable) + " GROUP BY line ORDER BY position");
    }

    @Override
    public Sql encodingRejects(String rejectsTable) {
        return Sql.of("SELECT count(DISTINCT line) FROM " + identifier(rejectsTable) + " WHERE error_type = 'INVALID ENCODING'");
    }

    @Override
    public Sql checkpoint() {
        return Sql.of("CHECKPOINT");
    }

    @Override
    public Sql copyToCsv(Sql query, Path target) {
        return new Sql.Builder().add("COPY (").add(query).add(") TO ")
                .add(Sql.of("? (HEADER, DELIMITER ',')", target.toAbsolutePath().toString())).build();
    }

    @Override
    public String csvField(String expression) {
        return "CASE WHEN " + expression + " IS NULL THEN ''"
                + " WHEN regexp_matches(" + expression + ", '[\",\\r\\n]') THEN '\"' || replace(" + expression + ", '\"', '\"\"') || '\"'"
                + " ELSE " + expression + " END";
    }

    @Override
    public Sql copyToParquet(String select, java.nio.file.Path folder, String partitionColumn) {
        String target = partitionColumn == null ? folder.resolve("data.parquet").toAbsolutePath().toString() : folder.toAbsolutePath().toString();
        return Sql.of("COPY (" + select + ") TO ? (FORMAT parquet, COMPRESSION zstd"
                + (partitionColumn == null ? "" : ", PARTITION_BY (" + identifier(partitionColumn) + ")") + ")", target);
    }

    @Override
    public String month(String expression, boolean date) {
        return date ? "strftime(" + expression + ", '%Y-%m')" : "strftime(" + expression + " AT TIME ZONE 'UTC', '%Y-%m')";
    }
}
