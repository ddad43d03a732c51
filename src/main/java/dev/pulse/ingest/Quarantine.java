package dev.pulse.ingest;

import dev.pulse.engine.Database;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.Sql;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.LongStream;

import static java.util.Objects.requireNonNull;

/**
 * The quarantine of an import: the rows of a file that break the contract, with the file's own line
 * number, every reason and the raw row, kept in the table {@code quarantine} and written beside the
 * database as CSV. Works on the importer's checked table (typed rows, reason, raw line for the rows
 * the parse found bad; row id = the record's index among the well-formed records) and on the
 * reader's table of records it could not split into fields.
 */
final class Quarantine {
    private static final String LINES = "pulse_lines";

    private final Database database;
    private final Dialect dialect;
    private final String checked;
    private final String rejects;

    Quarantine(Database database, String checked, String rejects) {
        this.database = requireNonNull(database, "database is null");
        this.dialect = database.dialect();
        this.checked = requireNonNull(checked, "checked is null");
        this.rejects = requireNonNull(rejects, "rejects is null");
    }

    /**
     * The raw line of the rows that only the later checks (account, duplicate key) found bad: the
     * first pass keeps raw text for the rows it rejects only. Read again from the file, numbered in
     * the reader's order, which is the checked table's row order. Costs a second read of the file,
     * and only when such rows exist.
     */
    void recoverRawLines(Path file, int fileColumns, char delimiter) throws SQLException {
        String missing = "SELECT rowid FROM " + checked + " WHERE reason IS NOT NULL AND raw IS NULL";
        if (database.queryLong(Sql.of("SELECT count(*) FROM (" + missing + ") m")) == 0) {
            return;
        }
        database.execute(new Sql.Builder()
                .add("UPDATE " + checked + " SET raw = f.raw FROM (SELECT rn, " + ValidationQuery.rawLine(dialect, fileColumns) + " AS raw"
                        + " FROM (SELECT row_number() OVER () - 1 AS rn, * FROM ")
                .add(dialect.readCsvAsText(file, fileColumns, null, delimiter))
                .add(") r WHERE rn IN (" + missing + ")) f WHERE " + checked + ".rowid = f.rn")
                .build());
    }

    /** Moves the bad rows of the file into the quarantine, replacing what an earlier import of it left there. */
    long move(FileSpec spec, Path file, int fileColumns, char delimiter) throws SQLException, IOException {
        database.execute(Sql.of("DELETE FROM " + Schema.QUARANTINE + " WHERE file = ?", spec.fileName()));
        LongStream.Builder badRows = LongStream.builder();
        database.stream(Sql.of("SELECT rowid FROM " + checked + " WHERE reason IS NOT NULL ORDER BY rowid"),
                row -> badRows.add(row.getLong(1)));
        LongStream.Builder rejectedAt = LongStream.builder();
        database.stream(dialect.structuralRejects(rejects), row -> rejectedAt.add(row.getLong("position")));
        long[] rows = badRows.build().toArray();
        long[] rejectPositions = rejectedAt.build().toArray();
        if (rows.length == 0 && rejectPositions.length == 0) {
            return 0;
        }
        RecordLines.Lines lines = RecordLines.find(file, delimiter, rows, rejectPositions);
        Path table = Files.createTempFile("pulse-lines", ".csv");
        try {
            try (var out = new PrintWriter(Files.newBufferedWriter(table))) {
                out.println("kind,index,line");
                for (int i = 0; i < rows.length; i++) {
                    out.println("row," + rows[i] + "," + lines.wellFormed()[i]);
                }
                for (int i = 0; i < rejectPositions.length; i++) {
                    out.println("reject," + i + "," + lines.rejected()[i]);
                }
            }
            database.execute("DROP TABLE IF EXISTS " + LINES);
            database.execute(new Sql.Builder().add("CREATE TEMP TABLE " + LINES + " AS SELECT c0 AS kind, CAST(c1 AS BIGINT) AS idx,"
                    + " NULLIF(CAST(c2 AS BIGINT), 0) AS line FROM ").add(dialect.readCsvAsText(table, 3, null)).build());
        } finally {
            Files.deleteIfExists(table);
        }
        long bad = database.execute(Sql.of("INSERT INTO " + Schema.QUARANTINE + " SELECT ?, l.line, q.reason, q.raw"
                + " FROM (SELECT rowid AS rn, reason, raw FROM " + checked + " WHERE reason IS NOT NULL) q"
                + " LEFT JOIN " + LINES + " l ON l.kind = 'row' AND l.idx = q.rn", spec.fileName()));
        long structural = database.execute(new Sql.Builder().add(Sql.of("INSERT INTO " + Schema.QUARANTINE + " SELECT ?, l.line, "
                        + structuralReason("r.reason", fileColumns) + ", r.raw_line"
                        + " FROM (SELECT row_number() OVER (ORDER BY position) - 1 AS k, * FROM (", spec.fileName()))
                .add(dialect.structuralRejects(rejects)).add(") s) r LEFT JOIN " + LINES + " l ON l.kind = 'reject' AND l.idx = r.k").build());
        database.execute("DROP TABLE IF EXISTS " + LINES);
        return bad + structural;
    }

    /**
     * What the reader's error types mean for the user, one reason each: a row with too few or too many
     * fields says how many it has against the header's; a quote that is never closed says so (it is not
     * a question of the number of fields); anything else, in the reader's words.
     */
    private static String structuralReason(String readerReason, int fileColumns) {
        String found = "regexp_extract(" + readerReason + ", 'Found: ([0-9]+)', 1)";
        return "CASE WHEN " + readerReason + " LIKE 'MISSING COLUMNS%' OR " + readerReason + " LIKE 'TOO MANY COLUMNS%'"
                + " THEN 'the row has ' || " + found + " || ' fields where the header has " + fileColumns + "'"
                + " WHEN " + readerReason + " LIKE 'UNQUOTED VALUE%' THEN 'a quoted field is never closed (a \" without its closing \"):"
                + " the row runs on to the end of the file or of the reader''s record'"
                + " WHEN " + readerReason + " LIKE 'INVALID ENCODING%' OR " + readerReason + " LIKE 'INVALID UNICODE%'"
                + " THEN 'the row holds bytes that are not UTF-8'"
                + " ELSE 'the row cannot be split into the header''s " + fileColumns + " fields (' || " + readerReason + " || ')' END";
    }

    /** The whole quarantine, every file, as a CSV (file, line, reason, raw). */
    void writeCsv(Path target) throws SQLException {
        database.execute(dialect.copyToCsv(Sql.of("SELECT file, line, reason, raw FROM " + Schema.QUARANTINE + " ORDER BY file, line"),
                target));
    }
}
