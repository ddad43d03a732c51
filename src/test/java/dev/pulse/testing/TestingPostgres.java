package dev.pulse.testing;

import dev.pulse.engine.Database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests: Debian's server binaries (tools/postgres/install puts
 * them there), a cluster in a temporary folder on a free port of 127.0.0.1, started once per test JVM
 * and stopped, its folder deleted, when the JVM exits. Run as root, the server runs as the user
 * postgres (it refuses root). Each {@link #newDatabase} is a fresh database of its own.
 */
public final class TestingPostgres {
    private static TestingPostgres instance;

    private final Path folder;
    private final int port;
    private final boolean asPostgres;
    private final Path bin;
    private int databases;

    private TestingPostgres(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.asPostgres = "root".equals(System.getProperty("user.name"));
        this.folder = Files.createTempDirectory("pulse-pg-");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        if (asPostgres) {
            run(List.of("chown", "postgres", folder.toString()));
        }
        run(server("initdb", "--no-sync", "-A", "trust", "-U", "pulse", "-E", "UTF8", "--locale=C", "-D", folder.resolve("data").toString()));
        run(server("pg_ctl", "-w", "-t", "60", "-D", folder.resolve("data").toString(), "-l", folder.resolve("log").toString(), "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
                "start"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop PostgreSQL"));
    }

    /** The cluster, started on first use. */
    public static synchronized TestingPostgres get() throws IOException, InterruptedException {
        if (instance == null) {
            instance = new TestingPostgres(binaries());
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

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            }
        }
        throw new IllegalStateException("PostgreSQL's server binaries are not installed: run tools/postgres/install (./test does)");
    }

    private List<String> server(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private void stop() {
        try {
            run(server("pg_ctl", "-w", "-D", folder.resolve("data").toString(), "-m", "immediate", "stop"));
        } catch (IOException | InterruptedException e) {
            // the JVM is exiting: the folder goes below either way
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
