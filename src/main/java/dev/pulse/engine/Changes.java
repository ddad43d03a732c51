package dev.pulse.engine;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What tells a server that another process changed a PostgreSQL database it serves: a counter per kind
 * of change ({@link #DATA}, {@link #ACCESS}) in the table {@code pulse_changes}, raised by a trigger
 * after every statement that writes one of Pulse's tables, whoever runs it (an import from the command
 * line, another server, a user's own SQL). A server compares the counters with the ones its caches were
 * filled at. On DuckDB, which one process writes at a time, there is nothing to track: the server that
 * holds the file makes every change itself.
 */
public final class Changes {
    /** The stored data: imports, answers, cases, comment analyses. */
    public static final String DATA = "data";
    /** Who may come in: users and API tokens. */
    public static final String ACCESS = "access";
    static final String TABLE = "pulse_changes";

    private Changes() {
    }

    /** Whether the database keeps the counters (PostgreSQL). */
    public static boolean tracked(Database database) {
        return database.dialect() instanceof PostgreSqlDialect;
    }

    /**
     * Makes sure the counters and the trigger exist, and that each of {@code tables} (name to kind) that
     * the database has fires it. Safe to run from several processes at once; nothing on DuckDB.
     */
    public static void track(Database database, Map<String, String> tables) throws SQLException {
        if (!tracked(database)) {
            return;
        }
        database.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (what VARCHAR PRIMARY KEY, version BIGINT NOT NULL)");
        database.execute("INSERT INTO " + TABLE + " VALUES ('" + DATA + "', 0), ('" + ACCESS + "', 0) ON CONFLICT DO NOTHING");
        // created only when missing: CREATE OR REPLACE from two processes at once fails ("tuple concurrently updated")
        database.execute("DO $$ BEGIN CREATE FUNCTION pulse_changed() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
                + " UPDATE " + TABLE + " SET version = version + 1 WHERE what = TG_ARGV[0]; RETURN NULL; END $f$;"
                + " EXCEPTION WHEN duplicate_function THEN NULL; END $$");
        List<Map<String, Object>> rows = database.query(Sql.of("SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_trigger t"
                + " WHERE t.tgrelid = c.oid AND t.tgname = 'pulse_changed') AS fires FROM pg_class c"
                + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"));
        for (Map<String, Object> row : rows) {
            String kind = tables.get((String) row.get("name"));
            if (kind != null && !Boolean.TRUE.equals(row.get("fires"))) {
                database.execute("DO $$ BEGIN CREATE TRIGGER pulse_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                        + database.dialect().identifier((String) row.get("name")) + " FOR EACH STATEMENT EXECUTE FUNCTION pulse_changed('"
                        + kind + "'); EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            }
        }
    }

    /** The counters, by kind (one query: {@link #track} must have run); an empty map where nothing is tracked. */
    public static Map<String, Long> versions(Database database) throws SQLException {
        if (!tracked(database)) {
            return Map.of();
        }
        Map<String, Long> versions = new java.util.TreeMap<>();
        for (Map<String, Object> row : database.query(Sql.of("SELECT what, version FROM " + TABLE))) {
            versions.put((String) row.get("what"), ((Number) row.get("version")).longValue());
        }
        return versions;
    }

    /** Raises the counter of {@code kind}: for a change the triggers do not see (tables made anew). */
    public static void bump(Database database, String kind) throws SQLException {
        if (tracked(database)) {
            database.execute(Sql.of("UPDATE " + TABLE + " SET version = version + 1 WHERE what = ?", kind));
        }
    }
}
