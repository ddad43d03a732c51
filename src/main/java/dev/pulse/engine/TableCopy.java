package dev.pulse.engine;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stored tables copied whole between DuckDB and PostgreSQL, through CSV files in a working folder and
 * the engines' bulk paths (DuckDB's COPY, PostgreSQL's COPY FROM STDIN / TO STDOUT). Timestamps travel
 * with their offset (UTC), doubles in their shortest exact text, nulls as empty fields and empty text
 * quoted, so a table comes back as it went.
 */
public final class TableCopy {
    private TableCopy() {
    }

    /**
     * Those of {@code names} that DuckDB has, each replacing the rows of PostgreSQL's of that name, with an
     * index on each of its id columns ({@code *_id}). A table PostgreSQL has keeps what was made on it
     * (constraints, indexes, triggers, grants): its rows are deleted, a column it lacks is added, and the
     * rows are copied in. DELETE, not TRUNCATE or DROP: a query that began before the caller's transaction
     * commits reads the old rows, where after TRUNCATE it would read none. Other tables are created.
     */
    public static List<String> toPostgres(Database duck, Database pg, Path work, java.util.Set<String> names) throws SQLException, IOException {
        duck.execute(duck.dialect().setSessionTimeZone("UTC")); // timestamps travel as UTC instants
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (Map<String, Object> row : duck.query(Sql.of("SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"))) {
            if (!names.contains((String) row.get("table_name"))) {
                continue;
            }
            String type = switch ((String) row.get("data_type")) {
                case "DOUBLE", "FLOAT" -> "double precision";
                case "TIMESTAMP WITH TIME ZONE" -> "timestamptz";
                case "UBIGINT", "HUGEINT" -> "numeric";
                case "UINTEGER" -> "bigint";
                case "BIGINT", "INTEGER", "BOOLEAN", "DATE", "VARCHAR" -> (String) row.get("data_type");
                default -> "varchar";
            };
            tables.computeIfAbsent((String) row.get("table_name"), t -> new ArrayList<>())
                    .add(pg.dialect().identifier((String) row.get("column_name")) + " " + type);
        }
        Map<String, java.util.Set<String>> present = new LinkedHashMap<>();
        for (Map<String, Object> row : pg.query(Sql.of("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema()"))) {
            present.computeIfAbsent((String) row.get("table_name"), t -> new java.util.HashSet<>()).add((String) row.get("column_name"));
        }
        CopyManager copy = new CopyManager(pg.connection().unwrap(BaseConnection.class));
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            String name = pg.dialect().identifier(table.getKey());
            List<String> columns = new ArrayList<>();
            for (String column : table.getValue()) {
                columns.add(column.substring(0, column.indexOf("\" ") + 1));
            }
            java.util.Set<String> existing = present.get(table.getKey());
            if (existing == null) {
                pg.execute("CREATE TABLE " + name + " (" + String.join(", ", table.getValue()) + ")");
            } else {
                for (String column : table.getValue()) {
                    String columnName = column.substring(1, column.indexOf("\" "));
                    if (!existing.contains(columnName)) {
                        pg.execute("ALTER TABLE " + name + " ADD COLUMN " + column);
                    }
                }
                pg.execute("DELETE FROM " + name);
            }
            Path csv = work.resolve(table.getKey() + ".csv");
            duck.execute(duck.dialect().copyToCsv(Sql.of("SELECT " + String.join(", ", columns) + " FROM " + name), csv));
            try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                copy.copyIn("COPY " + name + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv, HEADER true)", reader);
            }
            Files.delete(csv);
            // PostgreSQL runs a correlated subquery per row (DuckDB decorrelates it) and joins by nested loops
            // where it must: an index on every id column keeps those lookups from scanning the table
            for (String column : columns) {
                if (column.endsWith("_id\"")) {
                    String index = pg.dialect().identifier(table.getKey() + "_" + column.substring(1, column.length() - 1) + "_idx");
                    pg.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + name + " (" + column + ")");
                }
            }
        }
        return List.copyOf(tables.keySet());
    }

    /** Those of {@code names} that PostgreSQL's current schema has, each created in DuckDB (which must not have them yet). */
    public static List<String> toDuckDb(Database pg, Database duck, Path work, java.util.Set<String> names) throws SQLException, IOException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (Map<String, Object> row : pg.query(Sql.of("SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"))) {
            if (!names.contains((String) row.get("table_name"))) {
                continue;
            }
            String type = switch (((String) row.get("data_type")).toLowerCase(Locale.ROOT)) {
                case "double precision", "real", "numeric" -> "DOUBLE";
                case "timestamp with time zone" -> "TIMESTAMPTZ";
                case "bigint" -> "BIGINT";
                case "integer" -> "INTEGER";
                case "boolean" -> "BOOLEAN";
                case "date" -> "DATE";
                default -> "VARCHAR";
            };
            tables.computeIfAbsent((String) row.get("table_name"), t -> new ArrayList<>())
                    .add(duck.dialect().identifier((String) row.get("column_name")) + " " + type);
        }
        pg.execute(pg.dialect().setSessionTimeZone("UTC"));
        CopyManager copy = new CopyManager(pg.connection().unwrap(BaseConnection.class));
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            String name = duck.dialect().identifier(table.getKey());
            Path csv = work.resolve(table.getKey() + ".from-postgres.csv");
            try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                copy.copyOut("COPY " + name + " TO STDOUT (FORMAT csv, HEADER true)", writer);
            }
            duck.execute("CREATE TABLE " + name + " (" + String.join(", ", table.getValue()) + ")");
            duck.execute(Sql.of("COPY " + name + " FROM ? (FORMAT csv, HEADER true)", csv.toAbsolutePath().toString()));
            Files.delete(csv);
        }
        return List.copyOf(tables.keySet());
    }
}
