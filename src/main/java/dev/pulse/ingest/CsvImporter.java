package dev.pulse.ingest;

import dev.pulse.engine.Database;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.Sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Loads a data folder (shared/spec/data-contract.md) into the database. The engine's CSV reader
 * reads each file as text; parsing and validation are set-based SQL over the whole file, so a
 * large file costs a few scans, never a Java loop per row. A row that breaks the contract goes to
 * the quarantine with its file, line, raw text and every reason; the good rows all load.
 */
public final class CsvImporter {
    private static final String STAGE = "pulse_stage";
    private static final String CHECKED = "pulse_checked";
    private static final String REJECTS = "pulse_rejects";

    private final Database database;
    private final Dialect dialect;
    private final ZoneId zone;
    private final BiConsumer<String, Double> progress;

    /**
     * @param zone     the reporting time zone: timestamps without an offset are read in it
     * @param progress told (file name, percent) while a large file is read; may ignore it
     */
    public CsvImporter(Database database, ZoneId zone, BiConsumer<String, Double> progress) {
        this.database = requireNonNull(database, "database is null");
        this.dialect = database.dialect();
        this.zone = requireNonNull(zone, "zone is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** Imports every contract file present in the folder; writes the quarantine CSV beside the database. */
    public ImportResult importFolder(Path folder, Path quarantineCsv) throws IOException, SQLException, ImportException {
        long start = System.nanoTime();
        if (!Files.isDirectory(folder)) {
            throw new ImportException(folder + ": not a folder");
        }
        Schema.create(database);
        Map<String, Path> present = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                DataContract.forFile(name).ifPresentOrElse(
                        spec -> present.put(spec.fileName(), file),
                        () -> unknown.add(name));
            }
        }
        if (!present.containsKey(DataContract.ACCOUNTS.fileName())
                && database.queryLong(Sql.of("SELECT count(*) FROM accounts")) == 0) {
            throw new ImportException(folder + ": accounts.csv is missing (it is the one required file of a data folder)");
        }
        database.execute(dialect.setSessionTimeZone(zone.getId()));
        List<FileReport> reports = new ArrayList<>();
        for (FileSpec spec : DataContract.FILES) {
            Path file = present.get(spec.fileName());
            if (file != null) {
                reports.add(importFile(spec, file));
            }
        }
        writeQuarantineCsv(quarantineCsv);
        return new ImportResult(reports, unknown, quarantineCsv, (System.nanoTime() - start) / 1e9);
    }

    FileReport importFile(FileSpec spec, Path file) throws IOException, SQLException {
        String fileName = spec.fileName();
        var header = CsvHeader.read(file);
        if (header.isEmpty()) {
            return new FileReport(fileName, 0, 0, 0, List.of(), List.of("the file is empty (no header row)"));
        }
        List<String> names = header.get().names();
        List<String> ignored = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            if (spec.column(name).isEmpty()) {
                ignored.add(name.isEmpty() ? "(column " + (i + 1) + " has no name)" : name);
            } else if (header.get().indexOf(name) != i) {
                ignored.add(name + " (repeated; the first one is used)");
            }
        }
        for (ColumnSpec column : spec.columns()) {
            if (column.required() && header.get().indexOf(column.name()) < 0) {
                problems.add("required column '" + column.name() + "' is missing from the header: every row is quarantined");
            }
        }

        database.execute("DROP TABLE IF EXISTS " + STAGE);
        database.execute("DROP TABLE IF EXISTS " + CHECKED);
        database.execute("DROP TABLE IF EXISTS " + REJECTS);
        database.execute("DROP TABLE IF EXISTS " + REJECTS + "_scan");
        Sql stageFile = new Sql.Builder()
                .add("CREATE TEMP TABLE " + STAGE + " AS SELECT * FROM ")
                .add(dialect.readCsvAsText(file, names.size(), REJECTS))
                .build();
        database.executeWithProgress(stageFile, percent -> progress.accept(fileName, percent));
        database.execute(new ValidationQuery(dialect, spec, header.get(), STAGE).createChecked(CHECKED));
        markDuplicates(spec);

