package dev.pulse.cli;

import dev.pulse.config.ConfigException;
import dev.pulse.ingest.CsvImporter;
import dev.pulse.metrics.MetricException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Turns exceptions into messages: a user error (bad configuration, unknown metric, unreadable
 * folder) is one clear line and exit code 2; anything else is a bug, said in one line, with its
 * stack trace in a file for the report (never on the screen), and SQL text never shown.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof ConfigException || e instanceof MetricException || e instanceof CsvImporter.ImportException
                || e instanceof UserException || e instanceof dev.pulse.access.UserStore.AccessException
                || e instanceof dev.pulse.program.ProgramException) {
            err.println("pulse: " + e.getMessage());
            return 2;
        }
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            err.println("pulse: " + missing.getFile() + " does not exist");
            return 2;
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            err.println("pulse: " + denied.getFile() + ": permission denied");
            return 2;
        }
        if (e instanceof IOException) {
            err.println("pulse: " + firstLine(e.getMessage()));
            return 2;
        }
        if (e instanceof SQLException) {
            err.println("pulse: the database failed: " + withoutSql(e.getMessage()) + bugReport(e));
            return 3;
        }
        err.println("pulse: internal error, a bug: " + e.getClass().getSimpleName() + bugReport(e));
        return 70;
    }

    /** An option or parameter picocli refused: one line and where to read more, not the whole usage. */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        return 2;
    }

    /** The first line of DuckDB's message without the statement it quotes ("LINE 1: SELECT ..."). */
    static String withoutSql(String message) {
        String first = firstLine(message);
        int line = first.indexOf("LINE ");
        return (line >= 0 ? first.substring(0, line) : first).strip();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Writes the stack trace to a file and says where: a bug report needs it, a user's screen does not. */
    private static String bugReport(Exception e) {
        try {
            Path file = Files.createTempFile("pulse-error-", ".txt");
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            Files.writeString(file, trace.toString());
            return " (please report it with " + file + ")";
        } catch (IOException | RuntimeException ignored) {
            return " (please report it)";
        }
    }

    /** A mistake in what the user asked for, with what to do about it. */
    static final class UserException extends Exception {
        UserException(String message) {
            super(message);
        }
    }
}
