package dev.pulse.cli;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.Scope;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.report.HtmlRenderer;
import dev.pulse.report.MarkdownRenderer;
import dev.pulse.report.PdfRenderer;
import dev.pulse.report.QuarterlyReport;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.report.Report;
import dev.pulse.report.XlsxRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the quarterly CX report (Markdown, self-contained HTML with charts, PDF, XLSX) from the data.")
public final class ReportCommand implements Callable<Integer> {
    public enum Format {
        MD, HTML, PDF, XLSX
    }

    @Mixin
    Options options = new Options();

    @Option(names = "--quarter", description = "The quarter to report, e.g. 2024-Q4 (default: the latest quarter with data).")
    String quarter;

    @Option(names = "--out", defaultValue = "reports", description = "Folder to write report.md, report.html, report.pdf and report.xlsx into"
            + " (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "Comma-separated formats: md, html, pdf, xlsx (default: all four).")
    Set<Format> formats = EnumSet.allOf(Format.class);

    private final Clock clock;

    ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Catalogue catalogue = Catalogue.standard();
        PulseConfig config = options.loadConfig(catalogue);
        if (quarter != null) {
            checkQuarter(quarter);
        }
        Options.outputFolder("--out", out);
        try (Database db = options.openImportedOnAnyEngine(config)) {
            MetricEngine engine = new MetricEngine(db, catalogue, config, Scope.everything(), clock);
            List<Path> written = write(db, engine, Options.analyseComments(db, config), quarter, LocalDate.now(clock.withZone(config.zone())), out, formats, System.out);
            System.out.println("Report written:");
            written.forEach(path -> System.out.println("  " + path));
        }
        return 0;
    }

    /**
     * Builds the report of a quarter (null = the latest with data) and writes it in each format; returns the files.
     *
     * @param analyzer the analyser whose comment analyses the database holds (see Options.analyseComments)
     * @param today    the day the report is dated
     */
    static List<Path> write(Database db, MetricEngine engine, CommentAnalyzer analyzer, String quarter, LocalDate today, Path out,
                            Set<Format> formats, PrintStream log)
            throws MetricException, SQLException, IOException {
        String chosen = quarter != null ? checkQuarter(quarter) : latestQuarter(engine, log);
        requireData(engine, chosen);
        long start = System.nanoTime();
        Report report = new QuarterlyReport(db, engine, analyzer).build(chosen, today);
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        // The PDF is rendered from the HTML; neither is built when only Markdown or XLSX is asked for.
        String html = formats.contains(Format.HTML) || formats.contains(Format.PDF) ? HtmlRenderer.render(report) : null;
        for (Format format : formats) {
            Path file = out.resolve("report." + format.name().toLowerCase(java.util.Locale.ROOT));
            switch (format) {
                case MD -> Files.writeString(file, MarkdownRenderer.render(report));
                case HTML -> Files.writeString(file, html);
                case PDF -> {
                    try (OutputStream stream = Files.newOutputStream(file)) {
                        PdfRenderer.render(html, stream);
                    }
                }
                case XLSX -> {
                    try (OutputStream stream = Files.newOutputStream(file)) {
                        XlsxRenderer.render(report, stream);
                    }
                }
            }
            written.add(file);
        }
        log.printf("Report for %s built in %.1f s%s%n", chosen, (System.nanoTime() - start) / 1e9,
                report.warnings().isEmpty() ? "" : "; " + report.warnings().size() + " configuration warning(s) shown in it:");
        report.warnings().forEach(warning -> log.println("  ! " + warning));
        return written;
    }

    static void requireData(MetricEngine engine, String period) throws MetricException, SQLException {
        QuarterlyReport.requireData(engine, period);
    }

    private static String checkQuarter(String quarter) throws MetricException {
        if (!quarter.matches("\\d{4}-Q[1-4]")) {
            throw new MetricException("--quarter '" + quarter + "' is not a quarter such as 2024-Q4");
        }
        PeriodRange.parse(quarter);
        return quarter;
    }

    static String latestQuarter(MetricEngine engine, PrintStream log) throws MetricException, SQLException {
        return QuarterlyReport.latestQuarter(engine, log == null ? null : log::println);
    }
}