        boolean autoCommit = database.connection().getAutoCommit();
        database.connection().setAutoCommit(false);
        try {
            long loaded = load(spec);
            long quarantined = quarantine(spec);
            database.connection().commit();
            long read = loaded + quarantined;
            return new FileReport(fileName, read, loaded, quarantined, ignored, problems);
        } catch (SQLException | RuntimeException e) {
            database.connection().rollback();
            throw e;
        } finally {
            database.connection().setAutoCommit(autoCommit);
            database.execute("DROP TABLE IF EXISTS " + STAGE);
            database.execute("DROP TABLE IF EXISTS " + CHECKED);
        }
    }

    /** The later rows of a key that an earlier valid row of the same file already has. */
    private void markDuplicates(FileSpec spec) throws SQLException {
        String keys = quoted(spec.keyColumns());
        if (spec.keyColumns().isEmpty()) {
            return;
        }
        long duplicated = database.queryLong(Sql.of("SELECT count(*) FROM (SELECT " + keys + " FROM " + CHECKED
                + " WHERE reason IS NULL GROUP BY " + keys + " HAVING count(*) > 1) d"));
        if (duplicated == 0) {
            return;
        }
        String describe = spec.keyColumns().stream()
                .map(k -> dialect.stringLiteral(k + " '") + " || coalesce(CAST(" + dialect.identifier(k) + " AS VARCHAR), '') || "
                        + dialect.stringLiteral("'"))
                .collect(Collectors.joining(" || ', ' || "));
        database.execute(Sql.of("UPDATE " + CHECKED + " SET reason = 'duplicate ' || " + describe
                + " || ': an earlier row of this file has the same key'"
                + " WHERE rn IN (SELECT rn FROM (SELECT rn, row_number() OVER (PARTITION BY " + keys + " ORDER BY rn) AS k"
                + " FROM " + CHECKED + " WHERE reason IS NULL) ranked WHERE k > 1)"));
    }

    private long load(FileSpec spec) throws SQLException {
        List<ColumnSpec> categories = spec.columns().stream().filter(c -> c.type() == ColumnType.CATEGORY).toList();
        for (ColumnSpec category : categories) {
            String column = dialect.identifier(category.name());
            database.execute(Sql.of("INSERT INTO " + Schema.SPELLINGS + " SELECT ?, lower(" + column + "), arg_min(" + column + ", rn)"
                    + " FROM " + CHECKED + " WHERE reason IS NULL AND " + column + " IS NOT NULL"
                    + " AND lower(" + column + ") NOT IN (SELECT key FROM " + Schema.SPELLINGS + " WHERE dimension = ?)"
                    + " GROUP BY lower(" + column + ")", category.name(), category.name()));
        }
        if (!spec.keyColumns().isEmpty()) {
            String match = spec.keyColumns().stream()
                    .map(k -> "g." + dialect.identifier(k) + " IS NOT DISTINCT FROM t." + dialect.identifier(k))
                    .collect(Collectors.joining(" AND "));
            database.execute("DELETE FROM " + spec.table() + " t WHERE EXISTS (SELECT 1 FROM " + CHECKED + " g WHERE g.reason IS NULL AND "
                    + match + ")");
        } else {
            String slice = quoted(spec.sliceColumns());
            database.execute("DELETE FROM " + spec.table() + " WHERE (" + slice + ") IN (SELECT " + slice + " FROM " + CHECKED
                    + " WHERE reason IS NULL)");
        }
        List<String> select = new ArrayList<>();
        List<Object> binds = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        for (ColumnSpec column : spec.columns()) {
            String name = dialect.identifier(column.name());
            if (column.type() == ColumnType.CATEGORY && needsRespelling(column)) {
                String alias = "s_" + column.name();
                select.add("coalesce(" + alias + ".display, g." + name + ")");
                joins.append(" LEFT JOIN ").append(Schema.SPELLINGS).append(' ').append(alias).append(" ON ")
                        .append(alias).append(".dimension = ? AND ").append(alias).append(".key = lower(g.").append(name).append(')');
                binds.add(column.name());
            } else {
                select.add("g." + name);
            }
        }
        // No ORDER BY: the checked rows are already in file order and the engine keeps insertion order;
        // sorting ten million rows again cost half the insert.
        return database.execute(new Sql("INSERT INTO " + spec.table() + " (" + quoted(spec.columnNames()) + ") SELECT "
                + String.join(", ", select) + " FROM " + CHECKED + " g" + joins + " WHERE g.reason IS NULL", binds));
    }

    /** Whether some value of a category column is spelled otherwise than its first-seen spelling (a join is needed). */
    private boolean needsRespelling(ColumnSpec column) throws SQLException {
        String name = dialect.identifier(column.name());
        return database.queryLong(Sql.of("SELECT count(*) FROM (SELECT DISTINCT " + name + " AS v FROM " + CHECKED
                + " WHERE reason IS NULL AND " + name + " IS NOT NULL) d JOIN " + Schema.SPELLINGS
                + " s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v", column.name())) > 0;
    }

    /** Moves the bad rows of the file into the quarantine, replacing what an earlier import of it left there. */
    private long quarantine(FileSpec spec) throws SQLException {
        database.execute(Sql.of("DELETE FROM " + Schema.QUARANTINE + " WHERE file = ?", spec.fileName()));
        int columns = columnCount(STAGE);
        List<String> fields = new ArrayList<>();
        List<String> breaks = new ArrayList<>();
        List<String> anyBreak = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            fields.add(dialect.csvField("s.c" + i));
            breaks.add("coalesce(" + dialect.lineBreaks("c" + i) + ", 0)");
            anyBreak.add("strpos(c" + i + ", chr(10)) > 0 OR strpos(c" + i + ", chr(13)) > 0");
        }
        // Physical line of a record: the header line, the records before it, and the extra lines that
        // quoted line breaks in earlier records take. Structural rejects are records too.
        String rejects = "(SELECT record_number, raw_line, reason, record_number - row_number() OVER (ORDER BY record_number) + 1 AS slot"
                + " FROM (" + dialect.structuralRejects(REJECTS).text() + ") r)";
        String broken = "(SELECT rowid AS rn, " + String.join(" + ", breaks) + " AS b FROM " + STAGE + " WHERE "
                + String.join(" OR ", anyBreak) + ")";
        long bad = 0;
        if (database.queryLong(Sql.of("SELECT count(*) FROM " + CHECKED + " WHERE reason IS NOT NULL")) > 0) {
            bad = database.execute(Sql.of("INSERT INTO " + Schema.QUARANTINE + " SELECT ?, "
                + "1 + (q.rn + 1) + (SELECT count(*) FROM " + rejects + " r WHERE r.slot <= q.rn + 1)"
                + " + coalesce((SELECT sum(b) FROM " + broken + " x WHERE x.rn < q.rn), 0), q.reason, "
                + String.join(" || ',' || ", fields)
                + " FROM " + CHECKED + " q JOIN (SELECT rowid AS rn, * FROM " + STAGE + ") s ON s.rn = q.rn WHERE q.reason IS NOT NULL",
                spec.fileName()));
        }
        if (database.queryLong(Sql.of("SELECT count(*) FROM " + REJECTS)) == 0) {
            return bad;
        }
        long structural = database.execute(Sql.of("INSERT INTO " + Schema.QUARANTINE + " SELECT ?, "
                + "1 + r.record_number + coalesce((SELECT sum(b) FROM " + broken + " x WHERE x.rn + 1 <= r.slot - 1), 0),"
                + " 'the row does not have the header''s " + columns + " fields (' || r.reason || ')', r.raw_line FROM " + rejects + " r",
                spec.fileName()));
        return bad + structural;
    }

    private int columnCount(String table) throws SQLException {
        return (int) database.queryLong(Sql.of("SELECT count(*) FROM information_schema.columns WHERE table_name = ?", table));
    }

    private void writeQuarantineCsv(Path target) throws SQLException {
        database.execute(dialect.copyToCsv(Sql.of("SELECT file, line, reason, raw FROM " + Schema.QUARANTINE + " ORDER BY file, line"),
                target));
    }

    private String quoted(List<String> columns) {
        return columns.stream().map(dialect::identifier).collect(Collectors.joining(", "));
    }

    /** A problem with the folder as a whole (not with a row): nothing was imported. */
    public static final class ImportException extends Exception {
        public ImportException(String message) {
            super(message);
        }
    }
}
