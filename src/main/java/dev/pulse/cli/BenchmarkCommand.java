package dev.pulse.cli;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.ingest.FileReport;
import dev.pulse.ingest.ImportResult;
import dev.pulse.metrics.Catalogue;
import dev.pulse.generate.CommentCorpus;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.CommentStore;
import dev.pulse.voc.ThemeTaxonomy;
import dev.pulse.voc.VocSummary;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.Scope;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure import throughput, a whole-catalogue metrics run by quarter and peak memory on generated data.")
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--tickets", defaultValue = "1000000", description = "Tickets to generate (plus proportional surveys, interactions).")
    long tickets;

    @Option(names = "--dir", defaultValue = "bench-data", description = "Where generated data sets are kept between runs.")
    Path dir;

    @Option(names = "--runs", defaultValue = "3", description = "Metric runs to time (the first one is reported separately).")
    int runs;

    @Option(names = "--comments", description = "Instead of the ticket benchmark: analyse this many survey comments "
            + "(import, language, sentiment, themes, stored) and build a quarter's voice-of-the-customer summary.")
    Long comments;

    private final Clock clock;

    BenchmarkCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Options.atLeast("--tickets", tickets, 1);
        Options.atLeast("--runs", runs, 1);
        if (comments != null) {
            Options.atLeast("--comments", comments, 1);
        }
        Options.outputFolder("--dir", dir);
        if (comments != null) {
            return commentBenchmark();
        }
        double scale = tickets / 200_000.0;
        Path data = dir.resolve("tickets-" + tickets);
        generateOnce(data, "ops_metrics.csv", () -> new DemoDataGenerator(GeneratorOptions.standard(scale)).generate(data));
        Path database = freshDatabase("bench-" + tickets + ".duckdb");
        PulseConfig config = PulseConfig.defaults();
        ImportResult result = ImportCommand.run(data, database, config, clock, false);
        long rows = result.files().stream().mapToLong(FileReport::read).sum();
        long ticketRows = result.files().stream().filter(f -> f.file().equals("tickets.csv")).mapToLong(FileReport::read).sum();
        long bytes = 0;
        try (var files = Files.list(data)) {
            for (Path file : files.toList()) {
                bytes += Files.size(file);
            }
        }
        System.out.printf(Locale.ROOT, "import: %,d rows (%,d tickets, %.0f MB of CSV) in %.2f s = %,.0f rows/s; %,d quarantined%n",
                rows, ticketRows, bytes / 1e6, result.seconds(), rows / result.seconds(), result.quarantined());
        for (FileReport file : result.files()) {
            System.out.printf(Locale.ROOT, "  %-20s %,12d rows %8.2f s%n", file.file(), file.read(), file.seconds());
        }
        CommentStore.Update comments = ImportCommand.analyseComments(database, config, null);
        System.out.printf(Locale.ROOT, "comments: %,d analysed (language, sentiment, themes) and stored in %.2f s = %,.0f comments/s%n",
                comments.analysed(), comments.seconds(), comments.analysed() / comments.seconds());
        Catalogue catalogue = Catalogue.standard();
        try (Database db = Options.open(database, config)) {
            MetricEngine engine = new MetricEngine(db, catalogue, config, Scope.everything());
            MetricQuery query = new MetricQuery(List.copyOf(catalogue.names()), List.of("quarter"), null);
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                List<MetricValue> values = engine.compute(query);
                System.out.printf(Locale.ROOT, "metrics run %d: %d metrics x quarter = %d values in %.2f s%n", run, catalogue.names().size(),
                        values.size(), (System.nanoTime() - start) / 1e9);
            }
            // The spec's own catalogue (metrics.md), without the voice-of-the-customer metrics Pulse adds.
            List<String> spec = catalogue.all().stream()
                    .filter(m -> !m.source().isComments()).map(m -> m.name()).toList();
            long start = System.nanoTime();
            List<MetricValue> values = engine.compute(new MetricQuery(spec, List.of("quarter"), null));
            System.out.printf(Locale.ROOT, "metrics of the spec only: %d metrics x quarter = %d values in %.2f s%n", spec.size(),
                    values.size(), (System.nanoTime() - start) / 1e9);
            drivers(db, engine);
        }
        System.out.printf(Locale.ROOT, "peak memory (resident, JVM + DuckDB): %s%n", peakResident());
        return 0;
    }

    /**
     * Key drivers of customer NPS in 2024-Q4: the whole analysis (every driver, 1,000 resamples), and the
     * plain alternative in the same run, one hand-written DuckDB query of the NPS of answers with and
     * without a P1 incident in the 90 days before them (one driver, no interval, no importance).
     */
    private static void drivers(Database db, MetricEngine engine) throws Exception {
        dev.pulse.metrics.KeyDrivers drivers = dev.pulse.metrics.KeyDrivers.of(engine, dev.pulse.metrics.DriverCatalogue.standard());
        for (int run = 1; run <= 2; run++) {
            long start = System.nanoTime();
            List<dev.pulse.metrics.KeyDrivers.Result> results = drivers.compute(dev.pulse.metrics.KeyDrivers.Options.of("customer_nps",
                    dev.pulse.metrics.PeriodRange.parse("2024-Q4")));
            System.out.printf(Locale.ROOT, "drivers run %d: customer_nps 2024-Q4, %,d answers, %d drivers, 1,000 resamples in %.2f s%n", run,
                    results.isEmpty() ? 0 : results.get(0).respondents(), results.size(), (System.nanoTime() - start) / 1e9);
        }
        long start = System.nanoTime();
        List<java.util.Map<String, Object>> plain = db.query(dev.pulse.engine.Sql.of("WITH r AS (SELECT s.response_id, s.account_id, s.score,"
                + " s.responded_at FROM surveys s JOIN accounts a ON a.account_id = s.account_id WHERE s.kind = 'nps' AND a.type = 'customer'"
                + " AND s.responded_at >= TIMESTAMPTZ '2024-10-01 00:00:00+00' AND s.responded_at < TIMESTAMPTZ '2025-01-01 00:00:00+00'),"
                + " f AS (SELECT r.response_id, r.score, bool_or(t.priority = 'P1') AS p1 FROM r LEFT JOIN tickets t ON t.account_id = r.account_id"
                + " AND t.created_at >= r.responded_at - INTERVAL '90 days' AND t.created_at < r.responded_at GROUP BY r.response_id, r.score)"
                + " SELECT coalesce(p1, false) AS p1, count(*) AS n, 100.0 * (count(*) FILTER (WHERE score >= 9)"
                + " - count(*) FILTER (WHERE score <= 6)) / count(*) AS nps FROM f GROUP BY 1 ORDER BY 1"));
        System.out.printf(Locale.ROOT, "plain alternative: NPS with and without a P1 incident, one hand-written DuckDB query, in %.2f s (%s)%n",
                (System.nanoTime() - start) / 1e9, plain);
    }

    private int commentBenchmark() throws Exception {
        Path data = dir.resolve("comments-" + comments);
        generateOnce(data, "surveys.csv", () -> CommentCorpus.write(data, comments, 42));
        Path database = freshDatabase("bench-comments-" + comments + ".duckdb");
        PulseConfig config = PulseConfig.defaults();
        ImportResult result = ImportCommand.run(data, database, config, clock, false);
        System.out.printf(Locale.ROOT, "import: %,d rows (accounts and survey answers) in %.2f s%n", result.loaded(), result.seconds());
        CommentStore.Update update = ImportCommand.analyseComments(database, config, null);
        System.out.printf(Locale.ROOT, "comments: %,d analysed (language, sentiment, clause-level themes) and stored in %.2f s = %,.0f comments/s "
                + "(%d threads)%n", update.analysed(), update.seconds(), update.analysed() / update.seconds(),
                java.util.concurrent.ForkJoinPool.commonPool().getParallelism() + 1);
        try (Database db = Options.open(database, config)) {
            MetricEngine engine = new MetricEngine(db, Catalogue.standard(), config, Scope.everything());
            CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(config.themes()));
            long start = System.nanoTime();
            VocSummary summary = VocSummary.build(engine, analyzer, "2024-Q4", List.of("type"), 3);
            System.out.printf(Locale.ROOT, "voc summary of 2024-Q4 (themes by type, emerging topics, verbatims): %d theme rows in %.2f s%n",
                    summary.themes().size(), (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "peak memory (resident, JVM + DuckDB): %s%n", peakResident());
        return 0;
    }

    private interface Generation {
        void run() throws Exception;
    }

    /** Generates a data set into {@code data} unless its last-written file is there from an earlier run. */
    private static void generateOnce(Path data, String lastFile, Generation generation) throws Exception {
        if (!Files.isRegularFile(data.resolve(lastFile))) {
            long start = System.nanoTime();
            generation.run();
            System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", data, (System.nanoTime() - start) / 1e9);
        }
    }

    /** A database path in the benchmark folder, emptied of an earlier run's file. */
    private Path freshDatabase(String name) throws java.io.IOException {
        Path database = dir.resolve(name);
        Files.deleteIfExists(database);
        Files.deleteIfExists(database.resolveSibling(database.getFileName() + ".wal"));
        return database;
    }

    /** The process's peak resident set size, from /proc (Linux). */
    static String peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kilobytes = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.0f MB", kilobytes / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }
}
