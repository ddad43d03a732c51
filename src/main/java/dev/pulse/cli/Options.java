package dev.pulse.cli;

import dev.pulse.ingest.CsvImporter;

import dev.pulse.config.ConfigException;
import dev.pulse.config.ConfigLoader;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.CommentStore;
import dev.pulse.voc.ThemeTaxonomy;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** Options shared by the commands that open a database. */
final class Options {
    @Option(names = "--db", description = "The database: a DuckDB file (default: ${DEFAULT-VALUE}), or a PostgreSQL database,"
            + " postgresql://user@host:port/db (password: PGPASSWORD or ~/.pgpass).", defaultValue = "pulse.duckdb")
    Path database;

    @Option(names = "--config", description = "pulse.yaml with time zone, SLA targets, metric targets "
            + "(default: pulse.yaml beside the --db file, else ./pulse.yaml, else the spec's defaults).")
    Path config;

    /** The configuration: --config, else pulse.yaml beside the database (as pulse demo writes it), else ./pulse.yaml, else the defaults. */
    PulseConfig loadConfig(Catalogue catalogue) throws ConfigException {
        Path file = config;
        Path beside = database.toAbsolutePath().resolveSibling("pulse.yaml");
        if (file == null && Files.isRegularFile(beside)) {
            file = beside;
        }
        if (file == null && Files.isRegularFile(Path.of("pulse.yaml"))) {
            file = Path.of("pulse.yaml");
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), java.util.List.of("the file does not exist"));
        }
        return new ConfigLoader(catalogue.names()).load(file);
    }

    /**
     * Opens the database of --db for a command that reads it: a user error unless it is a Pulse database
     * (a file that exists, opens as DuckDB and holds the tables an import makes).
     */
    Database openImported(PulseConfig config) throws UserErrors.UserException, SQLException {
        requireDatabaseFile(database);
        if (!Files.exists(database)) {
            throw new UserErrors.UserException(database + " does not exist: run 'pulse import DIR --db " + database + "' first");
        }
        Database opened = open(database, config);
        try {
            if (!opened.tableExists("accounts")) {
                throw new UserErrors.UserException(database + " is not a Pulse database (it holds no imported data): run 'pulse import DIR --db "
                        + database + "' first, or name another --db");
            }
            requireKnownSchema(opened);
            String imported = dev.pulse.ingest.Schema.setting(opened, dev.pulse.ingest.CsvImporter.IMPORT_ZONE);
            if (imported != null && !imported.equals(config.zone().getId())) {
                System.err.println("pulse: note: the data was imported with the time zone " + imported + " (timestamps without an offset were"
                        + " read in it); this configuration reports in " + config.zone().getId()
                        + (this.config == null ? " (give --config, or put pulse.yaml beside " + database + ")" : ""));
            }
            return opened;
        } catch (UserErrors.UserException | SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** A user error for a database a newer Pulse wrote: this one might misread it. */
    private static void requireKnownSchema(Database opened) throws UserErrors.UserException, SQLException {
        try {
            dev.pulse.ingest.Migrations.requireKnown(opened);
        } catch (dev.pulse.ingest.Migrations.NewerSchema e) {
            throw new UserErrors.UserException(e.getMessage());
        }
    }

    /** Whether --db names a PostgreSQL database (postgresql://, postgres:// or jdbc:postgresql://; the path folds "//" into "/"). */
    static boolean isPostgres(Path database) {
        return database.toString().matches("(?:jdbc:)?postgres(?:ql)?:/.*");
    }

    /** --db as the PostgreSQL URL the user gave. */
    static String postgresUrl(Path database) {
        return database.toString().replaceFirst("^((?:jdbc:)?postgres(?:ql)?):/+", "$1://");
    }

    /** The URL without its password, for messages. */
    static String shown(String url) {
        return url.replaceFirst("//([^:/@]*):[^@/]*@", "//$1:***@").replaceFirst("password=[^&]*", "password=***");
    }

    /** Connects to the PostgreSQL database of --db; a connection that fails is one line naming it (without its password). */
    static Database openPostgres(Path database) throws UserErrors.UserException {
        String url = postgresUrl(database);
        try {
            return Database.openPostgres(url);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).strip();
            int newline = message.indexOf('\n');
            throw new UserErrors.UserException("--db " + shown(url) + ": cannot use the PostgreSQL database: "
                    + (newline < 0 ? message : message.substring(0, newline)));
        }
    }

    /**
     * Opens the database of --db for a command that reads it and works on PostgreSQL too (metrics,
     * report, voc, drivers, export): a PostgreSQL URL or a DuckDB file.
     */
    Database openImportedOnAnyEngine(PulseConfig config) throws UserErrors.UserException, SQLException {
        if (!isPostgres(database)) {
            return openImported(config);
        }
        Database opened = openPostgres(database);
        try {
            if (!opened.tableExists("accounts")) {
                throw new UserErrors.UserException("--db " + shown(postgresUrl(database)) + " holds no imported data: run 'pulse import DIR --db "
                        + shown(postgresUrl(database)) + "' first");
            }
            requireKnownSchema(opened);
            opened.preparePulseObjects(); // a database imported by an earlier version may lack one
            return opened;
        } catch (UserErrors.UserException | SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * The survey programme's key file (what its links are made from): beside a DuckDB file; for a
     * PostgreSQL database a file of the user's, {@code ~/.config/pulse/HOST-PORT-DATABASE.program-key}
     * ($XDG_CONFIG_HOME if set), never in the database, which holds only the links' hashes. A second
     * machine that sends invitations needs a copy of it.
     */
    static Path programKeyOf(Path database) {
        if (!isPostgres(database)) {
            return dev.pulse.program.Tokens.keyFileOf(database);
        }
        String url = postgresUrl(database).replaceFirst("\\?.*$", "");
        String hostAndDb = url.replaceFirst("^(?:jdbc:)?postgres(?:ql)?://(?:[^@/]*@)?", "");
        String name = hostAndDb.replaceAll("[^A-Za-z0-9_.]+", "-");
        String config = System.getenv("XDG_CONFIG_HOME");
        Path folder = config != null && !config.isBlank() ? Path.of(config) : Path.of(System.getProperty("user.home"), ".config");
        return folder.resolve("pulse").resolve(name + ".program-key");
    }

    /** A user error unless {@code file} can be a DuckDB database file: not a folder, not a server's address. */
    static void requireDatabaseFile(Path file) throws UserErrors.UserException {
        // A URL's "//" is folded by the path: "postgresql://host/db" arrives as "postgresql:/host/db".
        // "jdbc:postgresql://host/db" likewise; a scheme of one letter would be a Windows drive.
        if (file.toString().matches("(?:[A-Za-z][A-Za-z0-9+.-]+:)+/.*")) {
            String scheme = file.toString().replaceFirst("^(?:jdbc:)?([A-Za-z0-9+.-]+):.*", "$1").toLowerCase(java.util.Locale.ROOT);
            throw new UserErrors.UserException("--db " + file.toString().replaceFirst(":/", "://") + ": "
                    + (scheme.equals("postgresql") || scheme.equals("postgres")
                    ? "this command does not work on PostgreSQL; give a DuckDB database file"
                    : "'" + scheme + "' is not an engine Pulse knows; --db takes a DuckDB database file"));
        }
        if (Files.isDirectory(file)) {
            throw new UserErrors.UserException("--db " + file + " is a folder; --db takes a database file, such as " + file.resolve("pulse.duckdb"));
        }
    }

    /** Opens (creating when needed) a DuckDB file; what DuckDB says when it cannot is turned into one line for the user. */
    static Database open(Path file, PulseConfig config) throws SQLException, UserErrors.UserException {
        requireDatabaseFile(file);
        try {
            return Database.openDuckDb(file, config.memoryLimit());
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Could not set lock")) {
                throw new UserErrors.UserException(file + " is in use by another Pulse process (an import or a running server): DuckDB lets one"
                        + " process write a database at a time; try again when it has finished");
            }
            if (message.contains("not a valid DuckDB database")) {
                throw new UserErrors.UserException(file + " is not a DuckDB database file: name another --db");
            }
            throw e;
        }
    }

    /** A user error unless {@code value} is at least {@code minimum}: said before any work is done. */
    static void atLeast(String option, long value, long minimum) throws UserErrors.UserException {
        if (value < minimum) {
            throw new UserErrors.UserException(option + " must be a whole number of at least " + minimum + " (it was " + value + ")");
        }
    }

    /**
     * Makes sure {@code folder} is a folder files can be written into, creating it when needed, before any
     * work is done: a user error otherwise.
     */
    static void outputFolder(String option, Path folder) throws UserErrors.UserException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UserErrors.UserException(option + " " + folder + " is a file; " + option + " takes a folder to write into");
        }
        try {
            Files.createDirectories(folder);
        } catch (java.nio.file.AccessDeniedException | SecurityException e) {
            throw new UserErrors.UserException(option + " " + folder + ": the folder cannot be created there (permission denied)");
        } catch (java.io.IOException e) {
            throw new UserErrors.UserException(option + " " + folder + ": the folder cannot be created there");
        }
        if (!Files.isWritable(folder)) {
            throw new UserErrors.UserException(option + " " + folder + ": the folder is not writable");
        }
    }

    /**
     * Makes sure the stored comment analyses fit this configuration's taxonomy before anything reads
     * them (imports keep them current; a database imported by an older Pulse, or a changed taxonomy,
     * has them made now, said on standard error), and returns the analyser they were made with.
     */
    static CommentAnalyzer analyseComments(Database database, PulseConfig config) throws SQLException, java.io.IOException {
        CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(config.themes()));
        CommentStore.Update update = new CommentStore(database, analyzer).ensureCurrent(System.err::println);
        if (update.redone()) {
            System.err.printf("the theme taxonomy or the analyser changed: all %,d comments analysed again%n", update.total());
        }
        return analyzer;
    }

    /** Where the quarantine CSV of a database goes: beside it. */
    static Path quarantineCsv(Path database) {
        return CsvImporter.quarantineBeside(database);
    }
}
