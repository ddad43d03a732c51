package dev.pulse.cli;

import java.util.List;
import java.util.function.IntPredicate;

/** Plain-text columns for the terminal: each column as wide as its widest cell, two spaces between. */
final class TextTable {
    private TextTable() {
    }

    /**
     * @param rightAligned which columns are right-aligned (numbers)
     * @param underline    whether a line of dashes follows the first row
     */
    static String render(List<List<String>> rows, IntPredicate rightAligned, boolean underline) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                line.append(rightAligned.test(i) ? padding + cell : cell + padding).append("  ");
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
            if (r == 0 && underline) {
                StringBuilder dashes = new StringBuilder();
                for (int width : widths) {
                    dashes.append("-".repeat(width)).append("  ");
                }
                out.append(dashes.toString().stripTrailing()).append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
