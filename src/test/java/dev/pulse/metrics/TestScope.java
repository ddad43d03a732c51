package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.testing.TestingFolder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner's scope is enforced where the engine reads rows: every answer a partner gets from the
 * whole database equals what an analyst gets from a database holding only that partner's rows (its
 * customers' and its own tickets and answers, the interactions of those tickets, nothing else), for
 * every metric, grouping and filter; and asking for another partner's data through a filter or a
 * grouping brings nothing of it.
 */
class TestScope {
    @TempDir
    static Path temp;
    static Database whole;
    static Database own;
    static String partner;
    static MetricEngine scoped;
    static MetricEngine alone;
    static MetricEngine analyst;

    @BeforeAll
    static void load() throws Exception {
        TestingFolder all = new TestingFolder(temp.resolve("all"));
        new DemoDataGenerator(GeneratorOptions.standard(0.05)).generate(all.data());
        partner = busiestPartner(all.data());
        TestingFolder mine = new TestingFolder(temp.resolve("mine"));
        Set<String> accounts = copy(all.data(), mine.data(), "accounts.csv",
                r -> partner.equals(r.get("partner_id")) || partner.equals(r.get("account_id")), "account_id");
        // the partner's contacts too: its tickets name them
        copy(all.data(), mine.data(), "contacts.csv", r -> accounts.contains(r.get("account_id")), "contact_id");
        Set<String> tickets = copy(all.data(), mine.data(), "tickets.csv", r -> accounts.contains(r.get("account_id")), "ticket_id");
        copy(all.data(), mine.data(), "surveys.csv", r -> accounts.contains(r.get("account_id")), "response_id");
        copy(all.data(), mine.data(), "interactions.csv", r -> tickets.contains(r.get("ticket_id")), "interaction_id");
        for (String file : List.of("agent_activity.csv", "qa_reviews.csv", "costs.csv", "ops_metrics.csv")) {
            copy(all.data(), mine.data(), file, r -> false, null);
        }
        PulseConfig config = PulseConfig.defaults();
        whole = all.open();
        all.importInto(whole, config);
        own = mine.open();
        mine.importInto(own, config);
        scoped = new MetricEngine(whole, Catalogue.standard(), config, Scope.partner(partner, 0));
        alone = new MetricEngine(own, Catalogue.standard(), config, Scope.everything());
        analyst = new MetricEngine(whole, Catalogue.standard(), config, Scope.everything());
    }

    @AfterAll
    static void close() throws Exception {
        whole.close();
        own.close();
    }

    /** The partner with the most customers. */
    private static String busiestPartner(Path data) throws Exception {
        Map<String, Integer> customers = new TreeMap<>();
        for (CSVRecord record : read(data.resolve("accounts.csv"))) {
            if (!record.get("partner_id").isEmpty()) {
                customers.merge(record.get("partner_id"), 1, Integer::sum);
            }
        }
        return customers.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    /** Copies the rows of a file that pass {@code keep}; returns their {@code key} values. */
    private static Set<String> copy(Path from, Path to, String file, Predicate<CSVRecord> keep, String key) throws Exception {
        Set<String> keys = new HashSet<>();
        List<String> header;
        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(from.resolve(file))) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        try (Writer writer = Files.newBufferedWriter(to.resolve(file));
             CSVPrinter out = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(writer)) {
            for (CSVRecord record : records) {
                if (keep.test(record)) {
                    out.printRecord(record.toList());
                    if (key != null) {
                        keys.add(record.get(key));
                    }
                }
            }
        }
        return keys;
    }

    private static List<String> rowMetrics() {
        return Catalogue.standard().all().stream().filter(m -> !m.source().isComments()).map(MetricDefinition::name).toList();
    }

