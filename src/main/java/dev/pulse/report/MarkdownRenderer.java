package dev.pulse.report;

import dev.pulse.report.Report.Block;
import dev.pulse.report.Report.Cell;

import java.util.List;

/** GitHub-flavoured Markdown: the same content, tables as pipe tables, charts left to the HTML and PDF. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(report.title()).append("\n**").append(report.subtitle()).append("**\n\n");
        if (!report.warnings().isEmpty()) {
            md.append("> **Configuration to check**\n");
            report.warnings().forEach(w -> md.append("> - ").append(w).append('\n'));
            md.append('\n');
        }
        for (Report.Section section : report.sections()) {
            md.append("---\n\n## ").append(section.title()).append("\n\n");
            for (Block block : section.blocks()) {
                if (block instanceof Report.Heading heading) {
                    md.append("### ").append(heading.text()).append("\n\n");
                } else if (block instanceof Report.Paragraph paragraph) {
                    md.append(paragraph.text()).append("\n\n");
                } else if (block instanceof Report.Bullets bullets) {
                    bullets.items().forEach(item -> md.append("- ").append(item).append('\n'));
                    md.append('\n');
                } else if (block instanceof Report.Table table) {
                    table(md, table);
                } else if (block instanceof Report.LineChart chart) {
                    md.append("_Chart \"").append(chart.title()).append("\": in report.html and report.pdf; its values are in the table above._\n\n");
                } else if (block instanceof Report.BarChart chart) {
                    md.append("_Chart \"").append(chart.title()).append("\": in report.html and report.pdf._\n\n");
                }
            }
        }
        md.append("---\n\n");
        report.footer().forEach(line -> md.append(line).append("  \n"));
        return md.toString();
    }

    private static void table(StringBuilder md, Report.Table table) {
        md.append('|');
        table.columns().forEach(c -> md.append(' ').append(cell(c.header())).append(" |"));
        md.append("\n|");
        table.columns().forEach(c -> md.append(c.align() == Report.Align.RIGHT ? "---:|" : "---|"));
        md.append('\n');
        if (table.rows().isEmpty()) {
            md.append("| no data |").append(" |".repeat(table.columns().size() - 1)).append('\n');
        }
        for (List<Cell> row : table.rows()) {
            md.append('|');
            row.forEach(c -> md.append(' ').append(cell(c.text())).append(" |"));
            md.append('\n');
        }
        md.append('\n');
        if (table.footnote() != null) {
            md.append("<sub>").append(table.footnote().replace("<", "&lt;")).append("</sub>\n\n");
        }
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("\n", " ");
    }
}
