package dev.pulse.testing;

import dev.pulse.engine.Database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster for the tests, started by tools/postgres/throwaway (the same script the
 * spec check and the benchmark use: Debian's server binaries, a temporary folder, a free port of
 * 127.0.0.1, run as the user postgres under root) once per test JVM, and stopped, its folder deleted,
 * when the JVM exits. Each {@link #newDatabase} is a fresh database of its own.
 */
public final class TestingPostgres {
    private static final Path SCRIPT = Path.of("tools/postgres/throwaway");
    private static TestingPostgres instance;

    private final String folder;
    private final int port;
    private int databases;

    private TestingPostgres() throws IOException, InterruptedException {
        String[] started = run(SCRIPT.toString(), "start").strip().split(" ");
        this.port = Integer.parseInt(started[0]);
        this.folder = started[1];
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop PostgreSQL"));
    }

    /** The cluster, started on first use. */
    public static synchronized TestingPostgres get() throws IOException, InterruptedException {
        if (instance == null) {
            instance = new TestingPostgres();
        }
        return instance;
    }

    /** The URL of a new, empty database, as a user gives it to --db. */
    public synchronized String newDatabase() throws SQLException {
        String name = "cx" + (++databases);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=pulse")) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        }
        return "postgresql://pulse@127.0.0.1:" + port + "/" + name;
    }

    /** A connection to one of its databases, prepared as for Pulse's own (the domain double, median). */
    public Database open(String url) throws SQLException {
        Database database = Database.openPostgres(url);
        database.preparePulseObjects();
        return database;
    }

    /** Runs the script; its standard output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private void stop() {
        try {
            run(SCRIPT.toString(), "stop", folder);
        } catch (IOException | InterruptedException e) {
            // the JVM is exiting: a temporary folder left behind at worst
        }
    }
}
