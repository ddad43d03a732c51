package dev.pulse.voc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What Pulse reads in one comment.
 *
 * @param sentiment -1..+1; null for comments in a language Pulse does not score (unless their emoji speak)
 * @param label     negative, neutral or positive; null with the sentiment
 * @param themes    theme ids, in taxonomy order, each with the sentiment of the clauses that mention it
 *                  (so that "fast support, but the invoice was wrong" is positive on support and negative
 *                  on billing); the sentiment is null where the comment's is
 * @param terms     the content words' stems in order (no function words), for search and emerging phrases
 */
public record CommentAnalysis(Language language, Double sentiment, String label, Map<String, Double> themes, List<String> terms) {
    /** Scores within this distance of 0 are neutral (VADER's threshold). */
    public static final double NEUTRAL_BAND = 0.05;

    public CommentAnalysis {
        requireNonNull(language, "language is null");
        themes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(themes, "themes is null")));
        terms = List.copyOf(requireNonNull(terms, "terms is null"));
    }

    public static String label(Double sentiment) {
        if (sentiment == null) {
            return null;
        }
        return sentiment >= NEUTRAL_BAND ? "positive" : sentiment <= -NEUTRAL_BAND ? "negative" : "neutral";
    }
}
