package dev.pulse.ingest;

import dev.pulse.engine.Database;
import dev.pulse.engine.PostgreSqlDialect;
import dev.pulse.engine.Sql;

import java.sql.SQLException;
import java.util.List;

/**
 * Pulse's own numbered schema migrations, the same for DuckDB and PostgreSQL: each step runs once, in a
 * transaction with the row of {@code pulse_schema} that records it, so a database is at one version or
 * the next, never between. A database whose version is above what this Pulse knows (written by a newer
 * Pulse) is refused before anything reads or writes it.
 *
 * <p>Not Flyway: Flyway has no DuckDB support, and Pulse's tables are generated per dialect from the
 * data contract in Java, so its steps would be Java migrations anyway; one small mechanism serves both
 * engines. Additive changes (a table, an optional contract column) are also made by {@link Schema#create}
 * itself, which every import runs; a step is for what that cannot do (a rename, a new type, a backfill).
 */
public final class Migrations {
    static final String TABLE = "pulse_schema";

    /** What a step does to the database. */
    @FunctionalInterface
    interface Work {
        void run(Database database) throws SQLException;
    }

    record Step(int version, String description, Work work) {
    }

    /** In order; never edit or remove one that has shipped: add the next. */
    static final List<Step> STEPS = List.of(
            new Step(1, "Pulse's tables (the data contract's, quarantine, settings, comment analyses, survey programme)", Schema::create),
            new Step(2, "PostgreSQL: change counters raised by a trigger on each of Pulse's tables", Schema::trackChanges));

    /** A database written by a newer Pulse. */
    public static final class NewerSchema extends Exception {
        NewerSchema(String label, int version) {
            super(label + " has Pulse's schema version " + version + ", made by a newer Pulse; this one knows up to " + latest()
                    + ": use that Pulse, or a new one");
        }
    }

    private Migrations() {
    }

    public static int latest() {
        return STEPS.get(STEPS.size() - 1).version();
    }

    /** The database's schema version: 0 before the first migration (a new database, or one of a Pulse before migrations). */
    public static int version(Database database) throws SQLException {
        if (!database.tableExists(TABLE)) {
            return 0;
        }
        return (int) database.queryLong(Sql.of("SELECT coalesce(max(version), 0) FROM " + TABLE));
    }

    /** Refuses a database of a newer Pulse (for every command, before it reads). */
    public static void requireKnown(Database database) throws SQLException, NewerSchema {
        int version = version(database);
        if (version > latest()) {
            throw new NewerSchema(database.label(), version);
        }
    }

    /**
     * Brings the database to the latest version, then, in a database whose tables an earlier call made,
     * makes what this contract added since ({@link Schema#create}: a table, an optional column); on
     * PostgreSQL two processes doing so wait for each other.
     */
    public static void apply(Database database, java.time.Clock clock) throws SQLException, NewerSchema {
        boolean postgres = database.dialect() instanceof PostgreSqlDialect;
        if (postgres) {
            database.query(Sql.of("SELECT pg_advisory_lock(?)", 0x7075_6d67L)); // "pumg"
        }
        try {
            database.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (version INTEGER, description VARCHAR, applied_at TIMESTAMPTZ)");
            requireKnown(database);
            int at = version(database);
            for (Step step : STEPS) {
                if (step.version() > at) {
                    database.inTransaction(() -> {
                        step.work().run(database);
                        database.execute(Sql.of("INSERT INTO " + TABLE + " VALUES (?, ?, CAST(? AS TIMESTAMPTZ))", step.version(),
                                step.description(), clock.instant().toString()));
                        return null;
                    });
                }
            }
            if (at >= 1) { // else step 1 has just made them, as this contract has them
                Schema.create(database);
            }
        } finally {
            if (postgres) {
                database.query(Sql.of("SELECT pg_advisory_unlock(?)", 0x7075_6d67L));
            }
        }
    }
}
