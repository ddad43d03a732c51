package dev.pulse.voc;

import static java.util.Objects.requireNonNull;

/**
 * One token of a comment: a word (with its lower-case, accent-folded form and its stem in the
 * comment's language), an emoji or emoticon, or a punctuation mark that matters to sentiment.
 *
 * @param text   as written
 * @param folded lower case without accents (ñ becomes n), what lexicons and themes are matched on
 * @param stem   the Snowball stem of {@code folded}; equal to it for non-words
 */
record Token(String text, String folded, String stem, Kind kind) {
    enum Kind { WORD, EMOJI, PUNCTUATION }

    Token {
        requireNonNull(text, "text is null");
        requireNonNull(folded, "folded is null");
        requireNonNull(stem, "stem is null");
        requireNonNull(kind, "kind is null");
    }

    boolean isWord() {
        return kind == Kind.WORD;
    }

    /** Written in capitals (at least two letters), which VADER reads as emphasis. */
    boolean shouted() {
        if (kind != Kind.WORD || text.length() < 2) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLowerCase(text.charAt(i))) {
                return false;
            }
        }
        return text.chars().anyMatch(Character::isLetter);
    }
}
