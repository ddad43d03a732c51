package dev.pulse.voc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The e-mail and phone scanners find what the regular expressions they replace found (kept here as
 * the reference), and take linear time on the inputs that made those expressions backtrack.
 */
class TestPiiMasker {
    /** The expressions Pulse used until the scanners: right, but quadratic (or worse) on one long token. */
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{N}])\\+?\\(?\\d[\\d\\s().-]{5,}\\d(?![\\p{L}\\p{N}])");
    /** A guard against a hang, far above the time a linear scan takes: no speed is asserted here. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private static String byRegex(Pattern pattern, String text, String replacement) {
        return pattern.matcher(text).replaceAll(m -> pattern == EMAIL || m.group().replaceAll("\\D", "").length() >= 7
                ? replacement : java.util.regex.Matcher.quoteReplacement(m.group()));
    }

    @Test
    void scannersAgreeWithTheRegularExpressionsOnRandomText() {
        Random random = new Random(20261202L);
        String alphabet = "ab1@.-_+%( )Ñé7\t9xZ·٣ ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(10) == 0 ? "co" : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            }
            String s = text.toString();
            assertThat(PiiMasker.replaceEmails(s, "[email]")).as("e-mail in '%s'", s).isEqualTo(byRegex(EMAIL, s, "[email]"));
            assertThat(PiiMasker.replacePhones(s, "[phone]")).as("phone in '%s'", s).isEqualTo(byRegex(PHONE, s, "[phone]"));
        }
    }

    @Test
    void scannersAgreeOnRealisticComments() {
        for (String s : new String[]{"Write to juan.perez@empresa.cl or ana@x.co.uk.", "a@b.com.x@y.org", "mail: a.b@c@d.com",
                "user@domain", "user@.com", "x@y.c", "Call +56 9 8765 4321, or (2) 2345-6789", "order 12345 on 2024-10-03",
                "tel 1234567x", "1 2 3 4 5 6 7", "+(56)2-2345-6789!", "٣٣٣٣٣٣٣ 1234567"}) {
            assertThat(PiiMasker.replaceEmails(s, "[email]")).as(s).isEqualTo(byRegex(EMAIL, s, "[email]"));
            assertThat(PiiMasker.replacePhones(s, "[phone]")).as(s).isEqualTo(byRegex(PHONE, s, "[phone]"));
        }
    }

    /** The inputs that made each former expression backtrack, and one that stresses each remaining pattern, at 1 MB (where a quadratic scan takes hours; a 20 MB comment goes through the importer in TestCsvImport). */
    @Test
    void worstInputsForEveryPatternTakeLinearTime() {
        int size = 1_000_000;
        UnaryOperator<String> analyse = text -> PiiMasker.mask(text) + PiiMasker.withoutContacts(text);
        String[] worst = {
                "a".repeat(size),                                  // one token: the e-mail's local part tried at every start
                "a@" + "b".repeat(size),                           // a domain without a dot
                ("a@" + "b.").repeat(size / 4),                    // dots without two letters after them
                "a@".repeat(size / 2),                             // an @ at every other character
                "1 ".repeat(size / 2) + "x",                       // a phone number's run that ends in a letter
                ("1" + " ".repeat(6)).repeat(size / 7),            // runs of separators between single digits
                "(".repeat(size),
                "agent" + " ".repeat(size) + "x",                  // a name cue followed by white space and no name
                "Agent Ana" + " ".repeat(size) + "x",
                "http://" + "x".repeat(size),
                "www." + " ".repeat(size)};
        for (String text : worst) {
            assertTimeoutPreemptively(HANG, () -> analyse.apply(text), () -> "hangs on " + text.substring(0, 12) + "...");
        }
    }

    /** The whole analysis (language, tokens, stems, sentiment, themes) of comments as long as the importer lets through. */
    @Test
    void theAnalyserTakesLinearTimeOnTheLongestCommentsAnImportLoads() {
        CommentAnalyzer analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
        int size = 65_536;
        String[] worst = {"a".repeat(size), "facturación".repeat(size / 11), "no ".repeat(size / 3), "very ".repeat(size / 5),
                "9/10 ".repeat(size / 5), "😀".repeat(size / 2), "a-".repeat(size / 2), "'".repeat(size), "the invoice was wrong but ".repeat(size / 26)};
        for (String text : worst) {
            assertTimeoutPreemptively(HANG, () -> analyzer.analyze(text), () -> "hangs on " + text.substring(0, 12) + "...");
        }
    }
}
