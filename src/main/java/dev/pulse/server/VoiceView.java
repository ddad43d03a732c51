package dev.pulse.server;

import dev.pulse.metrics.MetricValue;
import dev.pulse.voc.EmergingPhrases;
import dev.pulse.voc.ThemeInsights;
import dev.pulse.voc.Verbatims;
import dev.pulse.voc.VocSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The voice-of-the-customer page's content, from a summary: plain text for the template. */
public record VoiceView(String period, String comments, List<String> languages, List<Group> groups, List<ThemeRow> themes,
                        List<String> emerging, List<Quotes> quotes) {
    public VoiceView {
        languages = List.copyOf(languages);
        groups = List.copyOf(groups);
        themes = List.copyOf(themes);
        emerging = List.copyOf(emerging);
        quotes = List.copyOf(quotes);
    }

    /** Most praised and most criticised themes of one group (customers, partners). */
    public record Group(String name, List<String> praised, List<String> criticised) {
    }

    public record ThemeRow(String group, String theme, String mentions, String share, String sentiment, String interval, String negative,
                           boolean lowSample) {
    }

    public record Quotes(String theme, List<String> positive, List<String> negative) {
    }

    static VoiceView of(VocSummary summary) {
        long total = summary.totalComments();
        List<String> languages = new ArrayList<>();
        for (MetricValue value : summary.comments()) {
            if (value.metric().equals("comment_sentiment") && value.value() != null) {
                long comments = summary.commentsByLanguage().getOrDefault(value.group().get("language"), 0L);
                languages.add(String.format(Locale.ROOT, "%s: %,d comments, sentiment %+.2f", value.group().get("language"), comments,
                        value.value()));
            }
        }
        List<Group> groups = new ArrayList<>();
        for (var entry : summary.topPositive().entrySet()) {
            groups.add(new Group(name(entry.getKey()), entry.getValue().stream().map(t -> String.format(Locale.ROOT, "%s (%,d positive)",
                    t.label(), t.positiveMentions())).toList(), summary.topImprovement().getOrDefault(entry.getKey(), List.of()).stream()
                    .map(t -> String.format(Locale.ROOT, "%s (%,d negative)", t.label(), t.negativeMentions())).toList()));
        }
        List<ThemeRow> themes = new ArrayList<>();
        for (ThemeInsights.ThemeStat t : summary.themes()) {
            themes.add(new ThemeRow(name(t.group()), t.label(), String.format(Locale.ROOT, "%,d", t.mentions()),
                    String.format(Locale.ROOT, "%.1f %%", t.sharePct()),
                    t.sentiment() == null ? "" : String.format(Locale.ROOT, "%+.2f", t.sentiment()),
                    t.ciLow() == null ? "" : String.format(Locale.ROOT, "%+.2f – %+.2f", t.ciLow(), t.ciHigh()),
                    t.negativePct() == null ? "" : String.format(Locale.ROOT, "%.0f %%", t.negativePct()), t.lowSample()));
        }
        List<String> emerging = new ArrayList<>();
        for (EmergingPhrases.Phrase p : summary.emerging()) {
            emerging.add(String.format(Locale.ROOT, "\"%s\": %.1f %% of comments, was %.1f %%", p.phrase(), p.sharePct(), p.previousSharePct()));
        }
        List<Quotes> quotes = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Verbatims.Verbatim>>> theme : summary.verbatims().entrySet()) {
            quotes.add(new Quotes(summary.label(theme.getKey()), texts(theme.getValue().get("positive")), texts(theme.getValue().get("negative"))));
        }
        return new VoiceView(summary.period(), String.format(Locale.ROOT, "%,d", total), languages, groups, themes, emerging, quotes);
    }

    private static List<String> texts(List<Verbatims.Verbatim> verbatims) {
        return verbatims == null ? List.of() : verbatims.stream().map(Verbatims.Verbatim::text).toList();
    }

    private static String name(Map<String, String> group) {
        if (group.isEmpty()) {
            return "all";
        }
        List<String> parts = new ArrayList<>();
        group.forEach((k, v) -> parts.add(k.equals("type") ? (v == null ? "unknown" : v + "s") : k + " " + v));
        return String.join(", ", parts);
    }
}
