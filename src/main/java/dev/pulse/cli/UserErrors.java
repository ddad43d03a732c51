package dev.pulse.cli;

import dev.pulse.config.ConfigException;
import dev.pulse.ingest.CsvImporter;
import dev.pulse.metrics.MetricException;
import picocli.CommandLine;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Turns exceptions into messages: a user error (bad configuration, unknown metric, unreadable
 * folder) is one clear line and exit code 2; anything else is a bug, reported with its trace.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof ConfigException || e instanceof MetricException || e instanceof CsvImporter.ImportException
                || e instanceof UserException) {
            commandLine.getErr().println("pulse: " + e.getMessage());
            return 2;
        }
        if (e instanceof IOException) {
            commandLine.getErr().println("pulse: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
        if (e instanceof SQLException) {
            commandLine.getErr().println("pulse: database error: " + e.getMessage());
            return 3;
        }
        commandLine.getErr().println("pulse: internal error (please report it):");
        e.printStackTrace(commandLine.getErr());
        return 70;
    }

    /** A mistake in what the user asked for, with what to do about it. */
    static final class UserException extends Exception {
        UserException(String message) {
            super(message);
        }
    }
}
