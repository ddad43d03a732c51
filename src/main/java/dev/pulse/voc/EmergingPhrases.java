package dev.pulse.voc;

import dev.pulse.engine.Sql;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.Source;
import dev.pulse.metrics.Statistics;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Topics customers start talking about that no configured theme covers: words and two-word
 * phrases (stems of content words; not opinion words, not theme terms) whose share of comments
 * rose from the previous period to this one by a two-proportion z test at z >= 3.29 (two-sided
 * p < 0.001, strict because hundreds of phrases are tested at once), mentioned in at least
 * {@code minimumMentions} comments. A two-word phrase replaces its words when it accounts for most
 * of their mentions, and a phrase found mostly in the comments of a stronger one is part of its topic.
 */
public final class EmergingPhrases {
    static final double Z_CRITICAL = 3.29;

    private EmergingPhrases() {
    }

    /**
     * A rising phrase.
     *
     * @param phrase   as customers write it (the commonest spelling)
     * @param stems    the stems it was counted on
     * @param sharePct % of this period's comments that contain it
     * @param previousSharePct % of the previous period's comments
     * @param example  one masked comment containing it
     */
    public record Phrase(String phrase, String stems, long mentions, long comments, double sharePct, long previousMentions,
                         long previousComments, double previousSharePct, double z, Double sentiment, String example) {
        public Phrase {
            requireNonNull(phrase, "phrase is null");
        }
    }

