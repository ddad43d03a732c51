package dev.pulse.voc;

import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.Source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Representative comments of a theme and polarity: of the comments whose clauses about the theme
 * have that label, those whose sentiment is nearest the group's median (typical, not the most extreme), that
 * read on their own (20 to 240 characters, preferably about that theme alone), distinct, and in both languages when
 * both occur; personal data masked.
 */
public final class Verbatims {
    private static final int CANDIDATES = 3000;

    private Verbatims() {
    }

    /** A verbatim as shown: masked text, its language and sentiment, and the type of account that wrote it (customer, partner; null if unknown). */
    public record Verbatim(String responseId, String text, String language, double sentiment, String accountType) {
        public Verbatim {
            requireNonNull(text, "text is null");
        }
    }

    /**
     * Up to {@code count} verbatims of each theme and label (positive, negative) in the range, among
     * rows matching {@code filters} (survey dimensions of the comment-theme rows, e.g. type = partner):
     * theme → label → verbatims. One query for all of them: at 10 M tickets one query per theme and
     * label took 0.45 s each, 9 of the report's 31 s.
     */
    public static Map<String, Map<String, List<Verbatim>>> pick(MetricEngine engine, PeriodRange range, List<String> themes,
                                                                Map<String, String> filters, int count) throws SQLException {
        Map<String, Map<String, List<Verbatim>>> picked = new LinkedHashMap<>();
        for (String theme : themes) {
            Map<String, List<Verbatim>> byLabel = new LinkedHashMap<>();
            for (String label : LABELS) {
                byLabel.put(label, new ArrayList<>());
            }
            picked.put(theme, byLabel);
        }
        if (themes.isEmpty()) {
            return picked;
        }
        // The first CANDIDATES comments by response id of each theme and label; the other themes each comment mentions, counted.
        Sql.Builder candidates = new Sql.Builder()
                .add("SELECT r.response_id, r.comment, r.language, r.theme_sentiment AS sentiment, r.theme, r.theme_label, r.type AS account_type,"
                        + " row_number() OVER (PARTITION BY r.theme, r.theme_label ORDER BY r.response_id) AS candidate FROM (")
                .add(engine.sourceRows(Source.COMMENT_THEMES, range))
                .add(") r WHERE r.theme IN (")
                .add(Sql.of(String.join(", ", java.util.Collections.nCopies(themes.size(), "?")), themes.toArray()))
                .add(Sql.of(") AND r.theme_label IN (?, ?)", LABELS.get(0), LABELS.get(1)));
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            if (!Source.COMMENT_THEMES.dimensions().contains(filter.getKey())) {
                throw new IllegalArgumentException("not a dimension of comments: " + filter.getKey());
            }
            candidates.add(Sql.of(" AND lower(CAST(r." + engine.database().dialect().identifier(filter.getKey()) + " AS VARCHAR)) = lower(?)",
                    filter.getValue()));
        }
        Sql sql = new Sql.Builder().add("SELECT c.*, (SELECT count(*) FROM " + Schema.COMMENT_THEMES
                        + " x WHERE x.response_id = c.response_id) AS themes FROM (")
                .add(candidates.build()).add(Sql.of(") c WHERE c.candidate <= ?", CANDIDATES)).build();
        Map<String, Map<String, List<Map<String, Object>>>> rows = new LinkedHashMap<>();
        for (Map<String, Object> row : engine.database().query(sql)) {
            rows.computeIfAbsent((String) row.get("theme"), t -> new LinkedHashMap<>())
                    .computeIfAbsent((String) row.get("theme_label"), l -> new ArrayList<>()).add(row);
        }
        for (var theme : rows.entrySet()) {
            for (var label : theme.getValue().entrySet()) {
                picked.get(theme.getKey()).put(label.getKey(), typical(label.getValue(), count));
            }
        }
        return picked;
    }

    private static final List<String> LABELS = List.of("positive", "negative");

    /** The most typical and readable of one theme's and label's candidate rows, distinct, both languages when both occur. */
    private static List<Verbatim> typical(List<Map<String, Object>> rows, int count) {
        List<Double> sentiments = rows.stream().map(r -> ((Number) r.get("sentiment")).doubleValue()).sorted().toList();
        double median = sentiments.get(sentiments.size() / 2);
        List<Map<String, Object>> ranked = new ArrayList<>(rows);
        ranked.sort(Comparator.comparingDouble((Map<String, Object> r) -> readability(r, median))
                .thenComparing(r -> (String) r.get("response_id")));
        List<Verbatim> picked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int perLanguage = Math.max(1, (count + 1) / 2);
        for (int pass = 0; pass < 2 && picked.size() < count; pass++) {
            for (Map<String, Object> row : ranked) {
                if (picked.size() >= count) {
                    break;
                }
                String text = PiiMasker.mask(((String) row.get("comment")).strip());
                String language = (String) row.get("language");
                long sameLanguage = picked.stream().filter(v -> v.language().equals(language)).count();
                String firstSentence = text.split("(?<=[.!?])\\s", 2)[0].replaceAll("[^\\p{L}\\p{N} ]", "").strip();
                if (seen.contains(firstSentence) || pass == 0 && sameLanguage >= perLanguage) {
                    continue; // the same comment with a different tail is no second example
                }
                seen.add(firstSentence);
                picked.add(new Verbatim((String) row.get("response_id"), text, language,
                        ((Number) row.get("sentiment")).doubleValue(), (String) row.get("account_type")));
            }
        }
        return picked;
    }

    /** Lower is better: distance from the median sentiment, plus penalties for other themes and awkward length. */
    private static double readability(Map<String, Object> row, double median) {
        double sentiment = ((Number) row.get("sentiment")).doubleValue();
        int length = ((String) row.get("comment")).strip().length();
        long themes = ((Number) row.get("themes")).longValue();
        double penalty = (themes - 1) * 0.5; // a comment about one theme reads as that theme's example
        if (length < 20 || length > 240) {
            penalty += 1;
        }
        return Math.abs(sentiment - median) + penalty;
    }
}
