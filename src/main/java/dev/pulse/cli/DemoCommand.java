package dev.pulse.cli;

import dev.pulse.config.ConfigLoader;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.ingest.ImportResult;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.Scope;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.report.OverviewSections;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.CommentStore;
import dev.pulse.voc.ThemeInsights;
import dev.pulse.voc.VocSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a realistic demo data set, import it, print the latest quarter's headline KPIs against target and write its quarterly report.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "pulse-demo", description = "Folder for the data, configuration and database (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--scale", defaultValue = "1", description = "Data size; 1 = about 200,000 tickets (default: ${DEFAULT-VALUE}).")
    double scale;

    private final Clock clock;

    DemoCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (!(scale > 0)) {
            throw new UserErrors.UserException("--scale must be a number greater than 0 (it was " + scale + ")");
        }
        Options.outputFolder("--out", out);
        PrintStream console = System.out;
        long start = System.nanoTime();
        Path data = out.resolve("data");
        Path configFile = out.resolve("pulse.yaml");
        Path database = out.resolve("pulse.duckdb");
        Files.createDirectories(out);
        DemoDataGenerator.Summary summary = new DemoDataGenerator(GeneratorOptions.standard(scale).withBadRows(24)).generate(data);
        console.printf("Generated %,d tickets, %,d interactions and %,d survey responses into %s (%.1f s)%n", summary.tickets(),
                summary.interactions(), summary.surveys(), data, (System.nanoTime() - start) / 1e9);
        try (InputStream example = DemoCommand.class.getResourceAsStream("demo-pulse.yaml")) {
            Files.copy(example, configFile, StandardCopyOption.REPLACE_EXISTING);
        }
        Catalogue catalogue = Catalogue.standard();
        PulseConfig config = new ConfigLoader(catalogue.names()).load(configFile);
        Files.deleteIfExists(database);
        Files.deleteIfExists(database.resolveSibling(database.getFileName() + ".wal"));
        ImportResult result = ImportCommand.run(data, database, config, clock, System.console() != null);
        CommentStore.Update comments = ImportCommand.analyseComments(database, config, null);
        console.println();
        ImportCommand.print(result, comments, false, console);
        console.println();
        try (Database db = Options.open(database, config)) {
            MetricEngine engine = new MetricEngine(db, catalogue, config, Scope.everything(), clock);
            List<MetricValue> values = engine.compute(new MetricQuery(OverviewSections.KEY_METRICS, List.of("quarter"), null));
            new Headline(catalogue, config).print(values, console);
            console.println();
            CommentAnalyzer analyzer = Options.analyseComments(db, config);
            printVoice(engine, analyzer, console, database);
            printDrivers(engine, console, database);
            console.println();
            printDemoUsers(db, out, console);
            console.println();
            List<Path> report = ReportCommand.write(db, engine, analyzer, null, LocalDate.now(clock.withZone(config.zone())), out.resolve("report"),
                    java.util.EnumSet.allOf(ReportCommand.Format.class), console);
            report.forEach(file -> console.println("  " + file));
            console.println();
            printProgramme(db, database, console);
        }
        // The pulse.yaml beside the database is found without --config.
        console.printf("%nDone in %.1f s. Try:%n  ./pulse metrics --db %s --metric customer_nps,csat,fcr --by quarter,segment%n",
                (System.nanoTime() - start) / 1e9, database);
        return 0;
    }

    /**
     * Demo users, one per role (the partner one for the partner with most customers), with generated
     * passwords written to {@code demo-users.txt} beside the database, readable by its owner only, and
     * printed: a demo's accounts, not anyone's real ones.
     */
    private void printDemoUsers(Database db, Path out, PrintStream console) throws Exception {
        dev.pulse.access.UserStore users = UsersCommand.store(db, clock);
        Object partner = db.query(dev.pulse.engine.Sql.of("SELECT partner_id FROM accounts WHERE partner_id IS NOT NULL"
                + " GROUP BY partner_id ORDER BY count(*) DESC, partner_id LIMIT 1")).stream().findFirst().map(r -> r.get("partner_id"))
                .orElse(null);
        StringBuilder lines = new StringBuilder();
        for (dev.pulse.access.Role role : dev.pulse.access.Role.values()) {
            if (role == dev.pulse.access.Role.PARTNER && partner == null) {
                continue;
            }
            String email = role.id() + "@pulse.demo";
            String password = users.generatePassword();
            users.add("pulse demo", email, role, role == dev.pulse.access.Role.PARTNER ? partner.toString() : null, password);
            lines.append(String.format(java.util.Locale.ROOT, "%-8s %-22s %s%s%n", role.id(), email, password,
                    role == dev.pulse.access.Role.PARTNER ? "   (partner " + partner + ")" : ""));
        }
        Path file = out.resolve("demo-users.txt");
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
        Files.writeString(file, lines.toString());
        console.println("Dashboard: ./pulse serve --db " + out.resolve("pulse.duckdb") + ", then open http://127.0.0.1:8080/ and log in as");
        console.print(lines.toString().lines().map(l -> "  " + l + "\n").collect(java.util.stream.Collectors.joining()));
        console.println("  (also in " + file + ")");
    }

    /** How to run the NPS programme on the demo data: a transactional wave at the end of the data, its answers, its cases. */
    private static void printProgramme(Database db, Path database, PrintStream console) throws Exception {
        Object last = db.query(dev.pulse.engine.Sql.of("SELECT CAST(CAST(max(created_at) AS DATE) + INTERVAL 1 DAY AS DATE) AS d FROM tickets"))
                .get(0).get("d");
        String asOf = last + "T00:00:00Z";
        long contacts = db.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM contacts"));
        console.println("The NPS programme (" + String.format(java.util.Locale.ROOT, "%,d", contacts) + " contacts): plan and send a"
                + " transactional wave, answer in a browser, work the cases");
        console.println("  ./pulse survey plan --db " + database + " --program transactional --as-of " + asOf);
        console.println("  ./pulse survey send --db " + database + " --program transactional --as-of " + asOf
                + "   # .eml files in " + database.resolveSibling("outbox"));
        console.println("  ./pulse serve --db " + database + "   # then open an answer link of an .eml; cases at http://127.0.0.1:8080/cases");
        console.println("  ./pulse cases --db " + database + " --status open");
    }

    /** The key drivers of customer NPS in the latest quarter: the significant ones, most important first. */
    private static void printDrivers(MetricEngine engine, PrintStream console, Path database) throws Exception {
        String quarter = ReportCommand.latestQuarter(engine, null);
        List<dev.pulse.metrics.KeyDrivers.Result> results = dev.pulse.metrics.KeyDrivers.of(engine,
                dev.pulse.metrics.DriverCatalogue.of(engine.config())).compute(dev.pulse.metrics.KeyDrivers.Options.of("customer_nps",
                dev.pulse.metrics.PeriodRange.parse(quarter)));
        List<String> significant = results.stream().filter(dev.pulse.metrics.KeyDrivers.Result::significant).limit(4)
                .map(r -> r.effect() == null ? r.title() : String.format(java.util.Locale.ROOT, "%s (%+.0f NPS)", r.title(), r.effect())).toList();
        console.printf("Key drivers of customer NPS, %s: %s%n", quarter, significant.isEmpty() ? "none significant" : String.join(", ", significant));
        console.printf("  details: ./pulse drivers --db %s --outcome customer_nps --period %s%n", database, quarter);
    }

    /** Three lines of the voice of the customer: volume and language, the themes most praised and most criticised, what is rising. */
    private static void printVoice(MetricEngine engine, CommentAnalyzer analyzer, PrintStream console, Path database)
            throws Exception {
        String quarter = ReportCommand.latestQuarter(engine, null);
        VocSummary summary = VocSummary.build(engine, analyzer, quarter, List.of(), 0);
        long comments = summary.totalComments();
        List<String> languages = summary.commentsByLanguage().entrySet().stream()
                .map(e -> String.format(java.util.Locale.ROOT, "%.0f %% %s", 100.0 * e.getValue() / comments, e.getKey())).toList();
        console.printf("Voice of the customer, %s: %,d comments (%s)%n", quarter, comments, String.join(", ", languages));
        List<ThemeInsights.ThemeStat> praised = summary.topPositive().getOrDefault(java.util.Map.of(), List.of());
        List<ThemeInsights.ThemeStat> criticised = summary.topImprovement().getOrDefault(java.util.Map.of(), List.of());
        console.println("  most praised:    " + String.join(", ", praised.stream().limit(3)
                .map(t -> String.format(java.util.Locale.ROOT, "%s (%,d positive)", t.label(), t.positiveMentions())).toList()));
        console.println("  most criticised: " + String.join(", ", criticised.stream().limit(3)
                .map(t -> String.format(java.util.Locale.ROOT, "%s (%,d negative)", t.label(), t.negativeMentions())).toList()));
        if (!summary.emerging().isEmpty()) {
            console.println("  rising, in no theme: " + String.join(", ", summary.emerging().stream().limit(3)
                    .map(p -> String.format(java.util.Locale.ROOT, "\"%s\" (%.1f %% of comments, was %.1f %%)", p.phrase(), p.sharePct(),
                            p.previousSharePct())).toList()));
        }
        console.printf("  details: ./pulse voc --db %s%n", database);
    }
}
