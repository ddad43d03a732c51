package dev.pulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.ingest.CsvImporter;
import dev.pulse.ingest.ImportJson;
import dev.pulse.ingest.FileReport;
import dev.pulse.ingest.ImportResult;
import dev.pulse.metrics.Catalogue;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.CommentStore;
import dev.pulse.voc.ThemeTaxonomy;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a data folder (accounts.csv, tickets.csv, ... as in the data contract) into the database. "
                + "Rows that break the contract are quarantined; loading the same folder again changes nothing.")
public final class ImportCommand implements Callable<Integer> {
    private static final long PROGRESS_BAR_BYTES = 32L << 20;

    @Parameters(index = "0", paramLabel = "DIR", description = "The data folder.")
    Path folder;

    @Mixin
    Options options = new Options();

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    private final Clock clock;

    ImportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        PulseConfig config = options.loadConfig(Catalogue.standard());
        ImportResult result = run(folder, options.database, config, clock, !json && System.console() != null);
        CommentStore.Update comments = analyseComments(options.database, config, json ? null : System.out::println);
        print(result, comments, json, System.out);
        if (!result.filesWithNothingLoaded().isEmpty()) {
            System.err.println("pulse: nothing was loaded from " + String.join(", ", result.filesWithNothingLoaded().stream()
                    .map(FileReport::file).toList()) + ": see the reasons above");
            return 2;
        }
        return 0;
    }

    /** Analyses the comments not analysed yet (language, sentiment, themes) and stores the results. */
    static CommentStore.Update analyseComments(Path database, PulseConfig config, Consumer<String> progress) throws Exception {
        try (Database db = Options.open(database, config)) {
            return new CommentStore(db, new CommentAnalyzer(new ThemeTaxonomy(config.themes()))).update(progress);
        }
    }

    /** Imports a folder; an import that fails before anything was stored leaves no database behind when there was none before. */
    static ImportResult run(Path folder, Path database, PulseConfig config, Clock clock, boolean progressBars) throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new CsvImporter.ImportException(folder + (Files.exists(folder) ? " is a file; pulse import takes the data folder that holds it"
                    : " does not exist") + " (a folder with accounts.csv, tickets.csv, ...)");
        }
        Options.requireDatabaseFile(database);
        boolean existed = Files.exists(database);
        try (Database db = Options.open(database, config); Progress progress = new Progress(folder, progressBars)) {
            return new CsvImporter(db, config.zone(), config.importOptions(), clock, progress).importFolder(folder, Options.quarantineCsv(database));
        } catch (Exception e) {
            if (!existed) {
                Files.deleteIfExists(database);
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + ".wal"));
                Files.deleteIfExists(Options.quarantineCsv(database));
            }
            throw e;
        }
    }

    static void print(ImportResult result, CommentStore.Update comments, boolean json, PrintStream out) throws Exception {
        if (json) {
            out.println(ImportJson.of(result, comments.analysed(), comments.total(), comments.seconds()));
            return;
        }
        out.printf("%-20s %12s %12s %12s%n", "file", "read", "loaded", "quarantined");
        for (FileReport file : result.files()) {
            out.printf("%-20s %,12d %,12d %,12d%n", file.file(), file.read(), file.loaded(), file.quarantined());
            for (String column : file.ignoredColumns()) {
                out.println("    ignored column: " + column);
            }
            for (String problem : file.problems()) {
                out.println("    problem: " + problem);
            }
            for (String note : file.notes()) {
                out.println("    note: " + note);
            }
            for (ImportResult.ReasonCount reason : result.commonReasons().getOrDefault(file.file(), List.of())) {
                out.printf("    quarantined: %,d %s: %s%n", reason.rows(), reason.rows() == 1 ? "row" : "rows", reason.reason());
            }
            if (file.loaded() == 0 && result.filesWithNothingLoaded().contains(file)) {
                out.println("    nothing of this file was loaded");
            }
        }
        for (String file : result.unknownFiles()) {
            out.println("ignored file (not part of the data contract): " + file);
        }
        out.printf("%,d %s loaded in %.1f s", result.loaded(), result.loaded() == 1 ? "row" : "rows", result.seconds());
        if (result.quarantined() > 0) {
            out.printf("; %,d %s quarantined: see %s (and the table 'quarantine')%n", result.quarantined(),
                    result.quarantined() == 1 ? "row" : "rows", result.quarantineCsv());
        } else {
            out.println("; no row quarantined.");
        }
        out.printf("%,d new comments analysed (language, sentiment, themes)%s; %,d in all (%.1f s)%n", comments.analysed(),
                comments.redone() ? ", all of them again because the theme taxonomy or the analyser changed" : "", comments.total(), comments.seconds());
    }

    /** A progress bar per large file, on a terminal only. */
    private static final class Progress implements BiConsumer<String, Double>, AutoCloseable {
        private final Path folder;
        private final boolean enabled;
        private final Map<String, ProgressBar> bars = new HashMap<>();

        Progress(Path folder, boolean enabled) {
            this.folder = folder;
            this.enabled = enabled;
        }

        @Override
        public synchronized void accept(String file, Double percent) {
            if (!enabled) {
                return;
            }
            ProgressBar bar = bars.get(file);
            if (bar == null) {
                try {
                    if (Files.size(folder.resolve(file)) < PROGRESS_BAR_BYTES || percent >= 100) {
                        return;
                    }
                } catch (java.io.IOException e) {
                    return;
                }
                bar = new ProgressBarBuilder().setTaskName("reading " + file).setInitialMax(100).setUnit("%", 1)
                        .setStyle(ProgressBarStyle.ASCII).build();
                bars.put(file, bar);
            }
            bar.stepTo(Math.round(percent));
            if (percent >= 100) {
                bar.close();
            }
        }

        @Override
        public void close() {
            bars.values().forEach(ProgressBar::close);
        }
    }
}
