package dev.pulse.voc;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Comment analyses stored in the database, read by the theme metrics, emerging topics and verbatims. */
class TestCommentStore {
    private static final PulseConfig CONFIG = PulseConfig.defaults();

    private static TestingFolder surveys(Path temp, List<String> rows) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,segment", "A1,customer,Enterprise", "P1,partner,");
        List<String> lines = new ArrayList<>(List.of("response_id,account_id,kind,responded_at,score,comment"));
        lines.addAll(rows);
        folder.file("surveys.csv", lines.toArray(String[]::new));
        return folder;
    }

    @Test
    void analysesOnceIncrementallyAndAgainWhenTheTaxonomyChanges(@TempDir Path temp) throws Exception {
        TestingFolder folder = surveys(temp, List.of(
                "R1,A1,nps,2024-11-03T10:00:00Z,10,\"Great support, very fast.\"",
                "R2,A1,nps,2024-11-04T10:00:00Z,2,La factura vino mal otra vez",
                "R3,P1,nps,2024-11-05T10:00:00Z,8,",
                "R4,P1,csat,2024-11-05T10:00:00Z,4,   "));
        try (Database db = folder.open()) {
            folder.importInto(db, CONFIG);
            CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
            CommentStore.Update first = new CommentStore(db, analyzer).update(null);
            assertThat(first.analysed()).isEqualTo(2); // blank comments are not comments
            assertThat(new CommentStore(db, analyzer).update(null).analysed()).isZero();

            folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score,comment",
                    "R5,A1,csat,2024-11-06T10:00:00Z,5,The app is excellent",
                    "R1,A1,nps,2024-11-03T10:00:00Z,3,\"Support was slow, terrible.\""); // R1 re-imported with a new comment
            folder.importInto(db, CONFIG);
            CommentStore.Update second = new CommentStore(db, analyzer).update(null);
            assertThat(second.analysed()).isEqualTo(2);
            assertThat(second.total()).isEqualTo(3);
            assertThat(second.redone()).isFalse();
            assertThat(db.query(Sql.of("SELECT label FROM comment_analysis WHERE response_id = 'R1'")))
                    .extracting(r -> r.get("label")).containsExactly("negative");

            CommentAnalyzer custom = new CommentAnalyzer(new ThemeTaxonomy(List.of(new Theme("app", "App",
                    Map.of(Language.EN, List.of("app"), Language.ES, List.of("app"))))));
            CommentStore.Update redone = new CommentStore(db, custom).update(null);
            assertThat(redone.redone()).isTrue();
            assertThat(redone.analysed()).isEqualTo(3);
            assertThat(db.query(Sql.of("SELECT theme FROM comment_themes"))).extracting(r -> r.get("theme")).containsExactly("app");
            List<Map<String, Object>> rows = db.query(Sql.of("SELECT response_id, language, label FROM comment_analysis ORDER BY 1"));
            assertThat(rows).extracting(r -> r.get("language")).containsExactly("en", "es", "en");
            assertThat(rows).extracting(r -> r.get("label")).containsExactly("negative", "negative", "positive");
        }
    }

    @Test
    void themeMetricsMatchTheStoredAnalyses(@TempDir Path temp) throws Exception {
        TestingFolder folder = surveys(temp, List.of(
                "R1,A1,nps,2024-11-03T10:00:00Z,10,\"Billing is clear, support is great\"",
                "R2,A1,nps,2024-11-04T10:00:00Z,2,The invoice was wrong again",
                "R3,A1,nps,2024-11-05T10:00:00Z,9,Support answered fast",
                "R4,P1,nps,2024-11-05T10:00:00Z,3,Las facturas llegan mal",
                "R5,P1,nps,2024-11-06T10:00:00Z,6,No comment on the portal"));
        try (Database db = folder.open()) {
            folder.importInto(db, CONFIG);
            CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
            new CommentStore(db, analyzer).update(null);
            MetricEngine engine = TestingFolder.engine(db, CONFIG);
            List<MetricValue> values = engine.compute(new MetricQuery(List.of("theme_mentions", "theme_sentiment", "theme_nps"),
                    List.of("theme"), PeriodRange.parse("2024-Q4")));
            MetricValue billing = find(values, "theme_mentions", "billing");
            assertThat(billing.n()).isEqualTo(3); // R1, R2, R4
            double expected = (analyzer.analyze("Billing is clear, support is great").themes().get("billing")
                    + analyzer.analyze("The invoice was wrong again").themes().get("billing")
                    + analyzer.analyze("Las facturas llegan mal").themes().get("billing")) / 3;
            assertThat(find(values, "theme_sentiment", "billing").value()).isCloseTo(expected, within(1e-9));
            // NPS of billing commenters: scores 10, 2, 3 -> 1 promoter, 2 detractors of 3
            assertThat(find(values, "theme_nps", "billing").value()).isCloseTo(100.0 * (1 - 2) / 3, within(1e-9));

            // Every comment metric by hand: five comments, all scored (English and Spanish).
            List<String> texts = List.of("Billing is clear, support is great", "The invoice was wrong again", "Support answered fast",
                    "Las facturas llegan mal", "No comment on the portal");
            List<CommentAnalysis> analyses = texts.stream().map(analyzer::analyze).toList();
            List<MetricValue> overall = engine.compute(new MetricQuery(List.of("comments", "comment_sentiment", "negative_comment_pct",
                    "commented_nps"), List.of(), PeriodRange.parse("2024-Q4")));
            assertThat(overall.get(0).n()).isEqualTo(5);
            assertThat(overall.get(1).value()).isCloseTo(analyses.stream().mapToDouble(CommentAnalysis::sentiment).average().orElseThrow(),
                    within(1e-9));
            long negative = analyses.stream().filter(a -> "negative".equals(a.label())).count();
            assertThat(overall.get(2).value()).isCloseTo(100.0 * negative / 5, within(1e-9));
            assertThat(overall.get(3).value()).isCloseTo(100.0 * (2 - 3) / 5, within(1e-9)); // 10, 9 promoters; 2, 3, 6 detractors
            List<MetricValue> billingShares = engine.compute(new MetricQuery(List.of("theme_positive_pct", "theme_negative_pct"),
                    List.of("theme"), PeriodRange.parse("2024-Q4"))).stream().filter(v -> "billing".equals(v.group().get("theme"))).toList();
            long billingPositive = analyses.stream().filter(a -> a.themes().containsKey("billing"))
                    .filter(a -> "positive".equals(CommentAnalysis.label(a.themes().get("billing")))).count();
            long billingNegative = analyses.stream().filter(a -> a.themes().containsKey("billing"))
                    .filter(a -> "negative".equals(CommentAnalysis.label(a.themes().get("billing")))).count();
            assertThat(billingShares.get(0).value()).isCloseTo(100.0 * billingPositive / 3, within(1e-9));
            assertThat(billingShares.get(1).value()).isCloseTo(100.0 * billingNegative / 3, within(1e-9));
            assertThat(billingPositive).isEqualTo(1); // "Billing is clear" is its own positive clause
            assertThat(billingNegative).isEqualTo(2);

            List<ThemeInsights.ThemeStat> stats = ThemeInsights.compute(engine, "2024-Q4", List.of(), analyzer.taxonomy().labels());
            ThemeInsights.ThemeStat support = stats.stream().filter(s -> s.theme().equals("support_responsiveness")).findFirst().orElseThrow();
            assertThat(support.mentions()).isEqualTo(2);
            assertThat(support.comments()).isEqualTo(5);
            assertThat(support.sharePct()).isCloseTo(40.0, within(1e-9));
            assertThat(support.npsWith()).isCloseTo(100.0, within(1e-9)); // 10 and 9
            assertThat(support.npsWithout()).isCloseTo(100.0 * (0 - 3) / 3, within(1e-9)); // 2, 3, 6
            assertThat(support.shareChange()).isNull(); // no comments in 2024-Q3
        }
    }

    @Test
    void findsARisingTopicOutsideTheThemesAndPicksMaskedVerbatims(@TempDir Path temp) throws Exception {
        List<String> rows = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < 120; i++) { // Q3: ordinary comments
            rows.add(String.format("R%d,A1,csat,2024-08-%02dT10:00:00Z,4,%s", ++id, 1 + i % 28,
                    i % 2 == 0 ? "Support was friendly and quick" : "The invoice was clear"));
        }
        for (int i = 0; i < 120; i++) { // Q4: a third of the comments on eSIM, which no theme covers
            String comment = i % 3 == 0 ? "The eSIM never activates, call me on +56 9 1234 5678"
                    : i % 2 == 0 ? "Support was friendly and quick" : "The invoice was clear";
            rows.add(String.format("R%d,A1,csat,2024-11-%02dT10:00:00Z,2,\"%s\"", ++id, 1 + i % 28, comment));
        }
        TestingFolder folder = surveys(temp, rows);
        try (Database db = folder.open()) {
            folder.importInto(db, CONFIG);
            CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
            new CommentStore(db, analyzer).update(null);
            MetricEngine engine = TestingFolder.engine(db, CONFIG);
            List<EmergingPhrases.Phrase> emerging = EmergingPhrases.find(engine, analyzer, PeriodRange.parse("2024-Q4"),
                    PeriodRange.parse("2024-Q3"), 10, 5);
            assertThat(emerging).isNotEmpty();
            EmergingPhrases.Phrase esim = emerging.get(0);
            assertThat(esim.phrase()).isEqualTo("eSIM");
            assertThat(esim.mentions()).isEqualTo(40);
            assertThat(esim.previousMentions()).isZero();
            assertThat(emerging).extracting(EmergingPhrases.Phrase::phrase).doesNotContain("activates", "call"); // same comments: one topic
            assertThat(esim.example()).contains("[phone]").doesNotContain("1234");

            List<Verbatims.Verbatim> positive = Verbatims.pick(engine, PeriodRange.parse("2024-Q4"), List.of("support_responsiveness"),
                    Map.of("type", "customer"), 3).get("support_responsiveness").get("positive");
            assertThat(positive).hasSize(1); // one distinct text
            assertThat(positive.get(0).text()).isEqualTo("Support was friendly and quick");
            assertThat(Verbatims.pick(engine, PeriodRange.parse("2024-Q4"), List.of("support_responsiveness"),
                    Map.of("type", "partner"), 3).get("support_responsiveness").get("positive")).isEmpty();
        }
    }

    private static MetricValue find(List<MetricValue> values, String metric, String theme) {
        return values.stream().filter(v -> v.metric().equals(metric) && theme.equals(v.group().get("theme"))).findFirst().orElseThrow();
    }
}
