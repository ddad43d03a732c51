package dev.pulse.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pulse.config.ConfigLoader;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.CommentStore;
import dev.pulse.voc.ThemeTaxonomy;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.testing.TestingFolder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo data's quarterly report: every section filled, every key figure the engine's, all four formats readable. */
class TestQuarterlyReport {
    private static final String QUARTER = "2024-Q4";

    @TempDir
    static Path folder;
    static Database database;
    static MetricEngine engine;
    static PulseConfig config;
    static Report report;

    @BeforeAll
    static void buildReport() throws Exception {
        TestingFolder data = new TestingFolder(folder);
        new DemoDataGenerator(GeneratorOptions.standard(0.1)).generate(data.data());
        config = demoConfig();
        database = data.open();
        data.importInto(database, config);
        engine = TestingFolder.engine(database, config);
        CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(config.themes()));
        new CommentStore(database, analyzer).update(null);
        report = new QuarterlyReport(database, engine, analyzer).build(QUARTER, LocalDate.of(2025, 1, 15));
    }

    @AfterAll
    static void close() throws Exception {
        database.close();
    }

    static PulseConfig demoConfig() throws Exception {
        try (InputStream yaml = TestQuarterlyReport.class.getResourceAsStream("/dev/pulse/cli/demo-pulse.yaml")) {
            return new ConfigLoader(Catalogue.standard().names()).parse("demo-pulse.yaml", new ObjectMapper(new YAMLFactory()).readTree(yaml));
        }
    }

    @Test
    void hasEverySectionOfTheSeedReport() {
        assertThat(report.sections()).extracting(Report.Section::title).containsExactly("Executive summary", "Overall CX performance",
                "Partner experience", "End-customer experience", "Support operations", "Platform performance", "Voice of the customer", "What drives NPS", "Closed loop",
                "Competitive benchmarking", "2025 CX improvement plan", "How to read this report");
        for (String sheet : List.of("Key metrics", "Trend", "Partner NPS by tier", "Partner portal", "Partner support", "NPS by segment",
                "NPS by product", "Journeys", "Channels", "Categories", "SLA response", "SLA resolution", "Platform", "Features", "Competitors", "Industry",
                "Initiatives", "Plan targets")) {
            assertThat(table(sheet).rows()).as(sheet).isNotEmpty();
        }
        assertThat(table("Trend").rows()).hasSize(4);
        assertThat(table("Partner portal").rows().get(0).get(0).text()).isEqualTo("Portal NPS");
        assertThat(table("Competitors").rows()).hasSize(5);
    }

    /** Issue 12: the data's first quarter has nothing earlier to compare with: "no earlier data", never a movement. */
    @Test
    void theFirstQuarterOfTheDataHasNoMovementAgainstAnEmptyQuarter() throws Exception {
        CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(config.themes()));
        Report first = new QuarterlyReport(database, engine, analyzer).build("2023-Q3", LocalDate.of(2023, 10, 15));
        String text = MarkdownRenderer.render(first);
        assertThat(text).doesNotContain("vs 2023-Q2 (").contains("no earlier data");
    }

    /** Issue 12: tiers by rank, ids shown readable or as configured, verbatims that say who wrote them. */
    @Test
    void groupsAreShownAsReadersExpectThem() {
        assertThat(table("Partner NPS by tier").rows()).extracting(row -> row.get(0).text())
                .containsExactly("Platinum", "Gold", "Silver", "Registered");
        assertThat(table("Journeys").rows()).extracting(row -> row.get(0).text()).contains("Technical support", "Billing query")
                .noneMatch(label -> label.contains("_"));
        assertThat(table("Channels").rows()).extracting(row -> row.get(0).text()).contains("Self-service", "Partner portal ticket", "Phone");
        String text = MarkdownRenderer.render(report);
        assertThat(text).containsPattern("\\((customer|partner), (positive|negative), (en|es)\\): “");
        assertThat(text).doesNotContainPattern("\\((positive|negative), (en|es)\\): “");
        // the demo's documentation theme is among both the most praised and the most criticised: said, with why
        assertThat(text).contains("Both praised and criticised: ").contains("a large topic with a divided audience");
    }

    /** Issue 12: in the PDF a figure broke across lines ("+74." / "5"); words with digits are kept whole, spaces still wrap. */
    @Test
    void noFigureBreaksAcrossLines() {
        assertThat(HtmlRenderer.unbroken("+36.7 → +50.0 (stable)")).isEqualTo(
                "<span class=\"nw\">+36.7</span> → <span class=\"nw\">+50.0</span> (stable)");
        assertThat(HtmlRenderer.render(report)).contains("<span class=\"nw\">");
    }

    @Test
    void keyMetricsAreTheEnginesNumbers() throws Exception {
        List<MetricValue> values = engine.compute(new MetricQuery(OverviewSections.KEY_METRICS, List.of(), PeriodRange.parse(QUARTER)));
        Map<String, MetricValue> byMetric = values.stream().collect(Collectors.toMap(MetricValue::metric, v -> v));
        Report.Table table = table("Key metrics");
        assertThat(table.rows()).hasSize(OverviewSections.KEY_METRICS.size());
        for (int i = 0; i < table.rows().size(); i++) {
            String metric = OverviewSections.KEY_METRICS.get(i);
            List<Report.Cell> row = table.rows().get(i);
            MetricValue expected = byMetric.get(metric);
            assertThat(row.get(0).text()).isEqualTo(engine.catalogue().get(metric).orElseThrow().title());
            assertThat(row.get(1).number()).as(metric).isEqualTo(expected.value());
            assertThat(row.get(3).number()).as(metric + " n").isEqualTo((double) expected.n());
            Double target = config.target(metric).flatMap(t -> t.forGroup(Map.of())).orElse(null);
            assertThat(row.get(4).number()).as(metric + " target").isEqualTo(target);
        }
    }

    @Test
    void statusFollowsPolarity() {
        for (List<Report.Cell> row : table("Key metrics").rows()) {
            String metric = row.get(0).text();
            if (row.get(1).number() == null || row.get(4).number() == null || row.get(6).text().isEmpty()) {
                continue;
            }
            double value = row.get(1).number();
            double target = row.get(4).number();
            boolean lowerIsBetter = metric.contains("time") || metric.contains("rate") && !metric.contains("retention")
                    || metric.contains("Cost") || metric.contains("handle");
            boolean met = lowerIsBetter ? value <= target : value >= target;
            assertThat(row.get(6).text()).as(metric).startsWith(met ? "✓" : "✗");
        }
    }

    @Test
    void changesWithoutSignificanceAreNeverArrows() {
        for (Report.Section section : report.sections()) {
            for (Report.Block block : section.blocks()) {
                if (block instanceof Report.Table table) {
                    for (List<Report.Cell> row : table.rows()) {
                        for (Report.Cell cell : row) {
                            if (cell.text().contains("(stable)")) {
                                assertThat(cell.text()).doesNotContain("↑").doesNotContain("↓");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void contradictoryPlanTargetIsFlagged() {
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("report.plan.targets.ces").contains("worse value"));
        List<Report.Cell> ces = table("Plan targets").rows().stream().filter(r -> r.get(0).text().startsWith("Customer Effort")).findFirst()
                .orElseThrow();
        assertThat(ces.get(4).text()).startsWith("⚠");
        assertThat(report.warnings()).noneMatch(w -> w.startsWith("report.plan.targets.customer_nps"));
    }

    @Test
    void voiceOfCustomerHasThemesEmergingTopicsAndMaskedVerbatimsInBothLanguages() throws Exception {
        Report.Section voc = report.sections().stream().filter(s -> s.title().equals("Voice of the customer")).findFirst().orElseThrow();
        assertThat(voc.blocks()).filteredOn(b -> b instanceof Report.Heading).extracting(b -> ((Report.Heading) b).text())
                .contains("Top positive themes (customers)", "Top positive themes (partners)", "Top improvement areas", "Emerging topics",
                        "What customers and partners say");
        // The positive-theme table's mentions are the engine's theme_mentions for the quarter and audience.
        Report.Table customers = table("Positive themes customers");
        assertThat(customers.rows()).isNotEmpty();
        Map<String, String> labels = new ThemeTaxonomy(config.themes()).labels();
        List<MetricValue> mentions = engine.compute(new MetricQuery(List.of("theme_mentions"), List.of("theme", "type"),
                PeriodRange.parse(QUARTER)));
        for (List<Report.Cell> row : customers.rows()) {
            MetricValue engineValue = mentions.stream().filter(v -> "customer".equals(v.group().get("type"))
                    && labels.get(v.group().get("theme")).equals(row.get(0).text())).findFirst().orElseThrow();
            assertThat(row.get(1).text()).endsWith(" of " + String.format(java.util.Locale.ROOT, "%,d", engineValue.n()));
        }
        assertThat(table("Improvement areas").rows()).isNotEmpty();
        // At this small scale the demo's rising eSIM issue (25 comments against 10) is short of the p < 0.001 the
        // emerging-topic test asks, so the report says none rose (TestVocAnalysis checks a clear rise is found).
        int emerging = voc.blocks().indexOf(new Report.Heading("Emerging topics"));
        assertThat(voc.blocks().get(emerging + 1)).isInstanceOfAny(Report.Paragraph.class, Report.Bullets.class);
        List<String> quotes = ((Report.Bullets) voc.blocks().get(voc.blocks().size() - 2)).items();
        assertThat(quotes).anyMatch(q -> q.contains(", en): ")).anyMatch(q -> q.contains(", es): "));
        assertThat(String.join("\n", quotes)).doesNotContainPattern("@[a-z]+\\.cl").doesNotContainPattern("\\d{4} \\d{4}");
    }

    @Test
    void htmlIsSelfContainedWellFormedXhtml() throws Exception {
        String html = HtmlRenderer.render(report);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.replace("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("<svg").doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    @Test
    void pdfHasTheTablesAndTheSymbols() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        PdfRenderer.render(HtmlRenderer.render(report), pdf);
        try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
            assertThat(document.getNumberOfPages()).isGreaterThan(3);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Customer Experience Report 2024-Q4", "Key metrics vs target", "Feature satisfaction", "✓", "±");
        }
    }

    @Test
    void workbookHasASheetPerTableWithNumbers() throws Exception {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        XlsxRenderer.render(report, xlsx);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            List<String> names = workbook.getSheets().map(Sheet::getName).toList();
            assertThat(names).contains("Summary", "Key metrics", "SLA response", "SLA resolution", "Features", "Plan targets");
            List<Row> rows = workbook.findSheet("Key metrics").orElseThrow().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("Metric");
            Double expected = table("Key metrics").rows().get(0).get(1).number();
            assertThat(rows.get(1).getCellAsNumber(1).orElseThrow().doubleValue()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void markdownHasPipeTables() {
        String markdown = MarkdownRenderer.render(report);
        assertThat(markdown).startsWith("# Customer Experience Report 2024-Q4").contains("| Metric | 2024-Q4 |").contains("---:|");
    }

    private static Report.Table table(String sheet) {
        return report.sections().stream().flatMap(s -> s.blocks().stream()).filter(b -> b instanceof Report.Table t && t.sheet().equals(sheet))
                .map(Report.Table.class::cast).findFirst().orElseThrow(() -> new AssertionError("no table " + sheet));
    }
}
