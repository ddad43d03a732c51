package dev.pulse.cli;

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
    @Option(names = "--db", description = "The DuckDB database file (default: ${DEFAULT-VALUE}).", defaultValue = "pulse.duckdb")
    Path database;

    @Option(names = "--config", description = "pulse.yaml with time zone, SLA targets, metric targets "
            + "(default: ./pulse.yaml when it exists, else the spec's defaults).")
    Path config;

    PulseConfig loadConfig(Catalogue catalogue) throws ConfigException {
        Path file = config;
        if (file == null && Files.isRegularFile(Path.of("pulse.yaml"))) {
            file = Path.of("pulse.yaml");
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), java.util.List.of("the file does not exist"));
        }
        return new ConfigLoader(catalogue.names()).load(file);
    }

    /** A user error unless --db names an existing database: reading commands need an import first. */
    void requireImportedDatabase() throws UserErrors.UserException {
        if (!Files.isRegularFile(database)) {
            throw new UserErrors.UserException(database + " does not exist: run 'pulse import DIR --db " + database + "' first");
        }
    }

    static Database open(Path file, PulseConfig config) throws SQLException {
        return Database.openDuckDb(file, config.memoryLimit());
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
        String name = database.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return database.toAbsolutePath().resolveSibling(stem + ".quarantine.csv");
    }
}