    public static List<Phrase> find(MetricEngine engine, CommentAnalyzer analyzer, PeriodRange current, PeriodRange previous,
                                    int minimumMentions, int limit) throws SQLException {
        Set<String> excluded = analyzer.taxonomy().termStems();
        Counts now = count(engine, current, analyzer, excluded, true);
        Counts before = count(engine, previous, analyzer, excluded, false);
        if (now.comments == 0 || before.comments == 0) {
            return List.of();
        }
        List<Phrase> rising = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : now.mentions.entrySet()) {
            int c1 = entry.getValue();
            if (c1 < minimumMentions) {
                continue;
            }
            int c0 = before.mentions.getOrDefault(entry.getKey(), 0);
            double z = Statistics.pooledTwoProportionZ(c1, now.comments, c0, before.comments);
            if (z >= Z_CRITICAL) {
                rising.add(new Phrase(entry.getKey(), entry.getKey(), c1, now.comments, 100.0 * c1 / now.comments, c0, before.comments,
                        100.0 * c0 / before.comments, z, null, null));
            }
        }
        // A two-word phrase stands for its words when it carries most of their mentions.
        Set<String> covered = new HashSet<>();
        for (Phrase phrase : rising) {
            String[] words = phrase.stems().split(" ");
            if (words.length == 2) {
                for (String word : words) {
                    Integer single = now.mentions.get(word);
                    if (single != null && phrase.mentions() >= 0.6 * single) {
                        covered.add(word);
                    }
                }
            }
        }
        rising.removeIf(p -> covered.contains(p.stems()));
        rising.sort((a, b) -> Double.compare(b.z(), a.z()));
        // Phrases of the same comments are one topic ("eSIM", "semana eSIM", "sucursal"): keep the strongest.
        List<Phrase> candidates = rising.subList(0, Math.min(rising.size(), 40));
        Map<String, Set<Integer>> comments = commentsOf(now.terms, candidates);
        List<Phrase> top = new ArrayList<>();
        List<Set<Integer>> kept = new ArrayList<>();
        for (Phrase phrase : candidates) {
            Set<Integer> own = comments.getOrDefault(phrase.stems(), Set.of());
            boolean sameTopic = kept.stream().anyMatch(k -> overlap(own, k) >= 0.5 * own.size());
            if (!sameTopic && top.size() < limit) {
                kept.add(own);
                top.add(describe(engine, analyzer, current, phrase));
            }
        }
        return top;
    }

    private static long overlap(Set<Integer> a, Set<Integer> b) {
        return a.stream().filter(b::contains).count();
    }

    /** For each candidate phrase, the comments (by their position in the period's terms) that contain it. */
    private static Map<String, Set<Integer>> commentsOf(List<String> periodTerms, List<Phrase> candidates) {
        Map<String, Set<Integer>> comments = new HashMap<>();
        for (int i = 0; i < periodTerms.size(); i++) {
            String terms = " " + periodTerms.get(i) + " ";
            for (Phrase phrase : candidates) {
                if (terms.contains(" " + phrase.stems() + " ")) {
                    comments.computeIfAbsent(phrase.stems(), k -> new HashSet<>()).add(i);
                }
            }
        }
        return comments;
    }

    private static final class Counts {
        long comments;
        final Map<String, Integer> mentions = new HashMap<>();
        /** Each comment's terms, when kept for telling which candidates share comments. */
        final List<String> terms = new ArrayList<>();
    }

    /** Comments of the range and, per phrase, how many contain it; one scan; keeps the terms when asked. */
    private static Counts count(MetricEngine engine, PeriodRange range, CommentAnalyzer analyzer, Set<String> excluded, boolean keepTerms)
            throws SQLException {
        Counts counts = new Counts();
        Sql sql = new Sql.Builder().add("SELECT r.terms FROM (").add(engine.sourceRows(Source.COMMENTS, range)).add(") r").build();
        Map<String, Boolean> allowed = new HashMap<>();
        engine.database().stream(sql, row -> {
            counts.comments++;
            String terms = row.getString(1);
            if (terms == null || terms.isEmpty()) {
                return;
            }
            if (keepTerms) {
                counts.terms.add(terms);
            }
            String[] stems = terms.split(" ");
            Set<String> phrases = new HashSet<>();
            for (int i = 0; i < stems.length; i++) {
                if (!allowed.computeIfAbsent(stems[i], s -> topical(s, analyzer, excluded))) {
                    continue;
                }
                phrases.add(stems[i]);
                if (i + 1 < stems.length && allowed.computeIfAbsent(stems[i + 1], s -> topical(s, analyzer, excluded))) {
                    phrases.add(stems[i] + " " + stems[i + 1]);
                }
            }
            for (String phrase : phrases) {
                counts.mentions.merge(phrase, 1, Integer::sum);
            }
        });
        return counts;
    }

    /** A stem that can name a topic: not a theme's term, not an opinion word, not a number, at least three letters. */
    private static boolean topical(String stem, CommentAnalyzer analyzer, Set<String> excluded) {
        return stem.length() >= 3 && stem.chars().anyMatch(Character::isLetter) && !excluded.contains(stem)
                && !analyzer.isOpinionStem(stem);
    }

    /** The commonest spelling of the phrase, its comments' mean sentiment and one example. */
    private static Phrase describe(MetricEngine engine, CommentAnalyzer analyzer, PeriodRange range, Phrase phrase) throws SQLException {
        Sql sql = new Sql.Builder().add("SELECT r.comment, r.language, r.sentiment FROM (").add(engine.sourceRows(Source.COMMENTS, range))
                .add(Sql.of(") r WHERE strpos(' ' || r.terms || ' ', ?) > 0 ORDER BY r.response_id LIMIT 500", " " + phrase.stems() + " "))
                .build();
        Map<String, Integer> spellings = new HashMap<>();
        double sum = 0;
        int scored = 0;
        String example = null;
        List<String> stems = List.of(phrase.stems().split(" "));
        for (Map<String, Object> row : engine.database().query(sql)) {
            String text = (String) row.get("comment");
            Language language = Language.fromCode((String) row.get("language"));
            String spelling = analyzer.spelling(text, language, stems);
            if (spelling != null) {
                spellings.merge(spelling, 1, Integer::sum);
            }
            if (row.get("sentiment") != null) {
                sum += ((Number) row.get("sentiment")).doubleValue();
                scored++;
            }
            if (example == null || text.length() < example.length() && text.length() >= 25) {
                example = text;
            }
        }
        String best = spellings.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(phrase.stems());
        return new Phrase(best, phrase.stems(), phrase.mentions(), phrase.comments(), phrase.sharePct(), phrase.previousMentions(),
                phrase.previousComments(), phrase.previousSharePct(), phrase.z(), scored == 0 ? null : sum / scored,
                example == null ? null : PiiMasker.mask(example));
    }
}
