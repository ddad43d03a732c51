package dev.pulse.voc;

import java.util.ArrayList;
import java.util.List;

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
        List<Token> plain = Text.tokens(comment, null);
        Language language = detector.detect(comment, plain);
        return analyze(comment, language);
    }

    /** Analysis in a given language (the language detector skipped), for evaluation on labelled sets. */
    public CommentAnalysis analyze(String comment, Language language) {
        Lexicon lexicon = switch (language) {
            case EN -> english;
            case ES -> spanish;
            case OTHER -> null;
        };
        List<Token> tokens = Text.tokens(comment, lexicon == null ? null : lexicon.stemmer());
        Double sentiment = null;
        if (lexicon != null) {
            sentiment = (lexicon == english ? englishScorer : spanishScorer).score(tokens);
        }
        boolean[] covered = new boolean[tokens.size()];
        List<String> themes = taxonomy.match(language, tokens, covered);
        List<String> terms = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isWord() && !english.isStopword(token.folded()) && !spanish.isStopword(token.folded())
                    && token.folded().chars().anyMatch(Character::isLetter)) {
                terms.add(token.stem());
            }
        }
        return new CommentAnalysis(language, sentiment, sentiment == null ? null : CommentAnalysis.label(sentiment), themes, terms);
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

    /** Whether a stem is an opinion word in either language (such words are sentiment, not topics). */
    boolean isOpinionStem(String stem) {
        return english.knows(stem) || spanish.knows(stem);
    }
}
