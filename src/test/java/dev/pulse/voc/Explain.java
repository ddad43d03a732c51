package dev.pulse.voc;

/** Prints each token's valence and the score of the sentences given as arguments (a development tool). */
public class Explain {
    public static void main(String[] args) {
        Language language = Language.fromCode(args[0]);
        Lexicon lexicon = language == Language.EN ? Lexicon.english() : Lexicon.spanish();
        SentimentScorer scorer = new SentimentScorer(lexicon);
        for (int i = 1; i < args.length; i++) {
            StringBuilder line = new StringBuilder();
            var tokens = Text.tokens(args[i], lexicon.stemmer());
            for (Token t : tokens) {
                Double v = lexicon.valence(t);
                line.append(t.text()).append('/').append(t.stem()).append(v == null ? "" : "=" + v)
                        .append(lexicon.isNegation(t) ? "[neg]" : "").append(' ');
            }
            System.out.printf("%.3f  %s%n", scorer.score(tokens), line);
        }
    }
}
