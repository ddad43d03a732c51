package dev.pulse.testing;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.ingest.CsvImporter;
import dev.pulse.ingest.ImportResult;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.Scope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** A data folder in a temporary directory, written file by file, imported into a real DuckDB file. */
public final class TestingFolder {
    private final Path root;
    private final Path data;

    public TestingFolder(Path root) throws IOException {
        this.root = root;
        this.data = Files.createDirectories(root.resolve("data"));
    }

    public TestingFolder file(String name, String... lines) throws IOException {
        Files.writeString(data.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return this;
    }

    public TestingFolder raw(String name, byte[] content) throws IOException {
        Files.write(data.resolve(name), content);
        return this;
    }

    public Path data() {
        return data;
    }

    public Path databaseFile() {
        return root.resolve("cx.duckdb");
    }

    public Path quarantineCsv() {
        return root.resolve("cx.quarantine.csv");
    }

    public Database open() throws SQLException {
        return Database.openDuckDb(databaseFile(), "1GB");
    }

    public ImportResult importInto(Database database, PulseConfig config) throws Exception {
        return new CsvImporter(database, config.zone(), config.importOptions(), TestingClock.CLOCK, (file, percent) -> { }).importFolder(data, quarantineCsv());
    }

    public ImportResult importOnce(PulseConfig config) throws Exception {
        try (Database database = open()) {
            return importInto(database, config);
        }
    }

    public static MetricEngine engine(Database database, PulseConfig config) throws SQLException {
        return new MetricEngine(database, Catalogue.standard(), config, Scope.everything(), TestingClock.CLOCK);
    }
}
