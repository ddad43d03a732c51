package dev.pulse.metrics;

import dev.pulse.engine.PeriodGrain;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TestStatisticsAndChange {
    private static final MetricDefinition NPS = Catalogue.standard().get("nps").orElseThrow();

    private static MetricValue nps(long promoters, long detractors, long n) {
        return MetricEngine.value(NPS, Map.of(), n, (double) promoters, (double) detractors);
    }

    @Test
    void npsChangeUsesTheSpecsWaldTest() {
        // 50/100 promoters, 20/100 detractors: NPS 30, se = 100 sqrt((0.7 - 0.09) / 100) = 7.8102
        assertThat(Statistics.npsStandardError(50, 20, 100)).isCloseTo(7.810249675906654, within(1e-12));
        // 30 vs 45 with n = 100 each: 1.96 * sqrt(7.8102^2 + se2^2); se2 for P=60 D=15 = 100 sqrt((0.75 - 0.2025)/100) = 7.3993
        // threshold = 1.96 * 10.7587 = 21.09 > 15: not significant
        Change small = Change.between(NPS, nps(60, 15, 100), nps(50, 20, 100));
        assertThat(small.delta()).isCloseTo(15, within(1e-12));
        assertThat(small.verdict()).isEqualTo(Change.Verdict.STABLE);
        // the same shares with n = 1000 each: threshold 6.67 < 15: significant
        assertThat(Change.between(NPS, nps(600, 150, 1000), nps(500, 200, 1000)).verdict()).isEqualTo(Change.Verdict.UP);
        assertThat(Change.between(NPS, nps(500, 200, 1000), nps(600, 150, 1000)).verdict()).isEqualTo(Change.Verdict.DOWN);
    }

    @Test
    void percentilesAndCountsAreNeverCalledSignificant() {
        MetricDefinition median = Catalogue.standard().get("frt_median").orElseThrow();
        MetricValue now = MetricEngine.value(median, Map.of(), 1000, 30.0, null);
        MetricValue before = MetricEngine.value(median, Map.of(), 1000, 60.0, null);
        assertThat(Change.between(median, now, before).verdict()).isEqualTo(Change.Verdict.UNTESTED);
    }

    @Test
    void wilsonAndMeanIntervals() {
        Interval wilson = Statistics.wilson(0, 10);
        assertThat(wilson.low()).isZero();
        assertThat(wilson.high()).isCloseTo(27.75401687666166, within(1e-9)); // (3.8416/20 + 1.96 sqrt(3.8416/400)) / 1.38416
        assertThat(Statistics.meanInterval(5, null, 1)).isEmpty();
    }

    @Test
    void periodLabelsAndTheirNeighbours() throws Exception {
        assertThat(PeriodRange.parse("2024-Q4")).isEqualTo(new PeriodRange(java.time.LocalDate.of(2024, 10, 1),
                java.time.LocalDate.of(2024, 12, 31)));
        assertThat(PeriodRange.parse("2024-W01").first()).isEqualTo(java.time.LocalDate.of(2024, 1, 1));
        assertThat(PeriodRange.parse("2020-W53").last()).isEqualTo(java.time.LocalDate.of(2021, 1, 3));
        assertThat(PeriodRange.previousLabel(PeriodGrain.QUARTER, "2024-Q1")).isEqualTo("2023-Q4");
        assertThat(PeriodRange.yearEarlierLabel(PeriodGrain.MONTH, "2024-02")).isEqualTo("2023-02");
        assertThat(PeriodRange.yearEarlierLabel(PeriodGrain.WEEK, "2021-W10")).isEqualTo("2020-W10");
        assertThat(PeriodRange.yearEarlierLabel(PeriodGrain.WEEK, "2021-W52")).isEqualTo("2020-W52");
        assertThat(PeriodRange.label(PeriodGrain.WEEK, java.time.LocalDate.of(2024, 12, 30))).isEqualTo("2025-W01");
        java.time.LocalDate day = java.time.LocalDate.of(2024, 8, 15); // a Thursday
        assertThat(PeriodRange.containing(PeriodGrain.YEAR, day)).isEqualTo(PeriodRange.parse("2024"));
        assertThat(PeriodRange.containing(PeriodGrain.QUARTER, day)).isEqualTo(PeriodRange.parse("2024-Q3"));
        assertThat(PeriodRange.containing(PeriodGrain.MONTH, day)).isEqualTo(PeriodRange.parse("2024-08"));
        assertThat(PeriodRange.containing(PeriodGrain.WEEK, day)).isEqualTo(PeriodRange.parse("2024-W33"));
        // 2024-08-15 .. 2024-10-14 widened to whole quarters: Q3 and Q4
        assertThat(new PeriodRange(day, day.plusDays(60)).widenedTo(PeriodGrain.QUARTER))
                .isEqualTo(new PeriodRange(java.time.LocalDate.of(2024, 7, 1), java.time.LocalDate.of(2024, 12, 31)));
        assertThat(new PeriodRange(day, day.plusDays(60)).split(PeriodGrain.QUARTER)).containsExactly(
                new PeriodRange(day, java.time.LocalDate.of(2024, 9, 30)),
                new PeriodRange(java.time.LocalDate.of(2024, 10, 1), day.plusDays(60)));
    }
}
