package dev.pulse.voc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Language, sentiment and themes of a comment. Thread-safe; build one and share it (loading the resources takes a second). */
public final class CommentAnalyzer {
    private final Lexicon english;
    private final Lexicon spanish;
    private final SentimentScorer englishScorer;
    private final SentimentScorer spanishScorer;
    private final LanguageDetector detector;
    private final ThemeTaxonomy taxonomy;

    public CommentAnalyzer(ThemeTaxonomy taxonomy) {
        this.taxonomy = requireNonNull(taxonomy, "taxonomy is null");
        this.english = Lexicon.english();
        this.spanish = Lexicon.spanish();
        this.englishScorer = new SentimentScorer(english);
        this.spanishScorer = new SentimentScorer(spanish);
        this.detector = new LanguageDetector(english, spanish);
    }

    public ThemeTaxonomy taxonomy() {
        return taxonomy;
    }

    public CommentAnalysis analyze(String comment) {
        String text = PiiMasker.withoutContacts(comment);
        List<Token> plain = Text.tokens(text, null);
        Language language = detector.detect(text, plain);
        return analyze(text, language);
    }

    /** Analysis in a given language (the language detector skipped), for evaluation on labelled sets. */
    public CommentAnalysis analyze(String comment, Language language) {
        Lexicon lexicon = lexicon(language);
        List<Token> tokens = Text.tokens(comment, lexicon == null ? null : lexicon.stemmer());
        SentimentScorer scorer = lexicon == null ? null : lexicon == english ? englishScorer : spanishScorer;
        Double sentiment;
        if (scorer != null) {
            sentiment = scorer.score(tokens);
        } else {
            // Other languages are not scored, but emoji and emoticons read the same in every language.
            double emoji = englishScorer.score(tokens.stream().filter(t -> t.kind() == Token.Kind.EMOJI).toList());
            sentiment = emoji == 0 ? null : emoji;
        }
        Map<String, Double> themes = new LinkedHashMap<>();
        Map<String, List<Integer>> mentions = taxonomy.match(language, tokens);
        if (!mentions.isEmpty()) {
            List<int[]> clauses = scorer == null ? List.of() : clauses(tokens, lexicon);
            for (Map.Entry<String, List<Integer>> mention : mentions.entrySet()) {
                themes.put(mention.getKey(), scorer == null ? null : themeSentiment(scorer, tokens, clauses, mention.getValue()));
            }
        }
        List<String> terms = new ArrayList<>();
        for (Token token : tokens) {
            if (isContentWord(token)) {
                terms.add(token.stem());
            }
        }
        return new CommentAnalysis(language, sentiment, CommentAnalysis.label(sentiment), themes, terms);
    }

    /** The lexicon of an analysed language; null for other languages. */
    private Lexicon lexicon(Language language) {
        return switch (language) {
            case EN -> english;
            case ES -> spanish;
            case OTHER -> null;
        };
    }

    /** A word that can carry a topic: not a function word of either language, not a bare number. Its stem is a comment's term. */
    private boolean isContentWord(Token token) {
        return token.isWord() && !isFoldedFunctionWord(token.folded()) && token.folded().chars().anyMatch(Character::isLetter);
    }

    /** Clauses as [start, end) token ranges: split at sentence marks and at contrast words ("but", "pero"). */
    private static List<int[]> clauses(List<Token> tokens, Lexicon lexicon) {
        List<int[]> clauses = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            int contrast = lexicon.contrastAt(tokens, i);
            boolean sentenceEnd = token.kind() == Token.Kind.PUNCTUATION && ".!?;".contains(token.text());
            if (contrast > 0 || sentenceEnd) {
                if (i > start) {
                    clauses.add(new int[]{start, i});
                }
                start = i + Math.max(contrast, 1);
                i = start - 1;
            }
        }
        if (start < tokens.size()) {
            clauses.add(new int[]{start, tokens.size()});
        }
        return clauses;
    }

    /** The mean sentiment of the clauses holding the theme's mentions (emphasis marks of the clause's sentence kept). */
    private static double themeSentiment(SentimentScorer scorer, List<Token> tokens, List<int[]> clauses, List<Integer> positions) {
        double sum = 0;
        int counted = 0;
        List<int[]> used = new ArrayList<>();
        for (int position : positions) {
            for (int[] clause : clauses) {
                if (position >= clause[0] && position < clause[1] && !used.contains(clause)) {
                    used.add(clause);
                    int end = clause[1];
                    while (end < tokens.size() && tokens.get(end).kind() != Token.Kind.WORD) {
                        end++; // the clause's own "!" or emoji
                    }
                    sum += scorer.score(tokens.subList(clause[0], end));
                    counted++;
                }
            }
        }
        return counted == 0 ? scorer.score(tokens) : sum / counted;
    }

    /** The stems a search word may appear as in English and in Spanish comments. */
    public List<String> searchStems(String word) {
        String folded = Text.fold(word);
        List<String> stems = new ArrayList<>();
        stems.add(english.stemmer().stem(folded));
        String es = spanish.stemmer().stem(folded);
        if (!stems.contains(es)) {
            stems.add(es);
        }
        return stems;
    }

    /** A word too common to search for ("the", "no", "de"): such words are not stored among a comment's terms. */
    public boolean isFunctionWord(String word) {
        return isFoldedFunctionWord(Text.fold(word));
    }

    private boolean isFoldedFunctionWord(String folded) {
        return english.isStopword(folded) || spanish.isStopword(folded);
    }

    /** How the words with these stems (in a row, function words skipped) are written in the comment, or null. */
    String spelling(String comment, Language language, List<String> stems) {
        Lexicon lexicon = lexicon(language);
        List<Token> words = new ArrayList<>();
        for (Token token : Text.tokens(comment, lexicon == null ? null : lexicon.stemmer())) {
            if (isContentWord(token)) {
                words.add(token);
            }
        }
        for (int i = 0; i + stems.size() <= words.size(); i++) {
            boolean match = true;
            for (int k = 0; k < stems.size() && match; k++) {
                match = words.get(i + k).stem().equals(stems.get(k));
            }
            if (match) {
                StringBuilder text = new StringBuilder();
                for (int k = 0; k < stems.size(); k++) {
                    text.append(k == 0 ? "" : " ").append(words.get(i + k).text());
                }
                return text.toString();
            }
        }
        return null;
    }

    /** Whether a stem is an opinion word in either language (such words are sentiment, not topics). */
    boolean isOpinionStem(String stem) {
        return english.knows(stem) || spanish.knows(stem);
    }
}
