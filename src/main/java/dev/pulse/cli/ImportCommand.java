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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a data folder (accounts.csv, tickets.csv, ... as in the data contract) into the database. "
                + "Rows that break the contract are quarantined; loading the same folder again changes nothing.")
public final class ImportCommand implements Callable<Integer> {
    private static final long PROGRESS_BAR_BYTES = 32L << 20;

    @Parameters(index = "0", paramLabel = "DIR|FILE", description = "The data folder; or, with --mapping or --suggest-mapping, one CSV file.")
    Path folder;

    @Option(names = "--mapping", paramLabel = "YAML", description = "Import one CSV of any layout through this mapping file"
            + " (which contract file it is, its columns, formats, value maps, encoding, separator).")
    Path mapping;

    @Option(names = "--suggest-mapping", description = "Print a starting mapping file for the CSV, from its header; nothing is imported.")
    boolean suggestMapping;

    @Option(names = "--from", paramLabel = "FORMAT", description = "Read a vendor's export instead of a data folder: zendesk (a folder of the"
            + " Support API's JSON: organizations, users, groups, tickets or tickets.jsonl, ticket_metrics, satisfaction_ratings), freshdesk"
            + " (the ticket export CSV), qualtrics or surveymonkey (a responses export, with --survey-map), genesys (a folder of conversation"
            + " detail records).")
    String from;

    @Option(names = "--source-timezone", paramLabel = "ZONE", description = "With --from freshdesk or surveymonkey: the time zone the export's"
            + " times are in (they carry none; default: the reporting timezone of pulse.yaml), e.g. America/Santiago.")
    String sourceTimezone;

    @Option(names = "--survey-map", paramLabel = "KIND=COLUMN,...", description = "With --from qualtrics or surveymonkey: which question is which kind"
            + " (nps=, csat=, ces=), and comment=, account= (default ExternalReference), email= (default RecipientEmail), program=.")
    String surveyMap;

    @Option(names = "--csat-map", paramLabel = "good=N,bad=N", description = "With --from zendesk: the CSAT (1-5) of a good and a bad"
            + " satisfaction rating (default: good=5,bad=1). With --from freshdesk: LABEL=N for the labels of Survey results"
            + " (default: Awesome=5,Just Okay=3,Not Good=1).")
    String csatMap;

