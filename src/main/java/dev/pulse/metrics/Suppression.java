package dev.pulse.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small-cell suppression of one metric's values in a breakdown. A value computed from fewer than
 * {@code minN} rows (but some) is withheld (primary suppression). Then, along every dimension, the
 * cells that agree on all the other dimensions form a margin whose total a reader can get by asking
 * without that dimension; where exactly one cell of a margin is withheld, the cell with the fewest
 * rows among the others that have rows is withheld too (complementary suppression), so that no
 * withheld value is the total less the shown ones. Repeated until no margin has a lone withheld cell.
 */
final class Suppression {
    private Suppression() {
    }

    static List<MetricValue> apply(List<MetricValue> values, List<String> dimensions, int minN) {
        List<MetricValue> cells = new ArrayList<>(values);
        for (int i = 0; i < cells.size(); i++) {
            MetricValue cell = cells.get(i);
            if (cell.n() > 0 && cell.n() < minN) {
                cells.set(i, cell.suppress());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String dimension : dimensions) {
                for (List<Integer> margin : margins(cells, dimensions, dimension)) {
                    long withheld = margin.stream().filter(i -> cells.get(i).suppressed()).count();
                    if (withheld != 1) {
                        continue;
                    }
                    Integer smallest = null;
                    for (int i : margin) {
                        MetricValue cell = cells.get(i);
                        if (!cell.suppressed() && cell.n() > 0 && (smallest == null || cell.n() < cells.get(smallest).n())) {
                            smallest = i;
                        }
                    }
                    if (smallest != null) {
                        cells.set(smallest, cells.get(smallest).suppress());
                        changed = true;
                    }
                }
            }
        }
        return cells;
    }

    /** The indexes of the cells that agree on every dimension but {@code along}, margin by margin, in the values' order. */
    private static List<List<Integer>> margins(List<MetricValue> cells, List<String> dimensions, String along) {
        Map<List<String>, List<Integer>> margins = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            List<String> others = new ArrayList<>();
            for (String dimension : dimensions) {
                if (!dimension.equals(along)) {
                    others.add(cells.get(i).group().get(dimension));
                }
            }
            margins.computeIfAbsent(others, k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(margins.values());
    }
}
