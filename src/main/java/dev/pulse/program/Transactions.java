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
