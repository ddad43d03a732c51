package dev.pulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.metrics.Change;
import dev.pulse.metrics.MetricValue;
import dev.pulse.voc.EmergingPhrases;
import dev.pulse.voc.ThemeInsights;
import dev.pulse.voc.Verbatims;
import dev.pulse.voc.VocSummary;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How `pulse voc` prints a period's voice-of-the-customer summary: a readable table, CSV of the theme rows, or JSON. */
final class VocOutput {
    private VocOutput() {
    }

    static void printTable(VocSummary summary, PrintStream out) {
        out.printf("Voice of the customer, %s (changes vs %s; 95 %% intervals; arrows only for significant changes)%n%n",
                summary.period(), summary.previousPeriod());
        long total = summary.totalComments();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> language : summary.commentsByLanguage().entrySet()) {
            MetricValue sentiment = summary.comments().stream()
                    .filter(v -> v.metric().equals("comment_sentiment") && language.getKey().equals(v.group().get("language")))
                    .findFirst().orElse(null);
            if (sentiment == null || sentiment.value() == null) {
                parts.add(String.format(Locale.ROOT, "%s %,d (not scored: sentiment is for English and Spanish)", language.getKey(),
                        language.getValue()));
            } else if (sentiment.ciLow() == null) {
                parts.add(String.format(Locale.ROOT, "%s %,d (sentiment %+.2f)", language.getKey(), sentiment.n(), sentiment.value()));
            } else {
                parts.add(String.format(Locale.ROOT, "%s %,d (sentiment %+.2f, %+.2f to %+.2f)", language.getKey(), sentiment.n(),
                        sentiment.value(), sentiment.ciLow(), sentiment.ciHigh()));
            }
        }
        out.printf("%,d comments analysed: %s%n", total, parts.isEmpty() ? "none" : String.join("; ", parts));

