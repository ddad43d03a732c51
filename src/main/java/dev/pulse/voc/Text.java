package dev.pulse.voc;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splitting comments into tokens and folding words to the form lexicons and themes are matched on. */
final class Text {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SYMBOL_VARIANTS = Pattern.compile("[\\x{FE0F}\\x{1F3FB}-\\x{1F3FF}]");
    // Emoticons first (they are made of punctuation), then a rating such as 9/10 or 4,5/5 as one word, then words
    // (letters and digits; inner apostrophes and hyphens are joined in wordEnd, since a repeated group here
    // recurses once per repetition and overflows the stack on "a-a-a-..." of a few thousand characters),
    // then emoji (one symbol with its variation selector, skin tone, or zero-width-joined parts: 👍👍 is two), then ! and ?.
    private static final Pattern TOKEN = Pattern.compile(
            "(?<emoticon>(?<![\\p{L}\\p{N}])(?:>:\\(|:'\\(|:-?[)(DdPp/]|;-?\\)))"
                    + "|(?<word>\\d{1,3}(?:[.,]\\d)?/(?:5|10|100)(?![\\p{L}\\p{N}/])|[\\p{L}\\p{N}]++)"
                    + "|(?<emoji>\\p{So}(?:\\x{FE0F}|[\\x{1F3FB}-\\x{1F3FF}]|\\x{200D}[\\p{So}\\x{2640}\\x{2642}]\\x{FE0F}?)*)"
                    + "|(?<mark>[!?¡¿.,;])");

    private Text() {
    }

    /** An emoji as it is looked up: without variation selector and skin tone (👍🏽 reads as 👍). */
    static String plainSymbol(String symbol) {
        return SYMBOL_VARIANTS.matcher(symbol).replaceAll("");
    }

    /** A letter or a number of any script ({@code \\p{L}} or {@code \\p{N}}). */
    static boolean isLetterOrNumber(int codePoint) {
        if (Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** The end of a word whose letters and digits end at {@code end}: inner apostrophes and hyphens join the runs around them. */
    private static int wordEnd(String text, int end) {
        while (end + 1 < text.length() && "'’-".indexOf(text.charAt(end)) >= 0 && isLetterOrNumber(text.codePointAt(end + 1))) {
            end++;
            while (end < text.length() && isLetterOrNumber(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
        }
        return end;
    }

    /** Lower case without diacritics: "Facturación" and "facturacion" become the same word. */
    static String fold(String word) {
        String lower = word.toLowerCase(Locale.ROOT).replace('’', '\'');
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 128;
        }
        return ascii ? lower : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    /** Whether the token at {@code index} is the last of its clause: the text or a punctuation mark follows. */
    static boolean endsClause(List<Token> tokens, int index) {
        return index + 1 == tokens.size() || tokens.get(index + 1).kind() == Token.Kind.PUNCTUATION;
    }

    /** Whether the token at {@code index} is the first of its clause: the text or a punctuation mark precedes. */
    static boolean opensClause(List<Token> tokens, int index) {
        return index == 0 || tokens.get(index - 1).kind() == Token.Kind.PUNCTUATION;
    }

    /** The comment's tokens, words stemmed with the given stemmer (null leaves them unstemmed). */
    static List<Token> tokens(String comment, Stemmer stemmer) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(comment).useTransparentBounds(true);
        while (m.find()) {
            if (m.group("word") != null) {
                String word = m.group("word");
                if (word.indexOf('/') < 0) {
                    int end = wordEnd(comment, m.end());
                    if (end > m.end()) {
                        word = comment.substring(m.start(), end);
                        m.region(end, comment.length());
                    }
                }
                String folded = fold(word);
                tokens.add(new Token(word, folded, stemmer == null ? folded : stemmer.stem(folded), Token.Kind.WORD));
            } else if (m.group("emoticon") != null || m.group("emoji") != null) {
                String symbol = m.group();
                String plain = plainSymbol(symbol);
                tokens.add(new Token(symbol, plain, plain, Token.Kind.EMOJI));
            } else {
                String mark = m.group("mark");
                tokens.add(new Token(mark, mark, mark, Token.Kind.PUNCTUATION));
            }
        }
        return tokens;
    }
}
