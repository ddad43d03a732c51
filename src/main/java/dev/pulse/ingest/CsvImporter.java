package dev.pulse.ingest;

import dev.pulse.engine.Database;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.Sql;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
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
 * reads each file as text; parsing and validation are set-based SQL over the reader, so a large
 * file costs one parallel pass (and a few scans of the typed rows), never a Java loop per row. A
 * row that breaks the contract goes to the quarantine with its file, line, raw text and every
 * reason; the good rows all load.
 */
public final class CsvImporter {
    private static final String CHECKED = "pulse_checked";
    private static final String REJECTS = "pulse_rejects";
    /** The setting that keeps the zone timestamps without an offset were read in. */
    public static final String IMPORT_ZONE = "import_zone";

    private final Database database;
    private final Dialect dialect;
    private final ZoneId zone;
    private final CsvImportOptions options;
    private final Clock clock;
    private final BiConsumer<String, Double> progress;
    private final Quarantine quarantine;

    /**
     * @param zone     the reporting time zone: timestamps without an offset are read in it
     * @param options  length limits and date formats per file
     * @param clock    today, for the note on timestamps more than a year ahead
     * @param progress told (file name, percent) while a large file is read; may ignore it
     */
    public CsvImporter(Database database, ZoneId zone, CsvImportOptions options, Clock clock, BiConsumer<String, Double> progress) {
        this.database = requireNonNull(database, "database is null");
        this.dialect = database.dialect();
        this.zone = requireNonNull(zone, "zone is null");
        this.options = requireNonNull(options, "options is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.quarantine = new Quarantine(database, CHECKED, REJECTS);
    }

    /** Imports every contract file present in the folder; writes the quarantine CSV beside the database. */
    /** Where the quarantine CSV of a database goes: beside it, {@code <stem>.quarantine.csv}. */
    public static Path quarantineBeside(Path database) {
        String name = database.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return database.toAbsolutePath().resolveSibling(stem + ".quarantine.csv");
    }

    public ImportResult importFolder(Path folder, Path quarantineCsv) throws IOException, SQLException, ImportException {
        long start = System.nanoTime();
        if (!Files.isDirectory(folder)) {
            throw new ImportException(folder + ": not a folder");
        }
        try {
            Migrations.apply(database, clock);
        } catch (Migrations.NewerSchema e) {
            throw new ImportException(e.getMessage());
        }
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
        Schema.putSetting(database, IMPORT_ZONE, zone.getId());
        List<FileReport> reports = new ArrayList<>();
        for (FileSpec spec : DataContract.FILES) {
            Path file = present.get(spec.fileName());
            if (file != null) {
                reports.add(importOrReport(spec, file));
            }
        }
        quarantine.writeCsv(quarantineCsv);
        return new ImportResult(reports, unknown, quarantineCsv, (System.nanoTime() - start) / 1e9, commonReasons(reports));
    }

    /**
     * The three most common quarantine reasons of each file imported, a row's reasons counted one by
     * one, with the values they quote folded to '…' so that "score: '12' is above the maximum 10" and
     * "score: '15' ..." count as one.
     */
    private Map<String, List<ImportResult.ReasonCount>> commonReasons(List<FileReport> reports) throws SQLException {
        Map<String, List<ImportResult.ReasonCount>> reasons = new LinkedHashMap<>();
        for (FileReport report : reports) {
            if (report.quarantined() == 0) {
                continue;
            }
            List<ImportResult.ReasonCount> counts = new ArrayList<>();
            for (Map<String, Object> row : database.query(new Sql("SELECT " + dialect.foldQuotedValues("part") + " AS reason, count(*) AS n"
                    + " FROM (SELECT unnest(string_to_array(reason, '; ')) AS part FROM " + Schema.QUARANTINE + " WHERE file = ?) r"
                    + " GROUP BY 1 ORDER BY n DESC, reason LIMIT 3", List.of(report.file())))) {
                counts.add(new ImportResult.ReasonCount((String) row.get("reason"), ((Number) row.get("n")).longValue()));
            }
            reasons.put(report.file(), counts);
        }
        return reasons;
    }

    /**
     * A file the engine's reader cannot read at all (not text, a broken encoding it gives up on) is
     * reported as that file's problem; the other files are still imported.
     */
    private FileReport importOrReport(FileSpec spec, Path file) throws IOException {
        long start = System.nanoTime();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return new FileReport(spec.fileName(), 0, 0, 0, List.of(), List.of(Files.isDirectory(file)
                    ? "this is a folder, not a file: nothing of it was loaded" : "the file cannot be read (permissions?): nothing of it was loaded"),
                    List.of(), 0);
        }
        try {
            return importFile(spec, file).timed((System.nanoTime() - start) / 1e9);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceFirst("^[A-Za-z ]*Error: ", "");
            return new FileReport(spec.fileName(), 0, 0, 0, List.of(),
                    List.of("the file could not be read as CSV, nothing of it was loaded (" + message.strip() + ")"), List.of(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    FileReport importFile(FileSpec spec, Path file) throws IOException, SQLException {
        return importFile(spec, file, false);
    }

    /** {@code transcoded}: the file is already the UTF-8 copy of a UTF-16 or Windows-1252 original (see {@link Encoding}). */
    private FileReport importFile(FileSpec spec, Path file, boolean transcoded) throws IOException, SQLException {
        if (!transcoded && Encoding.isUtf16(file)) {
            return throughUtf8Copy(spec, file, StandardCharsets.UTF_16, "the file is UTF-16 (a spreadsheet's \"Unicode text\"): it was"
                    + " read in that encoding");
        }
        String fileName = spec.fileName();
        var header = CsvHeader.read(file);
        if (header.isEmpty()) {
            return new FileReport(fileName, 0, 0, 0, List.of(), List.of("the file is empty (no header row)"), List.of(), 0);
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
        char delimiter = header.get().delimiter();
        List<String> separatorNote = delimiter == ',' ? List.of() : List.of("the fields are separated by '"
                + (delimiter == '\t' ? "tab" : String.valueOf(delimiter)) + "', not ',' (data contract): read so"
                + (delimiter == ';' ? ", numbers with a decimal comma (87,5 and 1.234,5) too" : ""));

        database.execute("DROP TABLE IF EXISTS " + CHECKED);
        database.execute("DROP TABLE IF EXISTS " + REJECTS);
        database.execute("DROP TABLE IF EXISTS " + REJECTS + "_scan");
        try {
            // Parsed and checked straight from the reader: the file's text is never copied into the
            // database, only the typed row and, for a bad row, its raw line.
            ValidationQuery validation = new ValidationQuery(dialect, spec, header.get(), options);
            Sql check = validation.createChecked(CHECKED, dialect.readCsvAsText(file, names.size(), REJECTS, delimiter), names.size());
            database.executeWithProgress(check, percent -> progress.accept(fileName, percent));
            if (!transcoded && database.queryLong(dialect.encodingRejects(REJECTS)) > 0 && Encoding.looksSingleByte(file)) {
                return throughUtf8Copy(spec, file, Encoding.WINDOWS_1252, "the file is not UTF-8 but Windows-1252 (Latin-1, as"
                        + " spreadsheets on Windows save CSV): it was read in that encoding; save it as UTF-8 to be sure");
            }
            Sql accountCheck = validation.accountCheck(CHECKED);
            if (accountCheck != null) {
                database.execute(accountCheck);
            }
            for (FileSpec.Reference reference : spec.references()) {
                checkReference(reference);
            }
            markDuplicates(spec);
            for (FileSpec.UniqueValue unique : spec.uniqueValues()) {
                markRepeatedValues(spec, unique);
            }
            quarantine.recoverRawLines(file, names.size(), delimiter);
            List<String> notes = new ArrayList<>(separatorNote);
            notes.addAll(strayTimestamps(spec));
            long[] counts = quarantineAndLoad(spec, file, names.size(), delimiter);
            if (spec == DataContract.CONTACTS) {
                notes.addAll(sharedEmails());
            }
            return new FileReport(fileName, counts[0] + counts[1], counts[1], counts[0], ignored, problems, notes, 0);
        } finally {
            database.execute("DROP TABLE IF EXISTS " + CHECKED);
        }
    }

    /** Imports a UTF-8 copy of a file whose text is in another encoding, and says so ({@code note}). */
    private FileReport throughUtf8Copy(FileSpec spec, Path file, Charset encoding, String note) throws IOException, SQLException {
        Path utf8 = Files.createTempFile("pulse-utf8-", ".csv");
        try {
            Encoding.toUtf8(file, encoding, utf8);
            return importFile(spec, utf8, true).withFirstNote(note);
        } finally {
            Files.deleteIfExists(utf8);
        }
    }

    /**
     * Timestamps of good rows before 1990 or more than a year from now: valid by the contract, so they
     * load, but one such row (a 1900 or 1970 placeholder) stretches every breakdown by period over
     * decades, so the import says so.
     */
    private List<String> strayTimestamps(FileSpec spec) throws SQLException {
        List<ColumnSpec> timestamps = spec.columns().stream().filter(c -> c.type() == ColumnType.TIMESTAMP).toList();
        if (timestamps.isEmpty()) {
            return List.of();
        }
        LocalDate early = LocalDate.of(1990, 1, 1);
        LocalDate late = LocalDate.now(clock.withZone(zone)).plusYears(1);
        List<String> aggregates = new ArrayList<>();
        List<Object> binds = new ArrayList<>();
        for (int i = 0; i < timestamps.size(); i++) {
            String name = dialect.identifier(timestamps.get(i).name());
            String type = timestamps.get(i).type().sqlType();
            aggregates.add(dialect.countWhere(name + " < CAST(? AS " + type + ")") + " AS before_" + i);
            aggregates.add("CAST(min(" + name + ") AS VARCHAR) AS earliest_" + i);
            aggregates.add(dialect.countWhere(name + " > CAST(? AS " + type + ")") + " AS after_" + i);
            aggregates.add("CAST(max(" + name + ") AS VARCHAR) AS latest_" + i);
            binds.add(early.toString());
            binds.add(late.toString());
        }
        Map<String, Object> found = database.query(new Sql("SELECT " + String.join(", ", aggregates) + " FROM " + CHECKED
                + " WHERE reason IS NULL", binds)).get(0);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < timestamps.size(); i++) {
            String name = timestamps.get(i).name();
            long before = ((Number) found.get("before_" + i)).longValue();
            long after = ((Number) found.get("after_" + i)).longValue();
            if (before > 0) {
                notes.add(name + ": " + before + (before == 1 ? " row" : " rows") + " before " + early
                        + " (earliest " + found.get("earliest_" + i) + "); loaded, but breakdowns by period reach back to them");
            }
            if (after > 0) {
                notes.add(name + ": " + after + (after == 1 ? " row" : " rows") + " after " + late
                        + " (latest " + found.get("latest_" + i) + "); loaded, but breakdowns by period reach forward to them");
            }
        }
        return notes;
    }

    /** In one transaction: the bad rows to the quarantine, the good ones to the table; {quarantined, loaded}. */
    private long[] quarantineAndLoad(FileSpec spec, Path file, int fileColumns, char delimiter) throws SQLException, IOException {
        long[] counts = database.inTransaction(() -> new long[]{quarantine.move(spec, file, fileColumns, delimiter), load(spec)});
        database.execute(dialect.checkpoint());
        return counts;
    }

    /** Adds a reason to the checked rows whose reference names no stored row of the other table. */
    private void checkReference(FileSpec.Reference reference) throws SQLException {
        String column = dialect.identifier(reference.column());
        String message = dialect.stringLiteral(reference.column() + ": '") + " || " + column + " || "
                + dialect.stringLiteral("' is not a " + reference.keyColumn().replace("_id", "") + " of " + reference.file());
        database.execute(Sql.of("UPDATE " + CHECKED + " SET reason = " + dialect.concatSkippingNulls("; ", List.of("reason", message))
                + " WHERE " + column + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + reference.table() + " r WHERE r."
                + dialect.identifier(reference.keyColumn()) + " = " + CHECKED + "." + column + ")"));
    }

    /**
     * The valid rows whose value an earlier valid row of the same group in this file has, or a stored
     * row of the group whose key this file does not replace.
     */
    private void markRepeatedValues(FileSpec spec, FileSpec.UniqueValue unique) throws SQLException {
        String group = dialect.identifier(unique.groupColumn());
        String value = dialect.identifier(unique.valueColumn());
        String replaced = spec.keyColumns().stream().map(k -> "c." + dialect.identifier(k) + " = s." + dialect.identifier(k))
                .collect(Collectors.joining(" AND "));
        database.execute(Sql.of("UPDATE " + CHECKED + " SET reason = ? WHERE rowid IN ("
                + "SELECT rn FROM (SELECT rowid AS rn, row_number() OVER (PARTITION BY " + group + ", lower(" + value + ") ORDER BY rowid) AS k"
                + " FROM " + CHECKED + " WHERE reason IS NULL AND " + value + " IS NOT NULL) ranked WHERE k > 1"
                + " UNION ALL SELECT g.rowid FROM " + CHECKED + " g JOIN " + spec.table() + " s ON s." + group + " = g." + group
                + " AND lower(s." + value + ") = lower(g." + value + ")"
                + " WHERE g.reason IS NULL AND NOT EXISTS (SELECT 1 FROM " + CHECKED + " c WHERE c.reason IS NULL AND " + replaced + "))",
                unique.reason()));
    }

    /** The note on e-mails that contacts of more than one account share (allowed: an agency serving two customers). */
    private List<String> sharedEmails() throws SQLException {
        long shared = database.queryLong(Sql.of("SELECT count(*) FROM (SELECT lower(email) FROM contacts GROUP BY lower(email)"
                + " HAVING count(DISTINCT account_id) > 1) e"));
        if (shared == 0) {
            return List.of();
        }
        return List.of("email: " + shared + (shared == 1 ? " address is" : " addresses are") + " shared by contacts of more than one"
                + " account (allowed: an agency serving two customers); each account's contact is kept");
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
                + " WHERE rowid IN (SELECT rn FROM (SELECT rowid AS rn, row_number() OVER (PARTITION BY " + keys + " ORDER BY rowid) AS k"
                + " FROM " + CHECKED + " WHERE reason IS NULL) ranked WHERE k > 1)"));
    }

    private long load(FileSpec spec) throws SQLException {
        List<ColumnSpec> categories = spec.columns().stream().filter(c -> c.type() == ColumnType.CATEGORY).toList();
        for (ColumnSpec category : categories) {
            String column = dialect.identifier(category.name());
            database.execute(Sql.of("INSERT INTO " + Schema.SPELLINGS + " SELECT ?, lower(" + column + "), arg_min(" + column + ", rowid)"
                    + " FROM " + CHECKED + " WHERE reason IS NULL AND " + column + " IS NOT NULL"
                    + " AND lower(" + column + ") NOT IN (SELECT key FROM " + Schema.SPELLINGS + " WHERE dimension = ?)"
                    + " GROUP BY lower(" + column + ")", category.name(), category.name()));
        }
        if (database.queryLong(Sql.of("SELECT count(*) FROM " + spec.table())) == 0) {
            return becomeTable(spec);
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

    /**
     * The first import of a file: the checked table, its bad rows (already quarantined) and working
     * columns removed, becomes the table itself. Ten million rows are then written once, by the
     * statement that parsed them, instead of a second time by an insert.
     */
    private long becomeTable(FileSpec spec) throws SQLException {
        for (ColumnSpec column : spec.columns()) {
            if (column.type() == ColumnType.CATEGORY && needsRespelling(column)) {
                String name = dialect.identifier(column.name());
                database.execute(Sql.of("UPDATE " + CHECKED + " SET " + name + " = s.display FROM " + Schema.SPELLINGS + " s"
                        + " WHERE s.dimension = ? AND s.key = lower(" + CHECKED + "." + name + ") AND s.display <> " + CHECKED + "." + name,
                        column.name()));
            }
        }
        database.execute("DELETE FROM " + CHECKED + " WHERE reason IS NOT NULL");
        for (String working : List.of("reason", "raw")) {
            database.execute("ALTER TABLE " + CHECKED + " DROP COLUMN " + working);
        }
        database.execute("DROP TABLE " + spec.table());
        database.execute("ALTER TABLE " + CHECKED + " RENAME TO " + spec.table());
        return database.queryLong(Sql.of("SELECT count(*) FROM " + spec.table()));
    }

    /** Whether some value of a category column is spelled otherwise than its first-seen spelling (a join is needed). */
    private boolean needsRespelling(ColumnSpec column) throws SQLException {
        String name = dialect.identifier(column.name());
        return database.queryLong(Sql.of("SELECT count(*) FROM (SELECT DISTINCT " + name + " AS v FROM " + CHECKED
                + " WHERE reason IS NULL AND " + name + " IS NOT NULL) d JOIN " + Schema.SPELLINGS
                + " s ON s.dimension = ? AND s.key = lower(d.v) WHERE s.display <> d.v", column.name())) > 0;
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
