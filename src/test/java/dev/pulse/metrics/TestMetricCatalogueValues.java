package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every metric of the spec on a small data set whose values were computed by hand (the comments
 * show the arithmetic). All rows are in 2024-Q4, UTC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestMetricCatalogueValues {
    Database database;
    MetricEngine engine;

    @BeforeAll
    void load(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,segment,tier,started_at,ended_at",
                "C1,customer,Enterprise,,2023-01-01,",
                "C2,customer,SMB,,,",
                "C3,customer,SMB,,2024-11-01,",        // active, joined during the quarter: not in the retention base
                "C4,customer,SMB,,2022-01-01,2024-11-15", // in the base, churned
                "C5,customer,SMB,,,2024-09-30",        // ended before the quarter: not active
                "C6,customer,SMB,,,2024-10-01",        // ended on the first day: active, in the base, churned
                "P1,partner,,Gold,,");
        folder.file("tickets.csv",
                "ticket_id,account_id,created_at,priority,channel,first_response_at,resolved_at,contacts,reopens,escalated,handle_seconds,response_due_at",
                "T1,C1,2024-10-01T10:00:00Z,P1,phone,2024-10-01T10:10:00Z,2024-10-01T13:00:00Z,1,0,false,600,",
                "T2,C1,2024-10-01T10:00:00Z,P2,email,2024-10-01T11:30:00Z,2024-10-01T20:00:00Z,2,0,true,1200,",
                "T3,C2,2024-10-01T10:00:00Z,P3,email,,,,,,,",
                "T4,C2,2024-10-01T10:00:00Z,P4,phone,2024-10-01T10:30:00Z,2024-10-02T10:00:00Z,1,1,false,300,",
                "T5,P1,2024-10-01T10:00:00Z,p1,phone,2024-10-01T10:10:00Z,2024-10-01T14:00:00Z,1,0,false,,2024-10-01T10:05:00Z");
        folder.file("surveys.csv", "response_id,account_id,kind,ticket_id,responded_at,score",
                "N1,C1,nps,,2024-10-05T00:00:00Z,10", "N2,C1,nps,,2024-10-05T00:00:00Z,9", "N3,C1,nps,,2024-10-05T00:00:00Z,7",
                "N4,C1,nps,,2024-10-05T00:00:00Z,3", "N5,C2,nps,,2024-10-05T00:00:00Z,0", "N6,C2,nps,,2024-10-05T00:00:00Z,10",
                "N7,P1,nps,,2024-10-05T00:00:00Z,9", "N8,P1,nps,,2024-10-05T00:00:00Z,8", "N9,P1,nps,,2024-10-05T00:00:00Z,6",
                "S1,C1,csat,T1,2024-10-05T00:00:00Z,5", "S2,C1,csat,T2,2024-10-05T00:00:00Z,4", "S3,C1,csat,T1,2024-10-05T00:00:00Z,3",
                "S4,C2,csat,,2024-10-05T00:00:00Z,2", "S5,C2,csat,,2024-10-05T00:00:00Z,5",
                "E1,C1,ces,,2024-10-05T00:00:00Z,2", "E2,C1,ces,,2024-10-05T00:00:00Z,6");
        folder.file("interactions.csv", "interaction_id,offered_at,answered_at,ended_at,abandoned,talk_seconds,hold_seconds,wrap_seconds",
                "I1,2024-10-01T10:00:00Z,2024-10-01T10:00:15Z,2024-10-01T10:05:00Z,false,200,20,30",
                "I2,2024-10-01T10:00:00Z,2024-10-01T10:00:25Z,2024-10-01T10:05:00Z,false,100,,50",
                "I3,2024-10-01T10:00:00Z,,2024-10-01T10:00:03Z,true,,,",
                "I4,2024-10-01T10:00:00Z,,2024-10-01T10:01:00Z,true,,,",
                "I5,2024-10-01T10:00:00Z,2024-10-01T10:00:20Z,2024-10-01T10:05:00Z,no,100,0,0");
        folder.file("agent_activity.csv", "agent_id,date,staffed_seconds,handling_seconds", "G1,2024-10-01,1000,700",
                "G2,2024-10-02,3000,1500");
        folder.file("qa_reviews.csv", "review_id,reviewed_at,score", "Q1,2024-10-01T00:00:00Z,80", "Q2,2024-10-01T00:00:00Z,90",
                "Q3,2024-10-01T00:00:00Z,100");
        folder.file("costs.csv", "month,amount", "2024-10,1000", "2024-11,500", "2025-01,999");
        database = folder.open();
        folder.importInto(database, PulseConfig.defaults());
        engine = TestingFolder.engine(database, PulseConfig.defaults());
    }

    @AfterAll
    void close() throws Exception {
        database.close();
    }

    static Stream<Arguments> expectations() {
        return Stream.of(
                // nps: 9 answers, promoters 10,9,10,9 = 4, detractors 3,0,6 = 3: 100 * 1 / 9
                Arguments.of("nps", 100.0 / 9, 9),
                Arguments.of("customer_nps", 100.0 * (3 - 2) / 6, 6),
                Arguments.of("partner_nps", 0.0, 3),
                Arguments.of("csat", 19.0 / 5, 5),
                Arguments.of("csat_pct", 60.0, 5),
                Arguments.of("ces", 4.0, 2),
                Arguments.of("tickets", 5.0, 5),
                // first responses 10, 90, 30, 10 minutes
                Arguments.of("frt_median", 20.0, 4),
                Arguments.of("frt_mean", 35.0, 4),
                Arguments.of("frt_p90", 72.0, 4),          // sorted 10,10,30,90: 30 + 0.7 * 60
                // resolutions 3, 10, 24, 4 hours
                Arguments.of("resolution_median", 7.0, 4),
                Arguments.of("resolution_mean", 10.25, 4),
                Arguments.of("resolution_p90", 19.8, 4),   // sorted 3,4,10,24: 10 + 0.7 * 14
                Arguments.of("resolution_rate", 80.0, 5),
                Arguments.of("fcr", 50.0, 4),               // T1, T5 of T1, T2, T4, T5
                Arguments.of("reopen_rate", 25.0, 4),
                Arguments.of("escalation_rate", 20.0, 5),
                // response targets: T1 15 min met; T2 60 min missed; T3 never (breached); T4 P4 none; T5 own 5 min missed
                Arguments.of("sla_response", 25.0, 4),
                // resolution targets: T1 4 h met; T2 8 h missed; T3 unresolved; T5 exactly 4 h: met (inclusive)
                Arguments.of("sla_resolution", 50.0, 4),
                // without calendars (this config has none) business time is calendar time: the twins' values;
                // with calendars, dev.pulse.metrics.TestBusinessTime checks them against a minute-by-minute count
                Arguments.of("frt_business_median", 20.0, 4),
                Arguments.of("resolution_business_median", 7.0, 4),
                Arguments.of("sla_response_business", 25.0, 4),
                Arguments.of("sla_resolution_business", 50.0, 4),
                Arguments.of("handle_time", (10 + 20 + 5) / 3.0, 3),
                Arguments.of("offered", 5.0, 5),
                Arguments.of("aht", (250 + 150 + 100) / 3.0, 3),
                Arguments.of("service_level", 50.0, 4),     // I3 short abandon out; I1 and I5 (exactly 20 s) within
                Arguments.of("abandon_rate", 40.0, 5),
                Arguments.of("asa", 20.0, 3),
                Arguments.of("utilization", 55.0, 2),
                Arguments.of("qa_score", 90.0, 3),
                Arguments.of("cost_per_ticket", 300.0, 5),  // (1000 + 500) / 5 tickets; January is another quarter
                Arguments.of("active_customers", 5.0, 5),   // C1, C2, C3, C4, C6
                Arguments.of("retention_rate", 50.0, 4),    // base C1, C2, C4, C6; retained C1, C2
                Arguments.of("churn_rate", 50.0, 4),
                Arguments.of("contact_rate", 80.0, 5));     // 4 customer tickets per 5 active customers
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void computesTheHandComputedValue(String metric, double expected, long n) throws Exception {
        List<MetricValue> values = engine.compute(new MetricQuery(List.of(metric), List.of(), PeriodRange.parse("2024-Q4")));
        assertThat(values).singleElement().satisfies(value -> {
            assertThat(value.value()).isCloseTo(expected, within(1e-9));
            assertThat(value.n()).isEqualTo(n);
            assertThat(value.lowSample()).isTrue();
        });
    }

    @Test
    void everySpecMetricHasAHandComputedCase() {
        // The comment metrics (voice of the customer) read the comment analyses: their cases are in dev.pulse.voc.TestCommentStore.
        // The programme's metrics read invitations and cases the programme writes: theirs are in dev.pulse.program.TestSurveyProgramme.
        List<String> rowMetrics = Catalogue.standard().names().stream()
                .filter(name -> !Catalogue.standard().get(name).orElseThrow().source().isComments())
                .filter(name -> !Set.of(Source.INVITATIONS, Source.CASES).contains(Catalogue.standard().get(name).orElseThrow().source()))
                .toList();
        assertThat(expectations().map(a -> (String) a.get()[0]).toList()).containsExactlyInAnyOrderElementsOf(rowMetrics);
    }

    @Test
    void intervalsAreTheSpecFormulas() throws Exception {
        Map<String, double[]> expected = Map.of(
                "customer_nps", new double[] {-43.93494766792978, 66.15716989015199},   // adjusted Wald, P=3 D=2 n=6
                "nps", new double[] {-39.05210356060729, 55.718770227273964},
                "fcr", new double[] {15.003570882017147, 84.99642911798286},            // Wilson 2 of 4
                "csat_pct", new double[] {23.07199322088371, 88.23817688407468},
                "csat", new double[] {2.657133428610321, 4.942866571389679},            // 3.8 +- 1.96 sd / sqrt 5
                "qa_score", new double[] {78.68393472388334, 100},                       // 101.316..., clipped to the scale
                "retention_rate", new double[] {15.003570882017147, 84.99642911798286},
                "churn_rate", new double[] {100 - 84.99642911798286, 100 - 15.003570882017147});
        for (var entry : expected.entrySet()) {
            MetricValue value = engine.compute(new MetricQuery(List.of(entry.getKey()), List.of(), PeriodRange.parse("2024-Q4"))).get(0);
            assertThat(value.ciLow()).as(entry.getKey()).isCloseTo(entry.getValue()[0], within(1e-9));
            assertThat(value.ciHigh()).as(entry.getKey()).isCloseTo(entry.getValue()[1], within(1e-9));
        }
        MetricValue median = engine.compute(new MetricQuery(List.of("frt_median"), List.of(), null)).get(0);
        assertThat(median.ciLow()).isNull();
    }

    @Test
    void intervalsAreClippedToTheRangeTheMetricCanTake() throws Exception {
        // Four promoters of four: the adjusted-Wald interval is 6.94 to 107.34 before clipping (issue 12).
        MetricDefinition nps = Catalogue.standard().get("partner_nps").orElseThrow();
        MetricValue allPromoters = MetricEngine.value(nps, Map.of(), 4, 4.0, 0.0);
        assertThat(allPromoters.ciLow()).isCloseTo(6.9433, within(1e-4));
        assertThat(allPromoters.ciHigh()).isEqualTo(100.0);
        MetricValue allDetractors = MetricEngine.value(nps, Map.of(), 4, 0.0, 4.0);
        assertThat(allDetractors.ciLow()).isEqualTo(-100.0);
        // CSAT 5 and 3 by phone: 4 +- 1.96 is 2.04 to 5.96, clipped to the 1-5 scale.
        MetricValue phone = engine.compute(new MetricQuery(List.of("csat"), List.of("channel"), null)).stream()
                .filter(v -> "phone".equals(v.group().get("channel"))).findFirst().orElseThrow();
        assertThat(phone.ciLow()).isCloseTo(4 - 1.96, within(1e-9));
        assertThat(phone.ciHigh()).isEqualTo(5.0);
        // A duration's interval never goes below 0: handle times 10, 20, 5 minutes.
        MetricDefinition handle = Catalogue.standard().get("handle_time").orElseThrow();
        assertThat(handle.clip(new Interval(-3, 40))).isEqualTo(new Interval(0, 40));
        MetricDefinition sentiment = Catalogue.standard().get("comment_sentiment").orElseThrow();
        assertThat(sentiment.clip(new Interval(-1.2, 1.5))).isEqualTo(new Interval(-1, 1));
    }

    @Test
    void filtersKeepTheRowsOfTheNamedValues() throws Exception {
        PeriodRange quarter = PeriodRange.parse("2024-Q4");
        java.util.function.Function<String[], MetricValue> filtered = args -> {
            try {
                return engine.compute(new MetricQuery(List.of(args[0]), List.of(), quarter,
                        Filters.parse(List.of(args).subList(1, args.length)))).get(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        // CSAT of answers about phone tickets: S1 (5) and S3 (3), both about T1; case-insensitive
        assertThat(filtered.apply(new String[]{"csat", "channel:PHONE"})).satisfies(v -> assertThat(v.value()).isEqualTo(4.0))
                .satisfies(v -> assertThat(v.n()).isEqualTo(2));
        // answers without a ticket have no channel: S4 (2), S5 (5)
        assertThat(filtered.apply(new String[]{"csat", "channel:(null)"}).value()).isEqualTo(3.5);
        // two values of one dimension are alternatives: email T2, T3 and phone T1, T4, T5
        assertThat(filtered.apply(new String[]{"tickets", "channel:email,phone"}).n()).isEqualTo(5);
        // two dimensions both apply: the phone tickets of SMB accounts: T4
        assertThat(filtered.apply(new String[]{"tickets", "channel:phone", "segment:SMB"}).n()).isEqualTo(1);
        // customer NPS of SMB: N5 (0), N6 (10)
        assertThat(filtered.apply(new String[]{"customer_nps", "segment:smb"})).satisfies(v -> assertThat(v.value()).isEqualTo(0.0))
                .satisfies(v -> assertThat(v.n()).isEqualTo(2));
        // account metrics filter the accounts: active SMB customers C2, C3, C4, C6; Enterprise C1 raised T1, T2
        assertThat(filtered.apply(new String[]{"active_customers", "segment:SMB"}).value()).isEqualTo(4.0);
        assertThat(filtered.apply(new String[]{"contact_rate", "segment:Enterprise"}).value()).isEqualTo(200.0);
        assertThatThrownBy(() -> engine.compute(new MetricQuery(List.of("aht"), List.of(), quarter, Filters.parse(List.of("segment:SMB")))))
                .isInstanceOf(MetricException.class).hasMessageContaining("aht cannot be filtered by segment");
        assertThatThrownBy(() -> engine.compute(new MetricQuery(List.of("nps"), List.of(), quarter, Filters.parse(List.of("quarter:2024-Q4")))))
                .isInstanceOf(MetricException.class).hasMessageContaining("chosen with --period");
        assertThatThrownBy(() -> Filters.parse(List.of("segment"))).isInstanceOf(MetricException.class).hasMessageContaining("DIMENSION:VALUE");
        assertThatThrownBy(() -> engine.compute(new MetricQuery(List.of("nps"), List.of(), quarter, Filters.parse(List.of("colour:red")))))
                .isInstanceOf(MetricException.class).hasMessageContaining("unknown filter dimension 'colour'");
    }

    /** A filter on a value gives what grouping by its dimension gives for that value, for every metric that can be grouped so. */
    @Test
    void aFilterGivesTheGroupOfItsValue() throws Exception {
        List<String> names = engine.groupable(Catalogue.standard().names().stream()
                .filter(name -> !Catalogue.standard().get(name).orElseThrow().source().isComments()).toList(), List.of("segment"));
        assertThat(names).contains("customer_nps", "fcr", "active_customers", "contact_rate", "retention_rate");
        for (MetricValue grouped : engine.compute(new MetricQuery(names, List.of("segment"), PeriodRange.parse("2024-Q4")))) {
            String segment = grouped.group().get("segment");
            MetricValue filtered = engine.compute(new MetricQuery(List.of(grouped.metric()), List.of(), PeriodRange.parse("2024-Q4"),
                    new Filters(Map.of("segment", List.of(segment == null ? Filters.NULL : segment))))).get(0);
            assertThat(filtered.n()).as(grouped.metric() + " " + segment).isEqualTo(grouped.n());
            assertThat(filtered.value()).as(grouped.metric() + " " + segment).isEqualTo(grouped.value());
            assertThat(filtered.ciLow()).as(grouped.metric() + " " + segment).isEqualTo(grouped.ciLow());
        }
    }

    @Test
    void aSurveyTakesItsTicketsChannelAndRowsWithoutOneGroupUnderNull() throws Exception {
        List<MetricValue> values = engine.compute(new MetricQuery(List.of("csat"), List.of("channel"), null));
        assertThat(values).extracting(v -> v.group().get("channel") + "=" + v.value() + "/" + v.n())
                .containsExactly("email=4.0/1", "phone=4.0/2", "null=3.5/2");
    }

    @Test
    void ticketCountsInABreakdownCarryTheirShareOfThePeriod() throws Exception {
        List<MetricValue> values = engine.compute(new MetricQuery(List.of("tickets"), List.of("quarter", "channel"), null));
        assertThat(values).extracting(v -> v.group().get("quarter") + " " + v.group().get("channel") + " " + v.n() + " " + v.share())
                .containsExactly("2024-Q4 email 2 40.0", "2024-Q4 phone 3 60.0");
    }

    @Test
    void accountMetricsCoverOnlyThePeriodsOfAVeryLongRangeThatHoldData() throws Exception {
        // A range over a century (as a stray 1900 date brings) is split into weeks quickly, but accounts alone say
        // nothing of a week without any event: only 2024-W40 (30 Sep - 6 Oct) holds data here.
        PeriodRange range = new PeriodRange(java.time.LocalDate.of(1900, 1, 1), java.time.LocalDate.of(2024, 12, 31));
        List<MetricValue> values = engine.compute(new MetricQuery(List.of("active_customers"), List.of("week"), range));
        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.group().get("week")).isEqualTo("2024-W40");
            assertThat(v.value()).isEqualTo(5.0); // C1, C2, C4, C5 (ended 30 Sep, the week's first day) and C6; C3 starts in November
        });
    }

    @Test
    void accountMetricsOfAPeriodWithoutDataAreNullNotInvented() throws Exception {
        // Issue 12: a quarter years after the data had a retention of 100 % over every account.
        for (String metric : List.of("active_customers", "retention_rate", "churn_rate", "contact_rate")) {
            MetricValue value = engine.compute(new MetricQuery(List.of(metric), List.of(), PeriodRange.parse("2030-Q1"))).get(0);
            assertThat(value.value()).as(metric).isNull();
            assertThat(value.n()).as(metric).isZero();
            assertThat(engine.compute(new MetricQuery(List.of(metric), List.of("quarter"), PeriodRange.parse("2024-Q3")))).as(metric).isEmpty();
        }
    }

    @Test
    void priorityTargetsMatchCaseInsensitively() throws Exception {
        List<MetricValue> values = engine.compute(new MetricQuery(List.of("sla_resolution"), List.of("priority"), null));
        // P1 and p1 are one priority, shown in the first spelling seen; P4 has no target: no rows, a null value
        assertThat(values).extracting(v -> v.group().get("priority") + "=" + v.value() + "/" + v.n())
                .containsExactly("P1=100.0/2", "P2=0.0/1", "P3=0.0/1", "P4=null/0");
    }

    @Test
    void aValueWithoutRowsIsNullNeverZero() throws Exception {
        MetricValue value = engine.compute(new MetricQuery(List.of("csat"), List.of(), PeriodRange.parse("2023-Q1"))).get(0);
        assertThat(value.value()).isNull();
        assertThat(value.n()).isZero();
    }

    @Test
    void unknownNamesAreOneLineErrorsListingTheValidOnes() {
        assertThatThrownBy(() -> engine.compute(new MetricQuery(List.of("npx"), List.of(), null)))
                .isInstanceOf(MetricException.class).hasMessageContaining("unknown metric 'npx'").hasMessageContaining("customer_nps");
        assertThatThrownBy(() -> engine.compute(new MetricQuery(List.of("nps"), List.of("colour"), null)))
                .isInstanceOf(MetricException.class).hasMessageContaining("unknown dimension 'colour'").hasMessageContaining("segment");
        assertThatThrownBy(() -> engine.compute(new MetricQuery(List.of("aht"), List.of("segment"), null)))
                .isInstanceOf(MetricException.class).hasMessageContaining("aht cannot be grouped by segment");
    }

    @Test
    void groupsByEveryCalendarGrain() throws Exception {
        List<MetricValue> values = engine.compute(new MetricQuery(List.of("tickets"), List.of("year", "quarter", "month", "week"), null));
        assertThat(values).singleElement().satisfies(v -> assertThat(v.group())
                .containsExactly(Map.entry("year", "2024"), Map.entry("quarter", "2024-Q4"), Map.entry("month", "2024-10"),
                        Map.entry("week", "2024-W40")));
    }
}
