package dev.pulse.voc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * English, Spanish or other. Function words decide ("the", "de", "não", "est"): each language's
 * distinct function words in the comment are counted, with ñ, ¿ and ¡ counting for Spanish, and
 * the clear winner (twice the runner-up) is the language; Portuguese, French, Italian and German
 * function words make a comment "other" (so do Portuguese spellings: ção, ã; Spanish ones, ñ and
 * -ción, count for Spanish). Without them (short comments: "Excelente", "Too
 * expensive"), the opinion words each lexicon knows decide. Longer comments with no such evidence
 * (another script, another language) go to OpenNLP's 103-language detector, whose model ships in
 * the jar; on short texts its answer is close to flat, so it is taken only when clearly ahead.
 */
final class LanguageDetector {
    private static final String MODEL = "/langdetect-183.bin";
    private static final int OPENNLP_MINIMUM_WORDS = 6;
    private static final double OPENNLP_LEAD = 1.3;

    private final Lexicon english;
    private final Lexicon spanish;
    private final Map<String, Set<String>> otherFunctionWords = new LinkedHashMap<>();
    private volatile LanguageDetectorModel model;

    LanguageDetector(Lexicon english, Lexicon spanish) {
        this.english = requireNonNull(english, "english is null");
        this.spanish = requireNonNull(spanish, "spanish is null");
        try (InputStream in = LanguageDetector.class.getResourceAsStream("language-other.yaml")) {
            new ObjectMapper(new YAMLFactory()).readTree(in).fields().forEachRemaining(entry -> {
                Set<String> words = new HashSet<>();
                entry.getValue().forEach(word -> words.add(Text.fold(word.asText())));
                otherFunctionWords.put(entry.getKey(), words);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read language-other.yaml", e);
        }
    }

    /** OpenNLP's model (10 MB), read on first need: most comments never need it, and most runs analyse nothing. */
    private LanguageDetectorModel model() {
        LanguageDetectorModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    try (InputStream in = LanguageDetector.class.getResourceAsStream(MODEL)) {
                        if (in == null) {
                            throw new IllegalStateException("OpenNLP language model missing from the class path: " + MODEL);
                        }
                        model = new LanguageDetectorModel(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the language model", e);
                    }
                }
                loaded = model;
            }
        }
        return loaded;
    }

    Language detect(String comment, List<Token> unstemmed) {
        Set<String> en = new HashSet<>();
        Set<String> es = new HashSet<>();
        Map<String, Set<String>> other = new HashMap<>();
        int words = 0;
        int spanishMarks = 0;
        for (Token token : unstemmed) {
            if (!token.isWord()) {
                spanishMarks += "¿".equals(token.text()) || "¡".equals(token.text()) ? 1 : 0;
                continue;
            }
            words++;
            String folded = token.folded();
            if (english.isStopword(folded)) {
                en.add(folded);
            }
            if (spanish.isStopword(folded)) {
                es.add(folded);
            }
            otherFunctionWords.forEach((language, set) -> {
                if (set.contains(folded)) {
                    other.computeIfAbsent(language, k -> new HashSet<>()).add(folded);
                }
            });
            spanishMarks += token.text().indexOf('ñ') >= 0 || token.text().indexOf('Ñ') >= 0 || folded.endsWith("cion")
                    || folded.endsWith("ciones") ? 1 : 0;
            String lower = token.text().toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("ção") || lower.contains("ões") || lower.indexOf('ã') >= 0 || lower.indexOf('õ') >= 0) {
                other.computeIfAbsent("pt", k -> new HashSet<>()).add("#" + folded); // Portuguese spelling
            }
        }
        if (words == 0) {
            return Language.OTHER;
        }
        int enScore = en.size();
        int esScore = es.size() + Math.min(spanishMarks, 2);
        int otherScore = other.values().stream().mapToInt(Set::size).max().orElse(0);
        int best = Math.max(enScore, Math.max(esScore, otherScore));
        if (best > 0) {
            if (enScore == best && enScore >= 2 * Math.max(esScore, otherScore)) {
                return Language.EN;
            }
            if (esScore == best && esScore >= 2 * Math.max(enScore, otherScore)) {
                return Language.ES;
            }
            if (otherScore == best && otherScore >= 2 * Math.max(enScore, esScore)) {
                return Language.OTHER;
            }
        }
        int enKnown = 0;
        int esKnown = 0;
        for (Token token : unstemmed) {
            if (token.isWord()) {
                enKnown += english.knows(token.folded()) ? 1 : 0;
                esKnown += spanish.knows(token.folded()) ? 1 : 0;
            }
        }
        if (enKnown + enScore > esKnown + esScore && otherScore < enScore + enKnown) {
            return Language.EN;
        }
        if (esKnown + esScore > enKnown + enScore && otherScore < esScore + esKnown) {
            return Language.ES;
        }
        if (words >= OPENNLP_MINIMUM_WORDS) {
            // OpenNLP's detector is not thread-safe; one per call is cheap (the model is shared).
            opennlp.tools.langdetect.Language[] ranked = new LanguageDetectorME(model()).predictLanguages(comment);
            if (ranked.length > 1 && ranked[0].getConfidence() >= OPENNLP_LEAD * ranked[1].getConfidence()) {
                return switch (ranked[0].getLang()) {
                    case "eng" -> Language.EN;
                    case "spa" -> Language.ES;
                    default -> Language.OTHER;
                };
            }
        }
        return Language.OTHER;
    }
}
