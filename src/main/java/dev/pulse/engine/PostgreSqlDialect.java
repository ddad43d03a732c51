package dev.pulse.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL (15 and later): overrides only what PostgreSQL spells differently from the SQL the
 * catalogue and the views write. The database has the domain {@code double} (double precision,
 * {@link Database#preparePulseObjects}), so the portable {@code CAST(x AS DOUBLE)} reads as it does in
 * DuckDB. The metric engine runs on it; the importer's reading and checking of CSV files does not: an
 * import into PostgreSQL runs in DuckDB and copies the tables ({@link TableCopy}).
 */
public final class PostgreSqlDialect implements Dialect {
    /** The row's place in the table: insertion order for rows never updated (a case's events), as rowid is in DuckDB. */
    @Override
    public String insertionOrder() {
        return "ctid";
    }

    private static final String NO_IMPORT = "the importer's SQL runs in DuckDB: an import into PostgreSQL copies the tables (TableCopy)";

    @Override
    public String name() {
        return "postgresql";
    }

    /** extract(epoch) of a timestamptz is numeric (exact) since PostgreSQL 14: whole microseconds. */
    @Override
    public String epochMicros(String timestamp) {
        return "CAST(extract(epoch FROM " + timestamp + ") * 1000000 AS BIGINT)";
    }

    /** PostgreSQL's own conversion with its tz database; the window is an optimisation DuckDB needs, not PostgreSQL. */
    @Override
    public Sql localTimestamp(String instant, String zoneId, InstantRange window) {
        return Sql.of("(" + instant + " AT TIME ZONE ?)", zoneId.equals("Z") ? "UTC" : zoneId);
    }

    /** The value of the row with the greatest order (rows without an order left out, as DuckDB's arg_max). */
    @Override
    public String valueAtMax(String value, String order) {
        return "(array_agg(" + value + " ORDER BY " + order + " DESC) FILTER (WHERE " + order + " IS NOT NULL))[1]";
    }

    @Override
    public String inlinedCte() {
        return "AS NOT MATERIALIZED";
    }

    @Override
    public String percentileCont(String expression, List<Double> fractions, int index) {
        String ordered = " WITHIN GROUP (ORDER BY CAST(" + expression + " AS double precision))";
        if (fractions.size() == 1) {
            return "percentile_cont(" + fractions.get(0) + ")" + ordered;
        }
        return "(percentile_cont(ARRAY[" + fractions.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "])" + ordered
                + ")[" + (index + 1) + "]";
    }

    @Override
    public String regexMatches(String expression, String pattern) {
        return "(" + expression + " ~ " + stringLiteral("^(?:" + pattern + ")$") + ")";
    }

    @Override
    public String longerThan(String text, int characters) {
        return "char_length(" + text + ") > " + characters;
    }

    @Override
    public String tryTimestamp(String text) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    @Override
    public String tryDate(String text) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    @Override
    public String tryParseDate(String text, String format) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    @Override
    public String tryParseTimestamp(String text, String format) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    @Override
    public String tryDecimal(String text) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    @Override
    public String tryInteger(String text) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    @Override
    public Sql copyToParquet(String select, Path folder, String partitionColumn) {
        throw new UnsupportedOperationException("PostgreSQL writes no Parquet: export from DuckDB");
    }

    @Override
    public String month(String expression, boolean date) {
        return date ? "to_char(" + expression + ", 'YYYY-MM')" : "to_char(" + expression + " AT TIME ZONE 'UTC', 'YYYY-MM')";
    }

    @Override
    public Sql setSessionTimeZone(String zoneId) {
        String zone = zoneId.equals("Z") ? "UTC" : zoneId;
        if (!zone.matches("[A-Za-z0-9_+\\-/:]+")) {
            throw new IllegalArgumentException("not a time zone id: " + zoneId);
        }
        return Sql.of("SET TIME ZONE " + stringLiteral(zone));
    }

    @Override
    public Sql readCsvAsText(Path file, int columns, String rejectsTable, char delimiter) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    @Override
    public Sql structuralRejects(String rejectsTable) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    @Override
    public Sql encodingRejects(String rejectsTable) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }

    /** PostgreSQL writes its log on commit: nothing to do. */
    @Override
    public Sql checkpoint() {
        return Sql.of("SELECT 1");
    }

    @Override
    public Sql copyToCsv(Sql query, Path target) {
        throw new UnsupportedOperationException("PostgreSQL's COPY TO writes on the server: not used");
    }

    @Override
    public String csvField(String expression) {
        throw new UnsupportedOperationException(NO_IMPORT);
    }
}
