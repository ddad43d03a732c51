package dev.pulse.voc;

import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * English, Spanish or other. Function words decide when they are clear (most comments: they are
 * the commonest words of both languages); short or mixed comments go to OpenNLP's language
 * detector (its 103-language model ships in the jar), whose answer is kept only when it is
 * confident, and otherwise the opinion words each language's lexicon knows break the tie.
 */
final class LanguageDetector {
    private static final String MODEL = "/langdetect-183.bin";
    private static final double CONFIDENT = 0.5;

    private final Lexicon english;
    private final Lexicon spanish;
    private final LanguageDetectorModel model;

    LanguageDetector(Lexicon english, Lexicon spanish) {
        this.english = requireNonNull(english, "english is null");
        this.spanish = requireNonNull(spanish, "spanish is null");
        try (InputStream in = LanguageDetector.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP language model missing from the class path: " + MODEL);
            }
            this.model = new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the language model", e);
        }
    }

    Language detect(String comment, List<Token> unstemmed) {
        int en = 0;
        int es = 0;
        int words = 0;
        boolean spanishMarks = false;
        for (Token token : unstemmed) {
            if (!token.isWord()) {
                spanishMarks |= "¿".equals(token.text()) || "¡".equals(token.text());
                continue;
            }
            words++;
            en += english.isStopword(token.folded()) ? 1 : 0;
            es += spanish.isStopword(token.folded()) ? 1 : 0;
            spanishMarks |= token.text().toLowerCase().indexOf('ñ') >= 0;
        }
        if (words == 0) {
            return Language.OTHER;
        }
        if (spanishMarks) {
            es += 2;
        }
        if (en >= 3 && en >= 3 * es) {
            return Language.EN;
        }
        if (es >= 3 && es >= 3 * en) {
            return Language.ES;
        }
        // OpenNLP's detector is not thread-safe; one per call is cheap (the model is shared).
        opennlp.tools.langdetect.Language best = new LanguageDetectorME(model).predictLanguage(comment);
        if (best.getConfidence() >= CONFIDENT && words >= 4) {
            return switch (best.getLang()) {
                case "eng" -> Language.EN;
                case "spa" -> Language.ES;
                default -> Language.OTHER;
            };
        }
        for (Token token : unstemmed) {
            if (token.isWord()) {
                en += english.knows(token.folded()) ? 1 : 0;
                es += spanish.knows(token.folded()) ? 1 : 0;
            }
        }
        if (en > es) {
            return Language.EN;
        }
        if (es > en) {
            return Language.ES;
        }
        return switch (best.getLang()) {
            case "eng" -> Language.EN;
            case "spa" -> Language.ES;
            default -> Language.OTHER;
        };
    }
}