    @Option(names = "--dry-run", description = "Say what would load, what would be quarantined and why; nothing is written.")
    boolean dryRun;

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
        if (suggestMapping) {
            if (!Files.isRegularFile(folder)) {
                throw new UserErrors.UserException("--suggest-mapping: " + folder + " is not a file (give the CSV whose header to map)");
            }
            System.out.print(dev.pulse.ingest.MappingSuggester.suggest(folder));
            return 0;
        }
        boolean postgres = Options.isPostgres(options.database);
        if (!postgres) {
            Options.requireDatabaseFile(options.database); // before a conversion stages its files beside it
        } else {
            Options.openPostgres(options.database).close(); // a server that cannot be reached is said before any work
        }
        PulseConfig config = options.loadConfig(Catalogue.standard());
        Path source = folder;
        Path staged = null;
        try {
            if (mapping != null && from != null) {
                throw new UserErrors.UserException("--mapping and --from: give one (a CSV through your mapping, or a vendor's export)");
            }
            if (mapping != null) {
                staged = stageMapped(folder, mapping, config);
                source = staged;
            } else if (from != null) {
                staged = stageVendor(folder, from, config);
                source = staged;
            } else if (csatMap != null || surveyMap != null || sourceTimezone != null) {
                throw new UserErrors.UserException(csatMap != null ? "--csat-map: only with --from zendesk or freshdesk"
                        : surveyMap != null ? "--survey-map: only with --from qualtrics or surveymonkey"
                        : "--source-timezone: only with --from freshdesk or surveymonkey");
            }
            if (postgres) {
                return intoPostgres(source, config);
            }
            return dryRun ? dryRun(source, config) : importAndPrint(source, config);
        } finally {
            if (staged != null) {
                dev.pulse.ingest.Folders.deleteTree(staged);
            }
        }
    }

    /**
     * Writes the mapped CSV as its contract file into a folder of its own beside the database, to be
     * imported as a data folder; the CSV's line numbers are kept, so a quarantined row names its line.
     */
    private Path stageMapped(Path csv, Path mappingFile, PulseConfig config) throws Exception {
        if (!Files.isRegularFile(csv)) {
            throw new UserErrors.UserException(csv + (Files.isDirectory(csv) ? " is a folder" : " does not exist")
                    + ": --mapping imports one CSV file");
        }
        if (!Files.isRegularFile(mappingFile)) {
            throw new UserErrors.UserException("--mapping: " + mappingFile + " does not exist");
        }
        dev.pulse.ingest.CsvMapping parsed;
        try {
            parsed = dev.pulse.ingest.CsvMapping.parse(mappingFile.toString(),
                    new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(mappingFile.toFile()),
                    config.zone());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserErrors.UserException("--mapping: " + mappingFile + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (dev.pulse.ingest.CsvMapping.MappingException e) {
            throw new UserErrors.UserException("--mapping: " + e.getMessage());
        }
        if (!parsed.encodingOf(csv).equals(parsed.encoding())) {
            System.err.println("pulse: " + csv.getFileName() + " starts with a UTF-8 byte-order mark: read as UTF-8, not " + parsed.encoding().name());
        }
        List<String> missing;
        try {
            missing = parsed.checkHeader(csv.getFileName().toString(), parsed.header(csv));
        } catch (java.io.UncheckedIOException | java.io.IOException e) {
            throw new UserErrors.UserException(csv + ": its header cannot be read as CSV with the mapping's separator and encoding ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")");
        }
        if (!missing.isEmpty()) {
            throw new UserErrors.UserException("--mapping: " + mappingFile + ":\n  - " + String.join("\n  - ", missing));
        }
        long start = System.nanoTime();
        dev.pulse.ingest.CsvMapping.Conversion[] converted = new dev.pulse.ingest.CsvMapping.Conversion[1];
        Path staged = staged("mapped", folder -> {
            try {
                converted[0] = parsed.convert(csv, folder);
            } catch (java.io.UncheckedIOException e) {
                throw new UserErrors.UserException(csv + ": not valid CSV with the mapping's separator and encoding: " + e.getCause().getMessage());
            }
        });
        dev.pulse.ingest.CsvMapping.Conversion conversion = converted[0];
        System.err.printf(java.util.Locale.ROOT, "pulse: %s read as %s through %s: %,d rows (%.1f s); line numbers below are %s's%n",
                csv.getFileName(), parsed.target().fileName(), mappingFile.getFileName(), conversion.rows(), (System.nanoTime() - start) / 1e9,
                csv.getFileName());
        conversion.unreadable().forEach((field, count) -> System.err.printf(java.util.Locale.ROOT,
                "pulse: %,d %s of %s did not match its format: passed on as they were (and quarantined if the contract cannot read them)%n",
                count, count == 1 ? "value" : "values", field));
        return staged;
    }

    /** A vendor's export, written as contract files into a folder of its own beside the database. */
    private Path stageVendor(Path export, String format, PulseConfig config) throws Exception {
        if (format.equalsIgnoreCase("qualtrics") || format.equalsIgnoreCase("surveymonkey")) {
            return stageSurveyExport(export, format.toLowerCase(java.util.Locale.ROOT), config);
        }
        if (surveyMap != null) {
            throw new UserErrors.UserException("--survey-map: only with --from qualtrics or surveymonkey");
        }
        if (sourceTimezone != null && !format.equalsIgnoreCase("freshdesk")) {
            throw new UserErrors.UserException("--source-timezone: only with --from freshdesk or surveymonkey");
        }
        if (format.equalsIgnoreCase("freshdesk")) {
            return stageFreshdesk(export, config);
        }
        if (csatMap != null && !format.equalsIgnoreCase("zendesk")) {
            throw new UserErrors.UserException("--csat-map: only with --from zendesk or freshdesk");
        }
        if (format.equalsIgnoreCase("genesys")) {
            return stageGenesys(export);
        }
        if (!format.equalsIgnoreCase("zendesk")) {
            throw new UserErrors.UserException("--from: '" + format + "' is not a format Pulse reads (zendesk, freshdesk, qualtrics, surveymonkey,"
                    + " genesys; --mapping reads any other CSV)");
        }
        if (!Files.isDirectory(export)) {
            throw new UserErrors.UserException("--from zendesk: " + export + " is not a folder (the export's JSON files: organizations.json,"
                    + " users.json, tickets.json or tickets.jsonl, ticket_metrics.json, satisfaction_ratings.json)");
        }
        dev.pulse.ingest.ZendeskReader.Options zendesk = dev.pulse.ingest.ZendeskReader.Options.defaults();
        if (csatMap != null) {
            java.util.Map<String, Integer> scores = new java.util.HashMap<>();
            for (String part : csatMap.split(",", -1)) {
                String[] pair = part.trim().split("=", -1);
                if (pair.length != 2 || !Set.of("good", "bad").contains(pair[0].trim().toLowerCase(java.util.Locale.ROOT))
                        || !pair[1].trim().matches("[1-5]")) {
                    throw new UserErrors.UserException("--csat-map: '" + csatMap + "' must be good=N,bad=N with N from 1 to 5");
                }
                scores.put(pair[0].trim().toLowerCase(java.util.Locale.ROOT), Integer.parseInt(pair[1].trim()));
            }
            zendesk = new dev.pulse.ingest.ZendeskReader.Options(scores.getOrDefault("good", 5), scores.getOrDefault("bad", 1));
        }
        long start = System.nanoTime();
        dev.pulse.ingest.ZendeskReader.Options scores = zendesk;
        dev.pulse.ingest.ZendeskReader.Conversion[] converted = new dev.pulse.ingest.ZendeskReader.Conversion[1];
        Path staged = staged("zendesk", folder -> converted[0] = dev.pulse.ingest.ZendeskReader.convert(export, folder, scores));
        dev.pulse.ingest.ZendeskReader.Conversion conversion = converted[0];
        System.err.printf(java.util.Locale.ROOT, "pulse: Zendesk export %s read in %.1f s: %s%n", export, (System.nanoTime() - start) / 1e9,
                String.join(", ", conversion.read().entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %,d records", e.getKey(),
                        e.getValue())).toList()));
        conversion.notes().forEach(note -> System.err.println("pulse: " + note));
        System.err.println("pulse: below, accounts are organizations, contacts end users, tickets and csat answers Zendesk's; ids are Zendesk's,"
                + " line numbers those of the converted files");
        return staged;
    }

    /** Freshdesk's ticket export as accounts, contacts, tickets and CSAT answers, in a folder of its own beside the database. */
    private Path stageFreshdesk(Path export, PulseConfig config) throws Exception {
        if (!Files.isRegularFile(export)) {
            throw new UserErrors.UserException("--from freshdesk: " + export + " is not a file (the ticket export CSV)");
        }
        java.util.Map<String, Integer> ratings = dev.pulse.ingest.FreshdeskReader.ratings(csatMap);
        java.time.ZoneId zone = sourceZone(config);
        return staged("freshdesk", folder -> {
            long start = System.nanoTime();
            dev.pulse.ingest.FreshdeskReader.Conversion conversion = dev.pulse.ingest.FreshdeskReader.convert(export, folder, ratings, zone);
            System.err.printf(java.util.Locale.ROOT, "pulse: Freshdesk export %s read in %.1f s: %,d tickets, %,d survey results%n", export,
                    (System.nanoTime() - start) / 1e9, conversion.tickets(), conversion.answers());
            conversion.notes().forEach(note -> System.err.println("pulse: " + note));
            System.err.println("pulse: below, accounts are Freshdesk's companies, tickets and csat answers its tickets and survey results; ids are"
                    + " Freshdesk's, line numbers those of the converted files");
        });
    }

    /** --source-timezone, else the reporting zone. */
    private java.time.ZoneId sourceZone(PulseConfig config) throws UserErrors.UserException {
        if (sourceTimezone == null) {
            return config.zone();
        }
        try {
            return java.time.ZoneId.of(sourceTimezone.trim());
        } catch (java.time.DateTimeException e) {
            throw new UserErrors.UserException("--source-timezone: '" + sourceTimezone + "' is not a time zone (e.g. America/Santiago, Europe/Madrid, UTC)");
        }
    }

    /** Genesys Cloud conversation detail records as interactions.csv, in a folder of its own beside the database. */
    private Path stageGenesys(Path export) throws Exception {
        if (!Files.isDirectory(export)) {
            throw new UserErrors.UserException("--from genesys: " + export + " is not a folder (of conversation detail JSON or JSON Lines files)");
        }
        return staged("genesys", folder -> {
            dev.pulse.ingest.GenesysReader.Conversion conversion = dev.pulse.ingest.GenesysReader.convert(export, folder);
            System.err.printf(java.util.Locale.ROOT, "pulse: Genesys records in %s: %,d conversations, %,d interactions (one per agent who handled one)%n",
                    export, conversion.conversations(), conversion.interactions());
            conversion.notes().forEach(note -> System.err.println("pulse: " + note));
        });
    }

    /** A Qualtrics or SurveyMonkey response export as surveys.csv, in a folder of its own beside the database. */
    private Path stageSurveyExport(Path export, String format, PulseConfig config) throws Exception {
        if (surveyMap == null) {
            throw new UserErrors.UserException("--from " + format + " needs --survey-map, e.g. --survey-map "
                    + (format.equals("qualtrics") ? "nps=Q1,comment=Q2_TEXT" : "\"nps=How likely,comment=What is the primary reason\"")
                    + " (which question is which)");
        }
        if (!Files.isRegularFile(export)) {
            throw new UserErrors.UserException("--from " + format + ": " + export + " is not a file (the responses export)");
        }
        java.util.Map<String, String> map = dev.pulse.ingest.QualtricsReader.surveyMap(surveyMap);
        if (sourceTimezone != null && format.equals("qualtrics")) {
            throw new UserErrors.UserException("--source-timezone: only with --from freshdesk or surveymonkey (a Qualtrics export names its own zone)");
        }
        java.time.ZoneId zone = sourceZone(config);
        return staged(format, folder -> {
            dev.pulse.ingest.QualtricsReader.Conversion conversion = format.equals("qualtrics")
                    ? dev.pulse.ingest.QualtricsReader.convert(export, folder, map, config.zone())
                    : dev.pulse.ingest.SurveyMonkeyReader.convert(export, folder, map, zone);
            System.err.printf(java.util.Locale.ROOT, "pulse: %s export %s: %,d responses, %,d answers%n",
                    format.equals("qualtrics") ? "Qualtrics" : "SurveyMonkey", export.getFileName(), conversion.responses(), conversion.answers());
            conversion.notes().forEach(note -> System.err.println("pulse: " + note));
        });
    }

    /** Writes converted files into a staging folder. */
    private interface Conversion {
        void into(Path folder) throws Exception;
    }

    /**
     * A folder of its own beside the database for a conversion's contract files (imported as a data
     * folder, deleted by call() after); nothing of a failed conversion stays behind.
     */
    private Path staged(String kind, Conversion conversion) throws Exception {
        Path absolute = options.database.toAbsolutePath();
        Path staged = Options.isPostgres(options.database) ? Files.createTempDirectory("pulse-" + kind + "-")
                : Files.createTempDirectory(absolute.getParent(), absolute.getFileName() + "." + kind + "-");
        try {
            conversion.into(staged);
        } catch (Exception e) {
            dev.pulse.ingest.Folders.deleteTree(staged);
            throw e;
        }
        return staged;
    }

    /**
     * An import into PostgreSQL, through {@link dev.pulse.ingest.PostgresStaging}: the same importer on a
     * DuckDB copy of the database's tables, put back in one transaction. Run again (up to three times in
     * all) when an answer or a case's update arrived meanwhile, so that none is lost. The quarantine CSV
     * is written in the current folder, {@code <database>.quarantine.csv}. A dry run writes nothing back.
     */
    private int intoPostgres(Path source, PulseConfig config) throws Exception {
        String url = Options.postgresUrl(options.database);
        try (Database pg = Options.openPostgres(options.database)) {
            if (dryRun) {
                try (dev.pulse.ingest.PostgresStaging staging = dev.pulse.ingest.PostgresStaging.begin(pg, config.memoryLimit(), false)) {
                    ImportResult result = run(source, staging.local(), config, clock, false)
                            .quarantinedIn(dev.pulse.ingest.PostgresStaging.quarantineCsv(pg));
                    System.out.println("dry run: nothing was stored; an import would do this:");
                    print(result, new CommentStore.Update(0, 0, false, 0), json, System.out, true);
                    return result.filesWithNothingLoaded().isEmpty() ? 0 : 2;
                }
            }
            long[] start = new long[1];
            Staged staged = dev.pulse.ingest.PostgresStaging.importAndStore(pg, config.memoryLimit(), local -> {
                ImportResult imported = run(source, local, config, clock, !json && System.console() != null);
                CommentStore.Update comments = analyseComments(local, config, json ? null : System.out::println);
                start[0] = System.nanoTime();
                return new Staged(imported, comments);
            }, retrying -> System.err.println("pulse: " + retrying + ": nothing was stored; importing again on the new data"));
            ImportResult result = staged.result().quarantinedIn(dev.pulse.ingest.PostgresStaging.quarantineCsv(pg));
            print(result, staged.comments(), json, System.out);
            System.err.printf(java.util.Locale.ROOT, "pulse: stored in %s in %.1f s%n", Options.shown(url), (System.nanoTime() - start[0]) / 1e9);
            if (!result.filesWithNothingLoaded().isEmpty()) {
                System.err.println("pulse: nothing was loaded from " + String.join(", ", result.filesWithNothingLoaded().stream()
                        .map(FileReport::file).toList()) + ": see the reasons above");
                return 2;
            }
            return 0;
        } catch (dev.pulse.ingest.PostgresStaging.ChangedMeanwhile e) {
            throw new UserErrors.UserException("--db " + Options.shown(url) + ": " + e.getMessage()
                    + ", three times: nothing was stored; import again when the database is quieter");
        } catch (dev.pulse.ingest.PostgresStaging.ForeignTables e) {
            // tables of these names that Pulse did not make: never replaced
            throw new UserErrors.UserException("--db " + Options.shown(url) + " holds tables Pulse did not make (" + e.getMessage()
                    + "): give Pulse a database of its own (createdb), or a schema of its own (?currentSchema=pulse)");
        }
    }

    /** What an import into PostgreSQL reports. */
    private record Staged(ImportResult result, CommentStore.Update comments) {
    }

    private int importAndPrint(Path source, PulseConfig config) throws Exception {
        ImportResult result = run(source, options.database, config, clock, !json && System.console() != null);
        CommentStore.Update comments = analyseComments(options.database, config, json ? null : System.out::println);
        print(result, comments, json, System.out);
        if (!result.filesWithNothingLoaded().isEmpty()) {
            System.err.println("pulse: nothing was loaded from " + String.join(", ", result.filesWithNothingLoaded().stream()
                    .map(FileReport::file).toList()) + ": see the reasons above");
            return 2;
        }
        return 0;
    }

    /**
     * The import, on a copy of the database in a temporary folder that is deleted after: the summary and
     * the quarantined rows with their reasons are printed; the database and the quarantine file are not touched.
     */
    private int dryRun(Path source, PulseConfig config) throws Exception {
        Options.requireDatabaseFile(options.database);
        Path temp = Files.createTempDirectory("pulse-dry-run-");
        try {
            Path copy = temp.resolve("dry-run.duckdb");
            if (Files.exists(options.database)) {
                try (Database check = Options.open(options.database, config)) {
                    check.execute(dev.pulse.engine.Sql.of("CHECKPOINT")); // the copy holds everything stored
                }
                Files.copy(options.database, copy);
            }
            ImportResult result = run(source, copy, config, clock, false);
            if (json) {
                System.out.println(ImportJson.of(result, 0, 0, 0));
                return 0;
            }
            System.out.println("dry run: nothing was stored; an import would do this:");
            print(result, new CommentStore.Update(0, 0, false, 0), false, System.out, true);
            List<String> files = result.files().stream().map(FileReport::file).toList();
            try (Database db = Options.open(copy, config)) {
                List<java.util.Map<String, Object>> rows = files.isEmpty() ? List.of() : db.query(new dev.pulse.engine.Sql("SELECT file, line, reason FROM "
                        + dev.pulse.ingest.Schema.QUARANTINE + " WHERE file IN (" + String.join(", ", java.util.Collections.nCopies(files.size(), "?"))
                        + ") ORDER BY file, line LIMIT 21", new ArrayList<>(files)));
                if (!rows.isEmpty()) {
                    System.out.println("would be quarantined" + (rows.size() > 20 ? " (the first 20)" : "") + ":");
                    rows.stream().limit(20).forEach(r -> System.out.printf("  %s line %s: %s%n", r.get("file"), r.get("line"), r.get("reason")));
                }
            }
            return result.filesWithNothingLoaded().isEmpty() ? 0 : 2;
        } finally {
            dev.pulse.ingest.Folders.deleteTree(temp);
        }
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
        print(result, comments, json, out, false);
    }

    /** @param dryRun say "would": nothing was stored, no quarantine file was written and no comment analysed */
    static void print(ImportResult result, CommentStore.Update comments, boolean json, PrintStream out, boolean dryRun) throws Exception {
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
        if (dryRun) {
            out.printf("%,d %s would be loaded, %,d quarantined (checked in %.1f s)%n", result.loaded(), result.loaded() == 1 ? "row" : "rows",
                    result.quarantined(), result.seconds());
            return;
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
