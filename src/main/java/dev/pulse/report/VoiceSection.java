package dev.pulse.report;

import dev.pulse.metrics.Change;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricValue;
import dev.pulse.report.Report.Block;
import dev.pulse.report.Report.Cell;
import dev.pulse.report.Report.Column;
import dev.pulse.report.Report.Section;
import dev.pulse.report.Report.Tone;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.EmergingPhrases;
import dev.pulse.voc.ThemeInsights.ThemeStat;
import dev.pulse.voc.Verbatims;
import dev.pulse.voc.VocSummary;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The voice of the customer and partner, as the seed report has it: top positive themes for
 * customers and for partners, top improvement areas, plus what the seed could not show: sentiment
 * with its interval, the change since last quarter, the NPS of those who raise a theme against
 * those who do not, emerging topics, and verbatims in both languages with personal data masked.
 */
final class VoiceSection {
    private static final int VERBATIMS_PER_POLARITY = 2;

    private final ReportContext context;
    private final CommentAnalyzer analyzer;

    VoiceSection(ReportContext context, CommentAnalyzer analyzer) {
        this.context = requireNonNull(context, "context is null");
        this.analyzer = requireNonNull(analyzer, "analyzer is null");
    }

    Section build() throws MetricException, SQLException {
        VocSummary summary = VocSummary.build(context.engine, analyzer, context.quarter, List.of("type"), VERBATIMS_PER_POLARITY);
        List<Block> blocks = new ArrayList<>();
        long comments = summary.totalComments();
        if (comments == 0) {
            blocks.add(new Report.Paragraph("No survey comment this quarter: nothing to analyse."));
            return new Section("Voice of the customer", blocks);
        }
        blocks.add(new Report.Paragraph(overview(summary, comments)));
        for (Map.Entry<Map<String, String>, List<ThemeStat>> entry : summary.topPositive().entrySet()) {
            String audience = audience(entry.getKey());
            blocks.add(new Report.Heading("Top positive themes (" + audience + ")"));
            blocks.add(entry.getValue().isEmpty() ? new Report.Paragraph("No theme with mostly positive comments.")
                    : themeTable("Positive themes " + audience, entry.getValue(), true));
        }
        List<ThemeStat> improvement = new ArrayList<>();
        summary.topImprovement().values().forEach(improvement::addAll);
        improvement.sort((a, b) -> Long.compare(b.negativeMentions(), a.negativeMentions()));
        blocks.add(new Report.Heading("Top improvement areas"));
        blocks.add(improvement.isEmpty() ? new Report.Paragraph("No theme with mostly negative comments.")
                : themeTable("Improvement areas", improvement, false));
        List<String> both = bothPraisedAndCriticised(summary, improvement);
        if (!both.isEmpty()) {
            boolean one = both.size() == 1;
            blocks.add(new Report.Paragraph("Both praised and criticised: " + String.join(", ", both) + (one ? " is" : " are")
                    + " among the most praised themes and among the most criticised. Many comments speak well of " + (one ? "it" : "them")
                    + " and many badly: a large topic with a divided audience, not a contradiction. The tables rank positive and negative"
                    + " mentions separately; the sentiment column says which side weighs more."));
        }

        blocks.add(new Report.Heading("Emerging topics"));
        if (summary.emerging().isEmpty()) {
            blocks.add(new Report.Paragraph("No topic outside the configured themes rose significantly since " + summary.previousPeriod() + "."));
        } else {
            List<String> items = new ArrayList<>();
            for (EmergingPhrases.Phrase phrase : summary.emerging()) {
                items.add(String.format(Locale.ROOT, "\"%s\": %,d comments (%.1f%% of comments, %.1f%% in %s)%s. E.g. \"%s\"",
                        phrase.phrase(), phrase.mentions(), phrase.sharePct(), phrase.previousSharePct(), summary.previousPeriod(),
                        phrase.sentiment() == null ? "" : String.format(Locale.ROOT, ", mean sentiment %+.2f", phrase.sentiment()),
                        phrase.example()));
            }
            blocks.add(new Report.Bullets(items));
            blocks.add(new Report.Paragraph("Words and phrases in no configured theme whose share of comments rose significantly "
                    + "(two-proportion test, p < 0.001); a recurring one deserves a theme of its own (voc.themes in pulse.yaml)."));
        }

        blocks.add(new Report.Heading("What customers and partners say"));
        List<String> quotes = new ArrayList<>();
        for (var theme : summary.verbatims().entrySet()) {
            String label = summary.label(theme.getKey());
            for (var polarity : theme.getValue().entrySet()) {
                for (Verbatims.Verbatim verbatim : polarity.getValue()) {
                    String who = verbatim.accountType() == null ? "" : verbatim.accountType().toLowerCase(Locale.ROOT).startsWith("partner")
                            ? "partner, " : "customer, ";
                    quotes.add(label + " (" + who + polarity.getKey() + ", " + verbatim.language() + "): \u201c" + verbatim.text() + "\u201d");
                }
            }
        }
        blocks.add(quotes.isEmpty() ? new Report.Paragraph("No verbatim to show.") : new Report.Bullets(quotes));
        blocks.add(new Report.Paragraph("Typical comments (sentiment near the theme's median, not the most extreme), e-mail addresses, "
                + "phone numbers and names masked. Sentiment runs from -1 (negative) to +1 (positive), read per clause (\"fast "
                + "support, but the invoice was wrong\" counts positive for support, negative for billing) by lexicon rules in English "
                + "and Spanish; on public labelled review sentences the labels agree with people's about 85 % of the time (docs/benchmarks.md)."));
        return new Section("Voice of the customer", blocks);
    }

