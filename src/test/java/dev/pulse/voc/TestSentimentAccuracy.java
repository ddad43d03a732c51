package dev.pulse.voc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy and macro-F1 of the sentiment labels on public labelled sentences (see
 * fixtures/README.md), against a baseline: the sum of the same lexicon's word values, with no
 * rules. A sentence counts as called positive when its label is positive (score >= 0.05), otherwise
 * negative (the sets have no neutral class); the baseline calls it positive when its sum is above 0.
 * The table is printed and written to target/sentiment-accuracy.md; docs/benchmarks.md records it.
 */
class TestSentimentAccuracy {
    private static CommentAnalyzer analyzer;
    private static final Map<String, double[]> RESULTS = new LinkedHashMap<>();

    record Labelled(String text, boolean positive) {
    }

    @BeforeAll
    static void load() {
        analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
    }

    @Test
    void englishHeldOutAccuracy() throws IOException {
        List<Labelled> heldOut = new ArrayList<>();
        List<Labelled> development = new ArrayList<>();
        for (String source : List.of("amazon", "imdb", "yelp")) {
            List<Labelled> sentences = english(source);
            List<Labelled> held = half(sentences, 0);
            List<Labelled> dev = half(sentences, 1);
            heldOut.addAll(held);
            development.addAll(dev);
            record("English " + source + ", held-out half", held, Language.EN);
        }
        record("English, development half (all three)", development, Language.EN);
        double[] english = record("English, held-out half (all three)", heldOut, Language.EN);
        write();
        assertThat(english[0]).isGreaterThanOrEqualTo(0.85); // 85.6 % on 2026-12-01; issue 4's goal, a guard against regressions
        assertThat(english[0]).isGreaterThan(english[2]); // better than the plain lexicon
    }

    @Test
    void spanishWithinReachOfEnglish() throws IOException {
        List<Labelled> spanish = new ArrayList<>();
        List<Labelled> englishOriginals = new ArrayList<>();
        Map<String, List<Labelled>> english = new LinkedHashMap<>();
        for (String source : List.of("amazon", "imdb", "yelp")) {
            english.put(source, english(source));
        }
        try (BufferedReader reader = reader("fixtures/es-heldout.tsv")) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                spanish.add(new Labelled(f[3], f[2].equals("1")));
                englishOriginals.add(english.get(f[0]).get(Integer.parseInt(f[1])));
            }
        }
        long detected = 0;
        for (Labelled sentence : spanish) {
            detected += analyzer.analyze(sentence.text()).language() == Language.ES ? 1 : 0;
        }
        for (Labelled sentence : englishOriginals) {
            detected += analyzer.analyze(sentence.text()).language() == Language.EN ? 1 : 0;
        }
        double languageAccuracy = (double) detected / (spanish.size() + englishOriginals.size());
        System.out.printf(Locale.ROOT, "language detection: %d of %d sentences (%.1f %%)%n", detected, spanish.size() + englishOriginals.size(),
                100 * languageAccuracy);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/language-detection.txt"), String.format(Locale.ROOT, "%d of %d (%.1f %%)%n", detected,
                spanish.size() + englishOriginals.size(), 100 * languageAccuracy));
        assertThat(languageAccuracy).isGreaterThanOrEqualTo(0.95);
        double[] original = record("English originals of the Spanish sample", englishOriginals, Language.EN);
        double[] translated = record("Spanish (hand translations of the same sentences)", spanish, Language.ES);
        write();
        assertThat(translated[0]).isGreaterThanOrEqualTo(0.80);
        assertThat(original[0] - translated[0]).isLessThanOrEqualTo(0.06);
    }

    /** {accuracy, macro F1, baseline accuracy, baseline macro F1, n}. */
    private static double[] record(String name, List<Labelled> sentences, Language language) {
        int[] rules = new int[4]; // tp, fp, tn, fn
        int[] plain = new int[4];
        Lexicon lexicon = language == Language.EN ? Lexicon.english() : Lexicon.spanish();
        for (Labelled sentence : sentences) {
            double score = analyzer.analyze(sentence.text(), language).sentiment();
            count(rules, score >= CommentAnalysis.NEUTRAL_BAND, sentence.positive());
            double sum = 0;
            for (Token token : Text.tokens(sentence.text(), lexicon.stemmer())) {
                Double v = lexicon.valence(token);
                sum += v == null ? 0 : v;
            }
            count(plain, sum > 0, sentence.positive());
        }
        double[] result = {accuracy(rules), macroF1(rules), accuracy(plain), macroF1(plain), sentences.size()};
        RESULTS.put(name, result);
        return result;
    }

    private static void count(int[] c, boolean predicted, boolean actual) {
        c[predicted ? (actual ? 0 : 1) : (actual ? 3 : 2)]++;
    }

    private static double accuracy(int[] c) {
        return (double) (c[0] + c[2]) / (c[0] + c[1] + c[2] + c[3]);
    }

    private static double macroF1(int[] c) {
        double positive = 2.0 * c[0] / (2 * c[0] + c[1] + c[3]);
        double negative = 2.0 * c[2] / (2 * c[2] + c[3] + c[1]);
        return (positive + negative) / 2;
    }

    private static void write() throws IOException {
        StringBuilder table = new StringBuilder("| set | n | accuracy | macro-F1 | baseline accuracy | baseline macro-F1 |\n|---|---:|---:|---:|---:|---:|\n");
        RESULTS.forEach((name, r) -> table.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% | %.3f | %.1f %% | %.3f |%n",
                name, (long) r[4], 100 * r[0], r[1], 100 * r[2], r[3])));
        System.out.print(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/sentiment-accuracy.md"), table);
    }

    static List<Labelled> english(String source) throws IOException {
        List<Labelled> sentences = new ArrayList<>();
        try (InputStream in = TestSentimentAccuracy.class.getResourceAsStream("fixtures/" + source + ".json")) {
            for (JsonNode node : new ObjectMapper().readTree(in)) {
                sentences.add(new Labelled(node.path("text").asText(), node.path("class").asInt() == 1));
            }
        }
        return sentences;
    }

    /** Sentences at even (parity 0) or odd (1) positions, empty ones left out. */
    static List<Labelled> half(List<Labelled> sentences, int parity) {
        List<Labelled> half = new ArrayList<>();
        for (int i = parity; i < sentences.size(); i += 2) {
            if (!sentences.get(i).text().isBlank()) {
                half.add(sentences.get(i));
            }
        }
        return half;
    }

    private static BufferedReader reader(String resource) {
        return new BufferedReader(new InputStreamReader(TestSentimentAccuracy.class.getResourceAsStream(resource), StandardCharsets.UTF_8));
    }
}
