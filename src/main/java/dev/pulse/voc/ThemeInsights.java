package dev.pulse.voc;

import dev.pulse.metrics.Change;
import dev.pulse.metrics.Comparison;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.Statistics;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Per theme and group (any survey dimension: type, segment, tier, product, program, ...) in one
 * period: mentions, share of the group's comments, sentiment with its interval, the change of both
 * against the previous period with their tests, and the link to the score: the NPS of respondents
 * whose comment mentions the theme against the NPS of those whose comment does not. All of it from
 * the metric engine (theme_* and comment metrics), so `pulse metrics` gives the same numbers.
 */
public final class ThemeInsights {
    private ThemeInsights() {
    }

    /**
     * One theme in one group.
     *
     * @param sharePct          mentions as % of the group's analysed comments
     * @param shareChange       change of sharePct in points vs the previous period, two-proportion test; null without one
     * @param sentimentChange   change of the mean sentiment, Welch test; null without a previous value
     * @param npsWith           NPS of respondents whose comment mentions the theme (null without NPS answers)
     * @param npsWithout        NPS of the group's other commenting respondents
     * @param npsGapSignificant whether the two NPS differ beyond chance (the spec's NPS test)
     */
    public record ThemeStat(Map<String, String> group, String theme, String label, long mentions, long comments, double sharePct,
                            Double sentiment, Double ciLow, Double ciHigh, long scored, Double positivePct, Double negativePct,
                            boolean lowSample, Change shareChange, Change sentimentChange,
                            Double npsWith, long npsWithN, Double npsWithout, long npsWithoutN, boolean npsGapSignificant) {
        public ThemeStat {
            group = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(group, "group is null")));
            requireNonNull(theme, "theme is null");
        }

        /** Scored mentions labelled positive (rounded from the share). */
        public long positiveMentions() {
            return positivePct == null ? 0 : Math.round(positivePct * scored / 100);
        }

        public long negativeMentions() {
            return negativePct == null ? 0 : Math.round(negativePct * scored / 100);
        }

        public Double npsGap() {
            return npsWith == null || npsWithout == null ? null : npsWith - npsWithout;
        }
    }

    /** Theme statistics for a period label (2024-Q4, 2024-10, ...), each compared with the previous period. */
    public static List<ThemeStat> compute(MetricEngine engine, String period, List<String> dimensions, Map<String, String> labels)
            throws MetricException, SQLException {
        List<String> groupDimensions = List.copyOf(dimensions);
        String grain = PeriodRange.grainOf(period).dimensionName();
        PeriodRange current = PeriodRange.parse(period);
        List<String> byTheme = new ArrayList<>(List.of(grain, "theme"));
        byTheme.addAll(groupDimensions);
        List<String> byGroup = new ArrayList<>(List.of(grain));
        byGroup.addAll(groupDimensions);
        Map<String, Comparison.Compared> themeValues = compared(engine, List.of("theme_mentions", "theme_sentiment", "theme_positive_pct",
                "theme_negative_pct", "theme_nps"), byTheme, current, groupDimensions, true);
        Map<String, Comparison.Compared> groupValues = compared(engine, List.of("comments", "commented_nps"), byGroup, current,
                groupDimensions, false);

        List<ThemeStat> stats = new ArrayList<>();
        for (Comparison.Compared mention : themeValues.values()) {
            if (!mention.value().metric().equals("theme_mentions")) {
                continue;
            }
            MetricValue m = mention.value();
            String themeKey = key(m.group(), groupDimensions, true);
            String groupKey = key(m.group(), groupDimensions, false);
            Comparison.Compared comments = groupValues.get("comments" + groupKey);
            if (comments == null || comments.value().n() == 0) {
                continue;
            }
            long total = comments.value().n();
            double share = 100.0 * m.n() / total;
            Change shareChange = null;
            if (mention.earlier() != null && comments.earlier() != null && comments.earlier().n() > 0) {
                long before = mention.earlier().n();
                long beforeTotal = comments.earlier().n();
                double delta = share - 100.0 * before / beforeTotal;
                boolean significant = Statistics.shareChangeSignificant(m.n(), total, before, beforeTotal);
                shareChange = new Change(delta, !significant ? Change.Verdict.STABLE : delta > 0 ? Change.Verdict.UP : Change.Verdict.DOWN);
            }
            Comparison.Compared sentiment = themeValues.get("theme_sentiment" + themeKey);
            Comparison.Compared positive = themeValues.get("theme_positive_pct" + themeKey);
            Comparison.Compared negative = themeValues.get("theme_negative_pct" + themeKey);
            Comparison.Compared nps = themeValues.get("theme_nps" + themeKey);
            Comparison.Compared allNps = groupValues.get("commented_nps" + groupKey);
            Double npsWith = null;
            Double npsWithout = null;
            long withN = 0;
            long withoutN = 0;
            boolean gapSignificant = false;
            if (nps != null && nps.value().n() > 0 && allNps != null && allNps.value().n() > nps.value().n()) {
                MetricValue with = nps.value();
                MetricValue all = allNps.value();
                long p1 = with.stats().get("promoters").longValue();
                long d1 = with.stats().get("detractors").longValue();
                long p2 = all.stats().get("promoters").longValue() - p1;
                long d2 = all.stats().get("detractors").longValue() - d1;
                withN = with.n();
                withoutN = all.n() - with.n();
                npsWith = with.value();
                npsWithout = Statistics.nps(p2, d2, withoutN);
                gapSignificant = Statistics.npsChangeSignificant(p1, d1, withN, p2, d2, withoutN);
            }
            MetricValue s = sentiment == null ? null : sentiment.value();
            Map<String, String> group = new LinkedHashMap<>();
            for (String dimension : groupDimensions) {
                group.put(dimension, m.group().get(dimension));
            }
            String theme = m.group().get("theme");
            stats.add(new ThemeStat(group, theme, labels.getOrDefault(theme, theme), m.n(), total, share,
                    s == null ? null : s.value(), s == null ? null : s.ciLow(), s == null ? null : s.ciHigh(), s == null ? 0 : s.n(),
                    positive == null ? null : positive.value().value(), negative == null ? null : negative.value().value(),
                    s == null || s.lowSample(), shareChange, sentiment == null ? null : sentiment.change(),
                    npsWith, withN, npsWithout, withoutN, gapSignificant));
        }
        stats.sort((a, b) -> {
            int byGroupOrder = String.valueOf(a.group()).compareTo(String.valueOf(b.group()));
            return byGroupOrder != 0 ? byGroupOrder : Long.compare(b.mentions(), a.mentions());
        });
        return stats;
    }

    /** The metrics' values of the period next to the previous period's, by metric name and group key. */
    private static Map<String, Comparison.Compared> compared(MetricEngine engine, List<String> metrics, List<String> by, PeriodRange period,
                                                             List<String> groupDimensions, boolean withTheme)
            throws MetricException, SQLException {
        Map<String, Comparison.Compared> values = new HashMap<>();
        for (Comparison.Compared c : Comparison.compute(engine, new MetricQuery(metrics, by, period), Comparison.Against.PREVIOUS)) {
            values.put(c.value().metric() + key(c.value().group(), groupDimensions, withTheme), c);
        }
        return values;
    }

    /** The key of a value's group: the chosen dimensions (and the theme when asked), without the period. */
    private static String key(Map<String, String> group, List<String> dimensions, boolean withTheme) {
        StringBuilder key = new StringBuilder("|");
        if (withTheme) {
            key.append(group.get("theme")).append('|');
        }
        for (String dimension : dimensions) {
            key.append(group.get(dimension)).append('|');
        }
        return key.toString();
    }
}
