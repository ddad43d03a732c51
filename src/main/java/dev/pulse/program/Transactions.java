package dev.pulse.program;

import dev.pulse.engine.Database;

import java.sql.SQLException;

/** Runs work in one database transaction: all of it is stored, or none (a crash half-way leaves nothing half-written). */
final class Transactions {
    private Transactions() {
    }

    interface Work<T> {
        T run() throws SQLException, ProgramException;
    }

    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** The same for work that only talks to the database. */
    static <T> T sql(Database database, SqlWork<T> work) throws SQLException {
        try {
            return run(database, work::run);
        } catch (ProgramException e) {
            throw new IllegalStateException("work of SQL alone threw " + e, e);
        }
    }

    static <T> T run(Database database, Work<T> work) throws SQLException, ProgramException {
        boolean autoCommit = database.connection().getAutoCommit();
        database.connection().setAutoCommit(false);
        try {
            T result = work.run();
            database.connection().commit();
            return result;
        } catch (SQLException | ProgramException | RuntimeException e) {
            database.connection().rollback();
            throw e;
        } finally {
            database.connection().setAutoCommit(autoCommit);
        }
    }
}
