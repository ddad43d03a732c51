package dev.pulse.metrics;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The association of a monthly ops series with monthly NPS: on changes, with its interval, and no number on too few months. */
class TestPlatformImpact {
    private static Map<String, Double>[] months(int count, double slope, double trend, long seed) {
        Random random = new Random(seed);
        @SuppressWarnings("unchecked") Map<String, Double>[] series = new Map[] {new TreeMap<>(), new TreeMap<>()};
        double x = 99.9;
        double y = 30;
        for (int i = 0; i < count; i++) {
            String month = YearMonth.of(2023, 1).plusMonths(i).toString();
            double dx = trend * 0.01 + random.nextGaussian() * 0.02;
            x += dx;
            y += trend + slope * dx + random.nextGaussian() * 0.3;
            series[0].put(month, x);
            series[1].put(month, y);
        }
        return series;
    }

    @Test
    void aRealRelationIsFoundWithinItsInterval() {
        Map<String, Double>[] data = months(36, 40, 0, 1);
        PlatformImpact.Impact impact = PlatformImpact.impact("uptime", data[0], data[1]);
        assertThat(impact.periods()).isEqualTo(35);
        assertThat(impact.significant()).isTrue();
        assertThat(40.0).isBetween(impact.low(), impact.high());
    }

    @Test
    void twoSeriesThatOnlyShareATrendAreNotAnImpact() {
        int significant = 0;
        for (long seed = 0; seed < 40; seed++) {
            Map<String, Double>[] data = months(24, 0, 1.5, seed);
            significant += PlatformImpact.impact("uptime", data[0], data[1]).significant() ? 1 : 0;
        }
        assertThat(significant).as("of 40 trending pairs without a relation, called significant (about 5 % expected)").isLessThanOrEqualTo(6);
    }

    @Test
    void fewerThanTwelveMonthlyChangesAreNotEnough() {
        Map<String, Double>[] data = months(12, 40, 0, 2);
        PlatformImpact.Impact impact = PlatformImpact.impact("uptime", data[0], data[1]);
        assertThat(impact.periods()).isEqualTo(11);
        assertThat(impact.enough()).isFalse();
        assertThat(impact.slope()).isNull();
    }
}
