package dev.pulse.voc;

import java.util.ArrayList;
import java.util.List;

/** Development-half accuracy at several decision thresholds (a development tool; the held-out half is not read). */
public class DevThresholds {
    public static void main(String[] args) throws Exception {
        CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
        List<TestSentimentAccuracy.Labelled> dev = new ArrayList<>();
        for (String source : List.of("amazon", "imdb", "yelp")) {
            dev.addAll(TestSentimentAccuracy.half(TestSentimentAccuracy.english(source), 1));
        }
        double[] scores = new double[dev.size()];
        for (int i = 0; i < dev.size(); i++) {
            scores[i] = analyzer.analyze(dev.get(i).text(), Language.EN).sentiment();
        }
        for (double t : new double[]{-0.05, 0, 0.0001, 0.05, 0.1, 0.15, 0.2, 0.3}) {
            int ok = 0;
            for (int i = 0; i < dev.size(); i++) {
                ok += (scores[i] > t) == dev.get(i).positive() ? 1 : 0;
            }
            System.out.printf("threshold > %.4f: %.1f %%%n", t, 100.0 * ok / dev.size());
        }
    }
}
