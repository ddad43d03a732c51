package dev.pulse.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TestSuppression {
    private static MetricValue cell(long n, String... group) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < group.length; i += 2) {
            values.put(group[i], group[i + 1]);
        }
        return new MetricValue("tickets", values, n == 0 ? null : (double) n, n, null, null, n < 30, null, Map.of("successes", (double) n));
    }

    private static List<Boolean> suppressed(List<MetricValue> values) {
        return values.stream().map(MetricValue::suppressed).toList();
    }

    @Test
    void aLoneSmallCellTakesTheNextSmallestWithIt() {
        List<MetricValue> values = Suppression.apply(List.of(cell(3, "segment", "A"), cell(12, "segment", "B"), cell(10, "segment", "C")),
                List.of("segment"), 5);
        assertThat(suppressed(values)).containsExactly(true, false, true);
        assertThat(values.get(0)).satisfies(v -> {
            assertThat(v.value()).isNull();
            assertThat(v.n()).isZero();
            assertThat(v.stats()).isEmpty();
            assertThat(v.ciLow()).isNull();
        });
    }

    @Test
    void twoSmallCellsNeedNoMoreAndEmptyCellsAreNeitherWithheldNorComplements() {
        assertThat(suppressed(Suppression.apply(List.of(cell(3, "s", "A"), cell(4, "s", "B"), cell(50, "s", "C")), List.of("s"), 5)))
                .containsExactly(true, true, false);
        assertThat(suppressed(Suppression.apply(List.of(cell(3, "s", "A"), cell(0, "s", "B")), List.of("s"), 5)))
                .containsExactly(true, false);
        assertThat(suppressed(Suppression.apply(List.of(cell(3)), List.of(), 5))).containsExactly(true);
        assertThat(suppressed(Suppression.apply(List.of(cell(3, "s", "A"), cell(9, "s", "B")), List.of("s"), 0))).containsExactly(false, false);
    }

    /** On random two-way breakdowns: every small cell is withheld, and no row or column of the table has exactly one withheld cell. */
    @Test
    void noMarginOfATwoWayBreakdownHasALoneWithheldCell() {
        Random random = new Random(5);
        for (int round = 0; round < 2000; round++) {
            List<MetricValue> cells = new ArrayList<>();
            int quarters = 1 + random.nextInt(4);
            int segments = 1 + random.nextInt(5);
            for (int q = 0; q < quarters; q++) {
                for (int s = 0; s < segments; s++) {
                    if (random.nextInt(6) > 0) {
                        cells.add(cell(random.nextInt(4) == 0 ? random.nextInt(5) : random.nextInt(40), "quarter", "Q" + q, "segment", "S" + s));
                    }
                }
            }
            List<MetricValue> out = Suppression.apply(cells, List.of("quarter", "segment"), 5);
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).n() > 0 && cells.get(i).n() < 5) {
                    assertThat(out.get(i).suppressed()).isTrue();
                }
            }
            for (String along : List.of("quarter", "segment")) {
                String other = along.equals("quarter") ? "segment" : "quarter";
                Map<String, Long> withheld = new LinkedHashMap<>();
                Map<String, Long> shownWithRows = new LinkedHashMap<>();
                for (int i = 0; i < out.size(); i++) {
                    String key = cells.get(i).group().get(other);
                    withheld.merge(key, out.get(i).suppressed() ? 1L : 0L, Long::sum);
                    shownWithRows.merge(key, !out.get(i).suppressed() && cells.get(i).n() > 0 ? 1L : 0L, Long::sum);
                }
                for (String key : withheld.keySet()) {
                    // a lone withheld cell only where no other cell of its margin has rows to withhold
                    assertThat(withheld.get(key) != 1 || shownWithRows.get(key) == 0).as("round %d, %s %s", round, other, key).isTrue();
                }
            }
        }
    }
}