    private static void assertSame(List<MetricValue> actual, List<MetricValue> expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            MetricValue a = actual.get(i);
            MetricValue e = expected.get(i);
            String where = what + ": " + e.metric() + " " + e.group();
            assertThat(a.metric()).as(where).isEqualTo(e.metric());
            assertThat(a.group()).as(where).isEqualTo(e.group());
            assertThat(a.n()).as(where).isEqualTo(e.n());
            assertClose(a.value(), e.value(), where + " value");
            assertClose(a.ciLow(), e.ciLow(), where + " ci_low");
            assertClose(a.ciHigh(), e.ciHigh(), where + " ci_high");
        }
    }

    private static void assertClose(Double actual, Double expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isNotNull();
            assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void aPartnersAnswersAreThoseOfADatabaseHoldingOnlyItsRows() throws Exception {
        assertThat(alone.compute(new MetricQuery(List.of("tickets"), List.of(), null)).get(0).n()).as("the partner has tickets").isPositive();
        List<List<String>> groupings = List.of(List.of(), List.of("quarter"), List.of("month"), List.of("quarter", "segment"),
                List.of("tier"), List.of("channel"), List.of("partner_id"), List.of("quarter", "priority"), List.of("type"));
        for (List<String> by : groupings) {
            List<String> metrics = analyst.groupable(rowMetrics(), by);
            for (PeriodRange range : new PeriodRange[]{null, PeriodRange.parse("2024-Q4")}) {
                MetricQuery query = new MetricQuery(metrics, by, range);
                assertSame(scoped.compute(query), alone.compute(query), "by " + by + " in " + range);
            }
        }
        MetricQuery filtered = new MetricQuery(analyst.groupable(rowMetrics(), List.of("segment")), List.of("quarter"), null,
                Filters.parse(List.of("segment:SMB,Enterprise")));
        assertSame(scoped.compute(filtered), alone.compute(filtered), "filtered by segment");
    }

    @Test
    void withAMinimumNSmallCellsAndTheirComplementsAreWithheld() throws Exception {
        MetricEngine suppressing = new MetricEngine(whole, Catalogue.standard(), PulseConfig.defaults(), Scope.partner(partner, 5));
        List<MetricValue> values = suppressing.compute(new MetricQuery(List.of("tickets", "customer_nps"), List.of("quarter", "segment"), null));
        List<MetricValue> plain = scoped.compute(new MetricQuery(List.of("tickets", "customer_nps"), List.of("quarter", "segment"), null));
        assertThat(values).hasSameSizeAs(plain);
        assertThat(values).anySatisfy(v -> assertThat(v.suppressed()).isTrue());
        for (int i = 0; i < values.size(); i++) {
            MetricValue shown = values.get(i);
            if (plain.get(i).n() > 0 && plain.get(i).n() < 5) {
                assertThat(shown.suppressed()).as(shown.metric() + " " + shown.group()).isTrue();
            }
            if (shown.suppressed()) {
                assertThat(shown.value()).isNull();
                assertThat(shown.n()).isZero();
                assertThat(shown.stats()).isEmpty();
                assertThat(shown.share()).isNull();
            } else {
                assertThat(shown).isEqualTo(plain.get(i));
            }
        }
    }

    @Test
    void anotherPartnersDataIsNotReachedThroughAFilterOrAGrouping() throws Exception {
        String other = analyst.compute(new MetricQuery(List.of("tickets"), List.of("partner_id"), null)).stream()
                .map(v -> v.group().get("partner_id")).filter(p -> p != null && !p.equals(partner)).findFirst().orElseThrow();
        MetricQuery theirs = new MetricQuery(List.of("tickets", "customer_nps", "csat", "active_customers"), List.of(), null,
                Filters.parse(List.of("partner_id:" + other)));
        assertThat(analyst.compute(theirs)).anySatisfy(v -> assertThat(v.n()).isPositive());
        assertThat(scoped.compute(theirs)).allSatisfy(v -> assertThat(v.n()).as(v.metric()).isZero());
        // grouped by partner: only the partner's own group (and its own account's rows, which have no partner_id)
        assertThat(scoped.compute(new MetricQuery(List.of("tickets", "nps"), List.of("partner_id"), null)))
                .allSatisfy(v -> assertThat(v.group().get("partner_id")).isIn(partner, null));
        // the team's own data: nothing (cost per ticket counts the partner's own tickets as its n, and has no cost to show)
        assertThat(scoped.compute(new MetricQuery(List.of("utilization", "qa_score", "cost_per_ticket"), List.of(), null)))
                .allSatisfy(v -> assertThat(v.value()).as(v.metric()).isNull());
        assertThat(scoped.compute(new MetricQuery(List.of("utilization", "qa_score"), List.of(), null)))
                .allSatisfy(v -> assertThat(v.n()).as(v.metric()).isZero());
        // row-level reading goes through the same views
        long rows = whole.queryLong(new dev.pulse.engine.Sql.Builder().add("SELECT count(*) FROM (")
                .add(scoped.sourceRows(Source.TICKETS, null)).add(") r WHERE r.account_id NOT IN (SELECT account_id FROM accounts"
                        + " WHERE partner_id = '" + partner + "' OR account_id = '" + partner + "')").build());
        assertThat(rows).isZero();
    }

    /** Every row of a source, page by page, as a reader of the engine sees it (contact e-mails left out, as a partner gets them). */
    private static List<Map<String, Object>> allRows(MetricEngine engine, Source source) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        Long offset = 0L;
        while (offset != null) {
            RowPage page = engine.rows(new RowQuery(source, null, null, Filters.NONE, Map.of(), null, false, RowQuery.MAX_LIMIT, offset));
            for (Map<String, Object> row : page.rows()) {
                Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
                copy.remove("contact_email");
                rows.add(copy);
            }
            offset = page.next();
        }
        return rows;
    }

    @Test
    void aPartnersRowsAndVoiceOfTheCustomerAreThoseOfADatabaseHoldingOnlyItsRows() throws Exception {
        assertThat(scoped.dimensionValues(Source.ACCOUNTS, List.of("segment", "tier", "partner_id")))
                .isEqualTo(alone.dimensionValues(Source.ACCOUNTS, List.of("segment", "tier", "partner_id")));
        assertThat(scoped.dimensionValues(Source.TICKETS, List.of("channel", "category", "product")))
                .isEqualTo(alone.dimensionValues(Source.TICKETS, List.of("channel", "category", "product")));
        assertThat(analyst.dimensionValues(Source.TICKETS, List.of("channel")).get("channel")).isEqualTo(analyst.compute(new MetricQuery(
                List.of("tickets"), List.of("channel"), null)).stream().map(v -> v.group().get("channel")).filter(java.util.Objects::nonNull).sorted().toList());
        for (Source source : List.of(Source.TICKETS, Source.SURVEYS, Source.INTERACTIONS, Source.ACCOUNTS)) {
            List<Map<String, Object>> mine = allRows(scoped, source);
            assertThat(mine).as(source.id()).isNotEmpty();
            assertThat(mine).as(source.id()).isEqualTo(allRows(alone, source));
        }
        dev.pulse.voc.CommentAnalyzer analyzer = new dev.pulse.voc.CommentAnalyzer(new dev.pulse.voc.ThemeTaxonomy(PulseConfig.defaults().themes()));
        new dev.pulse.voc.CommentStore(whole, analyzer).update(message -> { });
        new dev.pulse.voc.CommentStore(own, analyzer).update(message -> { });
        for (String period : List.of("2024-Q4", "2024")) {
            String partnerView = dev.pulse.voc.VocJson.of(dev.pulse.voc.VocSummary.build(scoped, analyzer, period, List.of("type"), 3));
            String ownDatabase = dev.pulse.voc.VocJson.of(dev.pulse.voc.VocSummary.build(alone, analyzer, period, List.of("type"), 3));
            assertSameJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree(partnerView),
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(ownDatabase), "voice of the customer, " + period);
        }
    }

    /** Equal JSON, numbers within 1e-9 relative (sums in another order differ in the last digit). */
    private static void assertSameJson(com.fasterxml.jackson.databind.JsonNode actual, com.fasterxml.jackson.databind.JsonNode expected,
                                       String where) {
        if (expected.isNumber() && actual.isNumber()) {
            assertClose(actual.asDouble(), expected.asDouble(), where);
            return;
        }
        assertThat(actual.getNodeType()).as(where).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            assertThat(names(actual)).as(where)
                    .isEqualTo(names(expected));
            expected.fieldNames().forEachRemaining(f -> assertSameJson(actual.get(f), expected.get(f), where + "." + f));
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(where).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameJson(actual.get(i), expected.get(i), where + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