        Map<Map<String, String>, List<ThemeInsights.ThemeStat>> byGroup = new java.util.LinkedHashMap<>();
        summary.themes().forEach(t -> byGroup.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(t));
        for (var entry : byGroup.entrySet()) {
            out.printf("%nThemes%s%n", groupName(entry.getKey()));
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("theme", "mentions", "share", "vs prev", "sentiment", "95% interval", "vs prev", "pos", "neg",
                    "NPS with", "NPS without"));
            for (ThemeInsights.ThemeStat t : entry.getValue()) {
                rows.add(List.of(t.label(), String.format("%,d", t.mentions()), String.format(Locale.ROOT, "%.1f%%", t.sharePct()),
                        change(t.shareChange(), "%+.1f pp"), t.sentiment() == null ? "" : String.format(Locale.ROOT, "%+.2f%s", t.sentiment(),
                                t.lowSample() ? " †" : ""),
                        t.ciLow() == null ? "" : String.format(Locale.ROOT, "%+.2f to %+.2f", t.ciLow(), t.ciHigh()),
                        change(t.sentimentChange(), "%+.2f"), percent(t.positivePct()), percent(t.negativePct()),
                        t.npsWith() == null ? "" : String.format(Locale.ROOT, "%.1f (n %,d)%s", t.npsWith(), t.npsWithN(), t.npsWithN() < 30 ? " †" : ""),
                        t.npsWithout() == null ? "" : String.format(Locale.ROOT, "%.1f%s", t.npsWithout(), t.npsGapSignificant() ? " *" : "")));
            }
            out.print(TextTable.render(rows, column -> column > 0 && column != 5, true));
            out.println("Top positive themes: " + names(summary.topPositive().get(entry.getKey()), true));
            out.println("Top improvement areas: " + names(summary.topImprovement().get(entry.getKey()), false));
        }
        out.println("\n† fewer than 30 scored comments (sentiment) or NPS answers (NPS with).  * NPS of those mentioning the theme"
                + " differs significantly from the others'.");

        out.printf("%nEmerging topics (in no theme; share of comments rose significantly since %s)%n", summary.previousPeriod());
        if (summary.emerging().isEmpty()) {
            out.println("  none");
        }
        for (EmergingPhrases.Phrase phrase : summary.emerging()) {
            out.printf(Locale.ROOT, "  \"%s\": %,d comments (%.1f%%, was %.1f%%; z = %.1f), sentiment %s%n    e.g. \"%s\"%n", phrase.phrase(),
                    phrase.mentions(), phrase.sharePct(), phrase.previousSharePct(), phrase.z(),
                    phrase.sentiment() == null ? "n/a" : String.format(Locale.ROOT, "%+.2f", phrase.sentiment()), phrase.example());
        }
        out.println("\nVerbatims (typical comments per theme, personal data masked)");
        for (var theme : summary.verbatims().entrySet()) {
            out.println("  " + summary.label(theme.getKey()));
            for (var polarity : theme.getValue().entrySet()) {
                for (Verbatims.Verbatim v : polarity.getValue()) {
                    out.printf("    %s [%s] %s%n", polarity.getKey().equals("positive") ? "+" : "-", v.language(), v.text());
                }
            }
        }
    }

    private static String groupName(Map<String, String> group) {
        if (group.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        group.forEach((k, v) -> parts.add(k + " = " + v));
        return " (" + String.join(", ", parts) + ")";
    }

    private static String names(List<ThemeInsights.ThemeStat> themes, boolean positive) {
        if (themes == null || themes.isEmpty()) {
            return "none";
        }
        List<String> names = new ArrayList<>();
        for (ThemeInsights.ThemeStat t : themes) {
            names.add(String.format("%s (%,d %s)", t.label(), positive ? t.positiveMentions() : t.negativeMentions(),
                    positive ? "positive" : "negative"));
        }
        return String.join(", ", names);
    }

    private static String percent(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.0f%%", value);
    }

    private static String change(Change change, String format) {
        if (change == null) {
            return "";
        }
        String arrow = switch (change.verdict()) {
            case UP -> " ↑";
            case DOWN -> " ↓";
            case STABLE -> " stable";
            case UNTESTED -> "";
        };
        return String.format(Locale.ROOT, format, change.delta()) + arrow;
    }

    static void printCsv(VocSummary summary, PrintStream out) {
        List<String> header = new ArrayList<>(summary.dimensions());
        header.addAll(List.of("theme", "label", "mentions", "comments", "share_pct", "share_change_pp", "share_change", "sentiment",
                "ci_low", "ci_high", "scored", "positive_pct", "negative_pct", "sentiment_change", "sentiment_change_verdict",
                "nps_with", "nps_with_n", "nps_without", "nps_without_n", "nps_gap_significant", "low_sample"));
        out.println(String.join(",", header));
        for (ThemeInsights.ThemeStat t : summary.themes()) {
            List<String> cells = new ArrayList<>();
            summary.dimensions().forEach(d -> cells.add(csv(t.group().get(d))));
            cells.addAll(List.of(t.theme(), csv(t.label()), Long.toString(t.mentions()), Long.toString(t.comments()), num(t.sharePct()),
                    t.shareChange() == null ? "" : num(t.shareChange().delta()), t.shareChange() == null ? "" : t.shareChange().verdict().name().toLowerCase(Locale.ROOT),
                    num(t.sentiment()), num(t.ciLow()), num(t.ciHigh()), Long.toString(t.scored()), num(t.positivePct()), num(t.negativePct()),
                    t.sentimentChange() == null ? "" : num(t.sentimentChange().delta()),
                    t.sentimentChange() == null ? "" : t.sentimentChange().verdict().name().toLowerCase(Locale.ROOT),
                    num(t.npsWith()), Long.toString(t.npsWithN()), num(t.npsWithout()), Long.toString(t.npsWithoutN()),
                    Boolean.toString(t.npsGapSignificant()), Boolean.toString(t.lowSample())));
            out.println(String.join(",", cells));
        }
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String num(Double value) {
        return value == null ? "" : Double.toString(value);
    }

    static String json(VocSummary summary) throws Exception {
        return dev.pulse.voc.VocJson.of(summary);
    }
}
