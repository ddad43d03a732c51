package dev.pulse.voc;

import java.util.List;

/** Prints the development half's errors (a tool for correcting the lexicon; never the held-out half). */
public class DevErrors {
    public static void main(String[] args) throws Exception {
        CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
        for (String source : List.of("amazon", "imdb", "yelp")) {
            for (TestSentimentAccuracy.Labelled s : TestSentimentAccuracy.half(TestSentimentAccuracy.english(source), 1)) {
                double score = analyzer.analyze(s.text(), Language.EN).sentiment();
                if ((score >= CommentAnalysis.NEUTRAL_BAND) != s.positive()) {
                    System.out.printf("%s\t%d\t%.2f\t%s%n", source, s.positive() ? 1 : 0, score, s.text().strip());
                }
            }
        }
    }
}
