package dev.pulse.voc;

import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

import java.util.function.Supplier;

/**
 * Snowball stemming (Lucene's copy of the Snowball stemmers) of accent-folded words. Snowball
 * stemmers keep state, so each thread gets its own.
 */
final class Stemmer {
    private final ThreadLocal<SnowballStemmer> stemmer;

    private Stemmer(Supplier<SnowballStemmer> factory) {
        this.stemmer = ThreadLocal.withInitial(factory);
    }

    static Stemmer of(Language language) {
        return switch (language) {
            case EN -> new Stemmer(EnglishStemmer::new);
            case ES -> new Stemmer(SpanishStemmer::new);
            case OTHER -> throw new IllegalArgumentException("no stemmer for other languages");
        };
    }

    String stem(String foldedWord) {
        if (foldedWord.length() < 3) {
            return foldedWord;
        }
        SnowballStemmer s = stemmer.get();
        s.setCurrent(foldedWord);
        s.stem();
        return s.getCurrent();
    }
}
