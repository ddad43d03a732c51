package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drill-through: the rows behind a value are exactly those its n counts, for every metric and group of
 * a breakdown; pages cover them without gap or repeat; a partner's rows are its own, and rows of a
 * withheld cell stay withheld.
 */
class TestDrillThrough {
    @TempDir
    static Path temp;
    static Database database;
    static MetricEngine analyst;
    static String partner;
    static String otherPartner;

    @BeforeAll
    static void load() throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        new DemoDataGenerator(GeneratorOptions.standard(0.02)).generate(folder.data());
        database = folder.open();
        folder.importInto(database, PulseConfig.defaults());
        analyst = new MetricEngine(database, Catalogue.standard(), PulseConfig.defaults(), Scope.everything());
        List<String> partners = analyst.compute(new MetricQuery(List.of("tickets"), List.of("partner_id"), null)).stream()
                .filter(v -> v.group().get("partner_id") != null).sorted((a, b) -> Long.compare(b.n(), a.n()))
                .map(v -> v.group().get("partner_id")).toList();
        partner = partners.get(0);
        otherPartner = partners.get(1);
    }

    @AfterAll
    static void close() throws Exception {
        database.close();
    }

    private static RowQuery cell(MetricValue value, PeriodRange range, Filters filters, int limit, long offset) throws MetricException {
        MetricDefinition metric = Catalogue.standard().get(value.metric()).orElseThrow();
        Map<String, String> group = new LinkedHashMap<>();
        value.group().forEach((k, v) -> group.put(k, v == null ? Filters.NULL : v));
        return new RowQuery(MetricEngine.rowsOf(metric), value.metric(), range, filters, group, null, false, limit, offset);
    }

    private static List<String> drillable() {
        return Catalogue.standard().all().stream().filter(m -> !m.source().isComments()).map(MetricDefinition::name).toList();
    }

    @Test
    void theRowsOfEveryValueOfABreakdownAreAsManyAsItsN() throws Exception {
        // every kind of dimension (none, a period, a period and a category, a category alone, a coarser period);
        // weeks and months add only more cells of the same kind, at a cost of minutes
        List<List<String>> groupings = List.of(List.of(), List.of("quarter"), List.of("year", "segment"), List.of("priority"));
        int checked = 0;
        MetricEngine scoped = new MetricEngine(database, Catalogue.standard(), PulseConfig.defaults(), Scope.partner(partner, 0));
        // a range of days as well as all data, and the partner's scope, on two of them (each drill costs ~15 ms)
        List<Object[]> cases = new ArrayList<>();
        for (List<String> by : groupings) {
            cases.add(new Object[]{analyst, by, null});
        }
        cases.add(new Object[]{analyst, List.of(), PeriodRange.parse("2024-Q4")});
        cases.add(new Object[]{analyst, List.of("priority"), PeriodRange.parse("2024-Q4")});
        cases.add(new Object[]{scoped, List.of(), null});
        cases.add(new Object[]{scoped, List.of("year", "segment"), null});
        for (Object[] c : cases) {
            MetricEngine engine = (MetricEngine) c[0];
            @SuppressWarnings("unchecked") List<String> by = (List<String>) c[1];
            PeriodRange range = (PeriodRange) c[2];
            List<String> metrics = engine.groupable(drillable(), by);
            for (MetricValue value : engine.compute(new MetricQuery(metrics, by, range))) {
                RowPage page = engine.rows(cell(value, range, Filters.NONE, 1, 0));
                assertThat(page.total()).as(engine.scope() + " " + value.metric() + " by " + by + " " + value.group() + " in " + range)
                        .isEqualTo(value.n());
                checked++;
            }
        }
        MetricQuery filtered = new MetricQuery(analyst.groupable(drillable(), List.of("segment")), List.of("quarter"), null,
                Filters.parse(List.of("segment:SMB,Enterprise")));
        for (MetricValue value : analyst.compute(filtered)) {
            assertThat(analyst.rows(cell(value, null, filtered.filters(), 1, 0)).total()).as("filtered " + value.metric() + " " + value.group())
                    .isEqualTo(value.n());
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void pagesCoverTheRowsOnceInTheOrderAsked() throws Exception {
        MetricValue value = analyst.compute(new MetricQuery(List.of("fcr"), List.of("quarter"), null)).get(1);
        Set<Object> seen = new HashSet<>();
        List<Object> order = new ArrayList<>();
        Long offset = 0L;
        while (offset != null) {
            RowQuery query = cell(value, null, Filters.NONE, 97, offset);
            RowPage page = analyst.rows(new RowQuery(query.source(), query.metric(), null, Filters.NONE, query.group(), "handle_seconds",
                    true, 97, offset));
            for (Map<String, Object> row : page.rows()) {
                assertThat(seen.add(row.get("ticket_id"))).as("ticket " + row.get("ticket_id") + " once").isTrue();
                order.add(row.get("handle_seconds"));
            }
            offset = page.next();
        }
        assertThat(seen).hasSize((int) value.n());
        List<Object> numbers = order.stream().filter(java.util.Objects::nonNull).toList();
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(((Number) numbers.get(i)).doubleValue()).isLessThanOrEqualTo(((Number) numbers.get(i - 1)).doubleValue());
        }
        assertThatThrownBy(() -> analyst.rows(new RowQuery(Source.TICKETS, null, null, Filters.NONE, Map.of(), "ticket_id; drop table tickets",
                false, 10, 0))).isInstanceOf(MetricException.class).hasMessageContaining("is not a column of tickets");
    }

    @Test
    void timesAreIsoTextWhateverTheMachinesZone() throws Exception {
        Map<String, Object> row = analyst.rows(new RowQuery(Source.TICKETS, null, null, Filters.NONE, Map.of(), "ticket_id", false, 1, 0))
                .rows().get(0);
        assertThat(row.get("created_at").toString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
    }

    @Test
    void aPartnerReadsOnlyItsOwnRowsWhateverItAsks() throws Exception {
        MetricEngine scoped = new MetricEngine(database, Catalogue.standard(), PulseConfig.defaults(), Scope.partner(partner, 0));
        Set<String> mine = new HashSet<>();
        for (Map<String, Object> account : database.query(dev.pulse.engine.Sql.of(
                "SELECT account_id FROM accounts WHERE partner_id = ? OR account_id = ?", partner, partner))) {
            mine.add(account.get("account_id").toString());
        }
        RowPage tickets = scoped.rows(new RowQuery(Source.TICKETS, null, null, Filters.NONE, Map.of(), null, false, 1_000, 0));
        assertThat(tickets.total()).isPositive();
        assertThat(tickets.rows()).allSatisfy(r -> assertThat(mine).contains(r.get("account_id").toString()));
        // another partner's rows, asked through the group, a filter, or a late page: none
        assertThat(scoped.rows(new RowQuery(Source.TICKETS, "tickets", null, Filters.NONE, Map.of("partner_id", otherPartner), null, false,
                10, 0)).total()).isZero();
        assertThat(scoped.rows(new RowQuery(Source.SURVEYS, null, null, Filters.parse(List.of("partner_id:" + otherPartner)), Map.of(),
                null, false, 10, 0)).total()).isZero();
        assertThat(scoped.rows(new RowQuery(Source.TICKETS, null, null, Filters.NONE, Map.of(), null, false, 10, tickets.total())).rows())
                .isEmpty();
        // nothing of the team's own data, and no contact's e-mail
        for (Source source : List.of(Source.AGENT_ACTIVITY, Source.QA_REVIEWS, Source.COSTS)) {
            assertThat(scoped.rows(new RowQuery(source, null, null, Filters.NONE, Map.of(), null, false, 10, 0)).total()).as(source.id())
                    .isZero();
        }
        RowPage answers = scoped.rows(new RowQuery(Source.SURVEYS, null, null, Filters.NONE, Map.of(), null, false, 5, 0));
        assertThat(answers.columns()).doesNotContain("contact_email");
        assertThat(analyst.rows(new RowQuery(Source.SURVEYS, null, null, Filters.NONE, Map.of(), null, false, 5, 0)).columns())
                .contains("contact_email");
    }

    @Test
    void theRowsOfAWithheldCellStayWithheld() throws Exception {
        MetricEngine suppressing = new MetricEngine(database, Catalogue.standard(), PulseConfig.defaults(), Scope.partner(partner, 5));
        List<MetricValue> values = suppressing.compute(new MetricQuery(List.of("customer_nps"), List.of("month", "segment"), null));
        assertThat(values).anySatisfy(v -> assertThat(v.suppressed()).isTrue());
        for (MetricValue value : values) {
            RowQuery query = cell(value, null, Filters.NONE, 10, 0);
            if (value.suppressed()) {
                assertThatThrownBy(() -> suppressing.rows(query)).as(value.group().toString()).isInstanceOf(WithheldException.class);
            } else {
                assertThat(suppressing.rows(query).total()).isEqualTo(value.n());
            }
        }
        assertThatThrownBy(() -> suppressing.rows(new RowQuery(Source.TICKETS, null, null, Filters.NONE, Map.of(), null, false, 10, 0)))
                .isInstanceOf(WithheldException.class);
    }
}
