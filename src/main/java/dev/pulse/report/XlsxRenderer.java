package dev.pulse.report;

import dev.pulse.report.Report.Cell;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A workbook with a summary sheet and one sheet per report table, figures as numbers (unrounded,
 * in the unit of their column) so that analysts can keep working with them.
 */
public final class XlsxRenderer {
    private XlsxRenderer() {
    }

    public static void render(Report report, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Pulse", "1.0");
        Worksheet summary = workbook.newWorksheet("Summary");
        int r = 0;
        summary.value(r, 0, report.title());
        summary.style(r, 0).bold().fontSize(14).set();
        summary.value(++r, 0, report.subtitle());
        r++;
        for (String warning : report.warnings()) {
            summary.value(++r, 0, "Check: " + warning);
        }
        Set<String> names = new HashSet<>(Set.of("summary"));
        for (Report.Section section : report.sections()) {
            r++;
            summary.value(++r, 0, section.title());
            summary.style(r, 0).bold().set();
            for (Report.Block block : section.blocks()) {
                if (block instanceof Report.Paragraph paragraph) {
                    summary.value(++r, 0, paragraph.text().replace("**", ""));
                } else if (block instanceof Report.Bullets bullets) {
                    for (String item : bullets.items()) {
                        summary.value(++r, 0, "• " + item.replace("**", ""));
                    }
                } else if (block instanceof Report.Table table) {
                    String name = sheetName(table.sheet(), names);
                    summary.value(++r, 0, "Table: see sheet '" + name + "'");
                    sheet(workbook.newWorksheet(name), table);
                }
            }
        }
        r++;
        for (String line : report.footer()) {
            summary.value(++r, 0, line);
        }
        summary.width(0, 120);
        workbook.finish();
    }

    private static void sheet(Worksheet sheet, Report.Table table) {
        for (int c = 0; c < table.columns().size(); c++) {
            sheet.value(0, c, table.columns().get(c).header());
            sheet.style(0, c).bold().fillColor("EEF2F7").set();
            sheet.width(c, c == 0 ? 30 : 16);
        }
        int r = 1;
        for (List<Cell> row : table.rows()) {
            for (int c = 0; c < row.size(); c++) {
                Cell cell = row.get(c);
                if (cell.number() != null && table.columns().get(c).align() == Report.Align.RIGHT) {
                    sheet.value(r, c, cell.number());
                } else if (!cell.text().isEmpty()) {
                    sheet.value(r, c, cell.text());
                }
            }
            r++;
        }
        if (table.footnote() != null) {
            sheet.value(r + 1, 0, table.footnote());
        }
        sheet.freezePane(1, 1);
    }

    /** Excel's rules: at most 31 characters, none of []:*?/\, unique ignoring case. */
    private static String sheetName(String wanted, Set<String> taken) {
        String base = wanted.replaceAll("[\\[\\]:*?/\\\\]", "-");
        base = base.length() > 28 ? base.substring(0, 28) : base;
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); i++) {
            name = base + " " + i;
        }
        return name;
    }
}
