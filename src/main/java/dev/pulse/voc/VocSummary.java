package dev.pulse.voc;

import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.PeriodRange;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The voice of the customer for one period, as the report and `pulse voc` show it: comment
 * volume and sentiment by language, theme statistics per group (customers and partners by
 * default), top positive themes and top improvement areas per group, emerging phrases, and
 * verbatims for the themes shown.
 */
public record VocSummary(String period, String previousPeriod, List<String> dimensions, List<MetricValue> comments,
                         List<ThemeInsights.ThemeStat> themes, Map<Map<String, String>, List<ThemeInsights.ThemeStat>> topPositive,
                         Map<Map<String, String>, List<ThemeInsights.ThemeStat>> topImprovement, List<EmergingPhrases.Phrase> emerging,
                         Map<String, Map<String, List<Verbatims.Verbatim>>> verbatims) {
    /** Themes with fewer mentions than this are not ranked among the top themes. */
    public static final int MIN_MENTIONS = 10;
    public static final int TOP = 5;
    /** A theme is an improvement area when at least this % of its scored mentions are negative; ranked by negative mentions. */
    public static final double IMPROVEMENT_NEGATIVE_PCT = 25;

    public VocSummary {
        requireNonNull(period, "period is null");
        dimensions = List.copyOf(dimensions);
        comments = List.copyOf(comments);
        themes = List.copyOf(themes);
    }

    /**
     * Builds the summary of a period label (2024-Q4, 2024-11, ...), themes grouped by the
     * dimensions, with up to {@code verbatimsPerPolarity} verbatims per theme and polarity for the
     * themes ranked top.
     */
    public static VocSummary build(MetricEngine engine, CommentAnalyzer analyzer, String period, List<String> dimensions,
                                   int verbatimsPerPolarity) throws MetricException, SQLException {
        PeriodRange range = PeriodRange.parse(period);
        String previous = PeriodRange.previousLabel(PeriodRange.grainOf(period), period);
        List<MetricValue> comments = engine.compute(new MetricQuery(List.of("comments", "comment_sentiment", "negative_comment_pct"),
                List.of("language"), range));
        List<ThemeInsights.ThemeStat> themes = ThemeInsights.compute(engine, period, dimensions, analyzer.taxonomy().labels());

        Map<Map<String, String>, List<ThemeInsights.ThemeStat>> byGroup = new LinkedHashMap<>();
        themes.forEach(t -> byGroup.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(t));
        Map<Map<String, String>, List<ThemeInsights.ThemeStat>> positive = new LinkedHashMap<>();
        Map<Map<String, String>, List<ThemeInsights.ThemeStat>> improvement = new LinkedHashMap<>();
        for (var entry : byGroup.entrySet()) {
            positive.put(entry.getKey(), entry.getValue().stream()
                    .filter(t -> t.mentions() >= MIN_MENTIONS && t.sentiment() != null && t.sentiment() > 0)
                    .sorted(Comparator.comparingLong(ThemeInsights.ThemeStat::positiveMentions).reversed()).limit(TOP).toList());
            improvement.put(entry.getKey(), entry.getValue().stream()
                    .filter(t -> t.mentions() >= MIN_MENTIONS && t.negativePct() != null && t.negativePct() >= IMPROVEMENT_NEGATIVE_PCT)
                    .sorted(Comparator.comparingLong(ThemeInsights.ThemeStat::negativeMentions).reversed()).limit(TOP).toList());
        }
        List<EmergingPhrases.Phrase> emerging = EmergingPhrases.find(engine, analyzer, range, PeriodRange.parse(previous), MIN_MENTIONS, 8);

        Map<String, Map<String, List<Verbatims.Verbatim>>> verbatims = new LinkedHashMap<>();
        if (verbatimsPerPolarity > 0) {
            List<String> shown = new ArrayList<>();
            positive.values().forEach(list -> list.forEach(t -> addOnce(shown, t.theme())));
            improvement.values().forEach(list -> list.forEach(t -> addOnce(shown, t.theme())));
            verbatims.putAll(Verbatims.pick(engine, range, shown, Map.of(), verbatimsPerPolarity));
        }
        return new VocSummary(period, previous, dimensions, comments, themes, positive, improvement, emerging, verbatims);
    }

    /** Analysed comments of the period, all languages. */
    public long totalComments() {
        return comments.stream().filter(v -> v.metric().equals("comments")).mapToLong(MetricValue::n).sum();
    }

    /** Analysed comments of the period per language code, in the engine's order. */
    public Map<String, Long> commentsByLanguage() {
        Map<String, Long> byLanguage = new LinkedHashMap<>();
        comments.stream().filter(v -> v.metric().equals("comments")).forEach(v -> byLanguage.put(v.group().get("language"), v.n()));
        return byLanguage;
    }

    /** The label of a theme id as the summary's theme rows spell it (the id itself for a theme without rows). */
    public String label(String theme) {
        return themes.stream().filter(t -> t.theme().equals(theme)).map(ThemeInsights.ThemeStat::label).findFirst().orElse(theme);
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
