package dev.pulse.voc;

/** Prints the detected language of each argument (a development tool). */
public class DetectLanguages {
    public static void main(String[] args) {
        CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
        for (String text : args) {
            CommentAnalysis a = analyzer.analyze(text);
            System.out.printf("%s %s %s  %s%n", a.language().code(), a.sentiment(), a.themes(), text);
        }
    }
}
