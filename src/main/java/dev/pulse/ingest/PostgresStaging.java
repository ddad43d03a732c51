package dev.pulse.ingest;

import dev.pulse.engine.Changes;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.engine.TableCopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An import into PostgreSQL: Pulse's stored tables are brought into a DuckDB file in a temporary folder,
 * where the importer runs as on any DuckDB file (the same checks, quarantine and idempotent upsert), and
 * {@link #store} puts them back in one PostgreSQL transaction. An advisory lock keeps a second import of
 * the same database waiting meanwhile; readers see the old rows until the commit.
 *
 * <p>Writers other than imports are not made to wait (an answer to a survey, a case's update, from a
 * server or the command line): if one changed the data while the import ran, {@link #store} stores
 * nothing and says so ({@link ChangedMeanwhile}), and the import is run again on the new data, so that no
 * answer is lost under an import's older copy. Users, tokens and the audit log never travel: the
 * importer does not write them.
 */
public final class PostgresStaging implements AutoCloseable {
    /** Advisory lock key of imports ("puls"). */
    private static final long IMPORT_LOCK = 0x7075_6c73L;
    private static final Set<String> NOT_STAGED = Set.of(Schema.USERS, Schema.TOKENS, Schema.AUDIT);

    /** Tables of Pulse's names that Pulse did not make: nothing is done to them. */
    public static final class ForeignTables extends Exception {
        public ForeignTables(List<String> tables) {
            super(String.join(", ", tables));
        }
    }

    /** Another writer changed the data while the import ran: nothing was stored. */
    public static final class ChangedMeanwhile extends Exception {
        ChangedMeanwhile() {
            super("the data changed while the import ran (an answer or a case's update)");
        }
    }

    private final Database pg;
    private final Path folder;
    private final Path local;
    private final Set<String> tables;
    private final long dataVersion;

    private PostgresStaging(Database pg, Path folder, Set<String> tables, long dataVersion) {
        this.pg = pg;
        this.folder = folder;
        this.local = folder.resolve("staging.duckdb");
        this.tables = tables;
        this.dataVersion = dataVersion;
    }

    /** The tables the importer works on in DuckDB: every table of Pulse's but users, tokens and the audit log. */
    static Set<String> staged() {
        Set<String> staged = new java.util.TreeSet<>(Schema.tables());
        staged.removeAll(NOT_STAGED);
        return staged;
    }

    /**
     * Takes the import lock of {@code pg} (waiting for another import to end) and copies its tables into
     * a new DuckDB file; with {@code write}, first makes sure the database has Pulse's objects and tables
     * (a dry run writes nothing).
     */
    public static PostgresStaging begin(Database pg, String memoryLimit, boolean write) throws SQLException, IOException, ForeignTables {
        pg.query(Sql.of("SELECT pg_advisory_lock(?)", IMPORT_LOCK));
        Path folder = null;
        try {
            List<String> present = new ArrayList<>();
            for (String table : Schema.tables()) {
                if (pg.tableExists(table)) {
                    present.add(table);
                }
            }
            if (!present.isEmpty() && !present.contains(Schema.SETTINGS)) {
                throw new ForeignTables(present); // Pulse always makes pulse_settings
            }
            if (write) {
                pg.preparePulseObjects();
                Schema.create(pg); // with their keys, which a copy from DuckDB would not give them
                Schema.trackChanges(pg);
            }
            long version = write ? Changes.versions(pg).getOrDefault(Changes.DATA, 0L) : -1; // a dry run stores nothing
            folder = Files.createTempDirectory("pulse-postgres-import-");
            PostgresStaging staging = new PostgresStaging(pg, folder, staged(), version);
            if (!present.isEmpty()) {
                try (Database duck = Database.openDuckDb(staging.local, memoryLimit)) {
                    TableCopy.toDuckDb(pg, duck, folder, staging.tables);
                }
            }
            return staging;
        } catch (SQLException | IOException | ForeignTables | RuntimeException e) {
            if (folder != null) {
                Folders.deleteTree(folder);
            }
            pg.query(Sql.of("SELECT pg_advisory_unlock(?)", IMPORT_LOCK));
            throw e;
        }
    }

    /** The DuckDB file holding the database's tables, for the importer. */
    public Path local() {
        return local;
    }

    /**
     * Replaces PostgreSQL's tables by the DuckDB file's, in one transaction, unless another writer changed
     * the data since {@link #begin} (then nothing is stored); then refreshes the planner's statistics.
     */
    public void store(String memoryLimit) throws SQLException, IOException, ChangedMeanwhile {
        if (dataVersion < 0) {
            throw new IllegalStateException("begun for a dry run");
        }
        try (Database duck = Database.openDuckDb(local, memoryLimit)) {
            pg.<Void, Exception>inTransaction(() -> {
                // the row lock holds back any other writer's trigger until the commit
                long now = pg.queryLong(Sql.of("SELECT version FROM pulse_changes WHERE what = ? FOR UPDATE", Changes.DATA));
                if (now != dataVersion) {
                    throw new ChangedMeanwhile();
                }
                TableCopy.toPostgres(duck, pg, folder, tables);
                Schema.trackChanges(pg);
                Changes.bump(pg, Changes.DATA);
                return null;
            });
        } catch (SQLException | IOException | ChangedMeanwhile | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // the work throws nothing else
        }
        // fresh statistics for the planner: without them it took the new tables for empty, and the key
        // drivers' window join at 1 M tickets ran for minutes instead of seconds
        for (String table : tables) {
            if (pg.tableExists(table)) {
                pg.execute("ANALYZE " + pg.dialect().identifier(table));
            }
        }
    }

    /** An import's work on the DuckDB copy ({@link #local}): what it reports. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Path local) throws Exception;
    }

    /**
     * An import into PostgreSQL: {@code work} on a DuckDB copy of its tables, then {@link #store}; when
     * another writer changed the data meanwhile, {@code retrying} is told and it is all done again on the
     * new data, three times in all, after which {@link ChangedMeanwhile} is thrown and nothing is stored.
     * The quarantine CSV goes to {@link #quarantineCsv} once the tables are stored.
     */
    public static <T> T importAndStore(Database pg, String memoryLimit, Work<T> work, java.util.function.Consumer<String> retrying)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (PostgresStaging staging = begin(pg, memoryLimit, true)) {
                T result = work.run(staging.local);
                try {
                    staging.store(memoryLimit);
                } catch (ChangedMeanwhile e) {
                    if (attempt == 3) {
                        throw e;
                    }
                    retrying.accept(e.getMessage());
                    continue;
                }
                Files.copy(CsvImporter.quarantineBeside(staging.local), quarantineCsv(pg), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return result;
            }
        }
    }

    /** Where an import into PostgreSQL writes its quarantine CSV: the current folder, {@code <database>.quarantine.csv}. */
    public static Path quarantineCsv(Database pg) throws SQLException {
        return Path.of(pg.query(Sql.of("SELECT current_database() AS name")).get(0).get("name") + ".quarantine.csv").toAbsolutePath();
    }

    /** Deletes the temporary folder and lets the next import in. */
    @Override
    public void close() throws SQLException, IOException {
        try {
            Folders.deleteTree(folder);
        } finally {
            pg.query(Sql.of("SELECT pg_advisory_unlock(?)", IMPORT_LOCK));
        }
    }
}
