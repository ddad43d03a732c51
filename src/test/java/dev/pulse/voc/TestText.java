package dev.pulse.voc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TestText {
    /** The tokenizer's expression before inner apostrophes and hyphens were joined by hand (it overflowed the stack on "a-a-a-..."). */
    private static final Pattern FORMER = Pattern.compile(
            "(?<emoticon>(?<![\\p{L}\\p{N}])(?:>:\\(|:'\\(|:-?[)(DdPp/]|;-?\\)))"
                    + "|(?<word>\\d{1,3}(?:[.,]\\d)?/(?:5|10|100)(?![\\p{L}\\p{N}/])|[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*)"
                    + "|(?<emoji>\\p{So}(?:\\x{FE0F}|[\\x{1F3FB}-\\x{1F3FF}]|\\x{200D}[\\p{So}\\x{2640}\\x{2642}]\\x{FE0F}?)*)"
                    + "|(?<mark>[!?¡¿.,;])");

    @Test
    void tokensAreThoseOfTheFormerExpressionOnRandomText() {
        Random random = new Random(7L);
        String alphabet = "ab9/10-'’ :)(;!?.,😀é5";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(20); j > 0; j--) {
                text.append(random.nextInt(8) == 0 ? "10" : String.valueOf(Character.toChars(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))))));
            }
            String s = text.toString();
            List<String> expected = new ArrayList<>();
            Matcher m = FORMER.matcher(s);
            while (m.find()) {
                expected.add(m.group());
            }
            assertThat(Text.tokens(s, null).stream().map(Token::text).toList()).as(s).isEqualTo(expected);
        }
    }

    @Test
    void aLongHyphenatedRunIsOneWordWithoutOverflowingTheStack() {
        String text = "a-".repeat(100_000) + "b";
        assertThat(Text.tokens(text, null)).singleElement().satisfies(token -> assertThat(token.text()).isEqualTo(text));
    }
}
