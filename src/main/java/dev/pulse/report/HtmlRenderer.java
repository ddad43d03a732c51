package dev.pulse.report;

import dev.pulse.report.Report.Block;
import dev.pulse.report.Report.Cell;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained XHTML file: inline CSS and SVG, no script, no external resource, so it reads
 * the same when mailed, printed, or handed to the PDF renderer (which needs well-formed XML).
 */
public final class HtmlRenderer {
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static final String CSS = """
            @page { size: A4; margin: 14mm 12mm 16mm 12mm;
                    @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", sans-serif;
                    font-size: 8pt; color: #777; } }
            html { font-family: "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
            body { font-family: "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1f;
                   font-size: 10pt; line-height: 1.4; max-width: 1100px; margin: 0 auto; padding: 0 12px; }
            h1 { font-size: 20pt; margin: 0 0 2px 0; color: #123b6d; }
            .subtitle { font-size: 11pt; color: #555; margin: 0 0 14px 0; }
            h2 { font-size: 14pt; color: #123b6d; border-bottom: 2px solid #123b6d; padding-bottom: 3px; margin: 22px 0 8px 0;
                 page-break-after: avoid; }
            h3 { font-size: 11pt; margin: 14px 0 6px 0; page-break-after: avoid; }
            table { border-collapse: collapse; width: 100%; margin: 4px 0 2px 0; font-size: 8.5pt; -fs-table-paginate: paginate; }
            thead { display: table-header-group; }
            tr { page-break-inside: avoid; }
            th { background: #eef2f7; text-align: left; padding: 4px 6px; border-bottom: 1px solid #b9c4d2; font-weight: bold; }
            td { padding: 3px 6px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
            th.r { text-align: right; }
            td.r { text-align: right; white-space: nowrap; }
            td.good { color: #17703f; }
            td.bad { color: #b3261e; font-weight: bold; }
            td.muted { color: #80868b; }
            .note { font-size: 8pt; color: #5f6368; margin: 2px 0 10px 0; }
            .warnings { border: 1px solid #e0a800; background: #fff8e1; padding: 6px 10px; margin: 8px 0 14px 0; font-size: 9pt; }
            .warnings ul { margin: 4px 0; padding-left: 18px; }
            .charts { margin: 8px 0; }
            .chart { display: inline-block; margin: 0 6px 8px 0; vertical-align: top; page-break-inside: avoid; }
            .bars { margin: 8px 0; page-break-inside: avoid; }
            .nw { white-space: nowrap; }
            .tw { overflow-x: auto; }
            @media screen and (max-width: 600px) { svg { max-width: 100%; height: auto; } }
            .footer { margin-top: 24px; font-size: 8.5pt; color: #555; border-top: 1px solid #ccc; padding-top: 6px; }
            .footer p { margin: 1px 0; }
            code { font-family: "DejaVu Sans", monospace; font-size: 9pt; background: #f1f3f4; }
            """;

    private HtmlRenderer() {
    }

    public static String render(Report report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>").append(escape(report.title()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(report.title())).append("</h1>\n<p class=\"subtitle\">").append(escape(report.subtitle()))
                .append("</p>\n");
        if (!report.warnings().isEmpty()) {
            html.append("<div class=\"warnings\"><strong>Configuration to check</strong><ul>");
            for (String warning : report.warnings()) {
                html.append("<li>").append(inline(warning)).append("</li>");
            }
            html.append("</ul></div>\n");
        }
        for (Report.Section section : report.sections()) {
            html.append("<h2>").append(escape(section.title())).append("</h2>\n");
            List<Block> blocks = section.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                Block block = blocks.get(i);
                if (block instanceof Report.LineChart) {
                    // Consecutive line charts sit side by side.
                    html.append("<div class=\"charts\">");
                    while (i < blocks.size() && blocks.get(i) instanceof Report.LineChart chart) {
                        html.append("<div class=\"chart\">").append(SvgCharts.line(chart)).append("</div>");
                        i++;
                    }
                    i--;
                    html.append("</div>\n");
                    continue;
                }
                block(html, block);
            }
        }
        html.append("<div class=\"footer\">");
        for (String line : report.footer()) {
            html.append("<p>").append(escape(line)).append("</p>");
        }
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Every block but line charts, which {@link #render} lays out side by side. */
    private static void block(StringBuilder html, Block block) {
        if (block instanceof Report.Heading heading) {
            html.append("<h3>").append(escape(heading.text())).append("</h3>\n");
        } else if (block instanceof Report.Paragraph paragraph) {
            html.append("<p>").append(inline(paragraph.text())).append("</p>\n");
        } else if (block instanceof Report.Bullets bullets) {
            html.append("<ul>");
            bullets.items().forEach(item -> html.append("<li>").append(inline(item)).append("</li>"));
            html.append("</ul>\n");
        } else if (block instanceof Report.Table table) {
            table(html, table);
        } else if (block instanceof Report.BarChart chart) {
            html.append("<div class=\"bars\">").append(SvgCharts.bars(chart)).append("</div>\n");
        }
    }

    private static void table(StringBuilder html, Report.Table table) {
        // On a phone a wide table scrolls within its own box instead of widening the page.
        html.append("<div class=\"tw\"><table>\n<thead><tr>");
        for (Report.Column column : table.columns()) {
            html.append(column.align() == Report.Align.RIGHT ? "<th class=\"r\">" : "<th>").append(escape(column.header())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        if (table.rows().isEmpty()) {
            html.append("<tr><td colspan=\"").append(table.columns().size()).append("\" class=\"muted\">no data</td></tr>\n");
        }
        for (List<Cell> row : table.rows()) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                Cell cell = row.get(c);
                StringBuilder classes = new StringBuilder();
                if (table.columns().get(c).align() == Report.Align.RIGHT) {
                    classes.append("r");
                }
                switch (cell.tone()) {
                    case GOOD -> classes.append(" good");
                    case BAD -> classes.append(" bad");
                    case MUTED -> classes.append(" muted");
                    case NONE -> {
                    }
                }
                html.append(classes.isEmpty() ? "<td>" : "<td class=\"" + classes.toString().trim() + "\">").append(table.columns().get(c).align() == Report.Align.RIGHT ? escape(cell.text()) : unbroken(cell.text()))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table></div>\n");
        if (table.footnote() != null) {
            html.append("<p class=\"note\">").append(escape(table.footnote())).append("</p>\n");
        }
    }

    /**
     * Escaped text in which no figure breaks across lines: each word holding a digit ("+49.8", "(40.2")
     * is kept whole, while the spaces between words may still wrap ("+36.7 → +50.0 → ..."). For
     * left-aligned cells; right-aligned ones (figures) do not wrap at all.
     */
    static String unbroken(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            boolean figure = word.chars().anyMatch(Character::isDigit);
            out.append(figure ? "<span class=\"nw\">" + escape(word) + "</span>" : escape(word));
        }
        return out.toString();
    }

    /** Escaped text with **bold** and `code` marks turned into elements. */
    static String inline(String text) {
        String escaped = escape(text);
        Matcher bold = BOLD.matcher(escaped);
        escaped = bold.replaceAll("<strong>$1</strong>");
        return CODE.matcher(escaped).replaceAll("<code>$1</code>");
    }

    /** Text as HTML content or a double-quoted attribute value. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