    /** The themes of the improvement table that an audience's top positive table lists too, as "Mobile app (customers)". */
    private static List<String> bothPraisedAndCriticised(VocSummary summary, List<ThemeStat> improvement) {
        List<String> both = new ArrayList<>();
        for (ThemeStat area : improvement) {
            List<ThemeStat> praised = summary.topPositive().getOrDefault(area.group(), List.of());
            if (praised.stream().anyMatch(t -> t.theme().equals(area.theme()))) {
                both.add(area.label() + " (" + audience(area.group()) + ")");
            }
        }
        return both;
    }

    private static String overview(VocSummary summary, long comments) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d survey comments in %s", comments, summary.period()));
        List<String> languages = new ArrayList<>();
        summary.commentsByLanguage().forEach((language, n) -> languages.add(String.format(Locale.ROOT, "%,d in %s", n, languageName(language))));
        text.append(" (").append(String.join(", ", languages)).append(")");
        for (MetricValue value : summary.comments()) {
            if (value.metric().equals("comment_sentiment") && value.value() != null) {
                text.append(String.format(Locale.ROOT, "; mean sentiment in %s %+.2f (%+.2f to %+.2f)",
                        languageName(value.group().get("language")), value.value(), value.ciLow(), value.ciHigh()));
            }
        }
        return text.append(". Themes are ranked by their positive (or negative) mentions; a theme's share is of its audience's comments.")
                .toString();
    }

    private static String languageName(String code) {
        return switch (code == null ? "" : code) {
            case "en" -> "English";
            case "es" -> "Spanish";
            default -> "other languages";
        };
    }

    private static String audience(Map<String, String> group) {
        String type = group.get("type");
        return type == null ? "accounts without a type" : type.toLowerCase(Locale.ROOT).startsWith("partner") ? "partners" : "customers";
    }

    private Report.Table themeTable(String sheet, List<ThemeStat> themes, boolean positive) {
        List<Column> columns = new ArrayList<>(List.of(Column.left(positive ? "Theme" : "Area")));
        if (!positive) {
            columns.add(Column.left("Audience"));
        }
        columns.addAll(List.of(Column.right(positive ? "Positive of all mentions" : "Negative of all mentions"),
                Column.right("Share of comments"), Column.right("Sentiment (95% CI)"), Column.right("vs " + context.previous),
                Column.right("NPS mentioning vs others")));
        List<List<Cell>> rows = new ArrayList<>();
        for (ThemeStat t : themes) {
            List<Cell> row = new ArrayList<>(List.of(Cell.text(t.label())));
            if (!positive) {
                row.add(Cell.text(audience(t.group())));
            }
            long count = positive ? t.positiveMentions() : t.negativeMentions();
            row.add(new Cell(String.format(Locale.ROOT, "%,d of %,d", count, t.mentions()), (double) count, Tone.NONE));
            row.add(Figures.percent(t.sharePct()));
            row.add(t.sentiment() == null ? Cell.text("–") : new Cell(String.format(Locale.ROOT, "%+.2f (%+.2f to %+.2f)%s", t.sentiment(),
                    t.ciLow(), t.ciHigh(), t.lowSample() ? " " + Figures.LOW_SAMPLE : ""), t.sentiment(), Tone.NONE));
            row.add(sentimentChange(t.sentimentChange()));
            row.add(t.npsWith() == null || t.npsWithout() == null ? Cell.text("–")
                    : new Cell(String.format(Locale.ROOT, "%.1f vs %.1f%s", t.npsWith(), t.npsWithout(),
                    t.npsWithN() < 30 ? " " + Figures.LOW_SAMPLE : ""), t.npsWith(),
                    !t.npsGapSignificant() ? Tone.NONE : t.npsGap() > 0 ? Tone.GOOD : Tone.BAD));
            rows.add(row);
        }
        return new Report.Table(sheet.length() > 31 ? sheet.substring(0, 31) : sheet, columns, rows,
                "NPS mentioning vs others: NPS of respondents whose comment raises the theme against the NPS of the audience's other "
                        + "commenting respondents, coloured when they differ significantly (the spec's NPS test). † fewer than 30.");
    }

    private static Cell sentimentChange(Change change) {
        if (change == null) {
            return Cell.text("–");
        }
        String text = String.format(Locale.ROOT, "%+.2f", change.delta());
        return switch (change.verdict()) {
            case UP -> new Cell(text + " ↑", change.delta(), Tone.GOOD);
            case DOWN -> new Cell(text + " ↓", change.delta(), Tone.BAD);
            case STABLE, UNTESTED -> new Cell(text + " (stable)", change.delta(), Tone.MUTED);
        };
    }
}
