package dev.pulse.voc;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in verbatims before anyone reads them: e-mail addresses, phone numbers
 * and people's names (a capitalised word after a title or after the phrases people introduce a
 * name with: "my name is", "agent", "thanks to", "me atendió", "la ejecutiva", ...).
 */
public final class PiiMasker {
    // No pattern here may take more than linear time on a comment: e-mail addresses and phone numbers are
    // found by the scanners below (a regular expression for either backtracks quadratically on one long
    // token: a 200,000-character comment took 13 minutes), the other patterns have possessive runs.
    private static final String NAME = "\\p{Lu}[\\p{L}'’-]++(?:\\s++\\p{Lu}[\\p{L}'’-]++)?";
    private static final Pattern NAME_AFTER_CUE = Pattern.compile(
            "(?i:\\b(?:mr|mrs|ms|miss|dr|sr|sra|srta|don|doña)\\.?\\s++|\\b(?:my name is|i am|i'm|this is|agent|rep|representative"
                    + "|technician|engineer|manager|thanks to|thank you|spoke (?:to|with)|talked to|ask for|called"
                    + "|me llamo|mi nombre es|soy|me atendió|me atendio|atendido por|atendida por|gracias a|el ejecutivo"
                    + "|la ejecutiva|el técnico|el tecnico|la técnica|el agente|la agente|hablé con|hable con)\\s++)"
                    + "(" + NAME + ")");
    private static final Set<String> NOT_NAMES = Set.of("The", "A", "An", "Support", "Chile", "Teams", "El", "La", "Los", "Las",
            "Soporte", "Microsoft", "WOM", "I", "We", "It", "This", "Thanks", "Thank", "Gracias");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S++");
    /** A phone number needs this many digits; a shorter run of digits (a price, a date, a ticket number) is kept. */
    private static final int PHONE_DIGITS = 7;

    private PiiMasker() {
    }

    /** The comment with e-mail addresses, web addresses and phone numbers blanked: they are not words to analyse. */
    static String withoutContacts(String comment) {
        String text = replaceEmails(comment, " ");
        text = URL.matcher(text).replaceAll(" ");
        return replacePhones(text, " ");
    }

    public static String mask(String comment) {
        if (comment == null) {
            return null;
        }
        String masked = replacePhones(replaceEmails(comment, "[email]"), "[phone]");
        Matcher m = NAME_AFTER_CUE.matcher(masked);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String first = name.split("\\s+")[0];
            String replacement = NOT_NAMES.contains(first) ? m.group() : m.group().substring(0, m.start(1) - m.start()) + "[name]";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Replaces every e-mail address: a run of letters, digits and {@code ._%+-} (the local part), an
     * {@code @}, and a domain of letters, digits, dots and hyphens that ends in a dot and two or more
     * letters (the longest such domain). One pass: each character is looked at a bounded number of
     * times, since no run crosses an {@code @}.
     */
    static String replaceEmails(String text, String replacement) {
        StringBuilder out = null;
        int copied = 0;
        int at = text.indexOf('@');
        while (at >= 0) {
            int start = at;
            while (start > copied && isLocalPart(Character.codePointBefore(text, start))) {
                start -= Character.charCount(Character.codePointBefore(text, start));
            }
            int end = start < at ? domainEnd(text, at + 1) : -1;
            if (end > 0) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, start).append(replacement);
                copied = end;
                at = text.indexOf('@', end);
            } else {
                at = text.indexOf('@', at + 1);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Where the domain starting at {@code from} ends, or -1 when what follows the {@code @} is no domain. */
    private static int domainEnd(String text, int from) {
        int runEnd = from;
        while (runEnd < text.length() && isDomain(text.codePointAt(runEnd))) {
            runEnd += Character.charCount(text.codePointAt(runEnd));
        }
        // The rightmost dot (not the domain's first character) followed by two or more letters; the
        // letter runs after different dots do not overlap, so this scan is linear too.
        for (int dot = runEnd - 1; dot > from; dot--) {
            if (text.charAt(dot) != '.') {
                continue;
            }
            int end = dot + 1;
            int letters = 0;
            while (end < runEnd && Character.isLetter(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
                letters++;
            }
            if (letters >= 2) {
                return end;
            }
        }
        return -1;
    }

    /**
     * Replaces every phone number of {@value #PHONE_DIGITS} or more digits: not inside a word, an optional
     * {@code +} and {@code (}, a digit, five or more digits, spaces or {@code ().-}, and a last digit not
     * followed by a letter or digit (the longest such span). A span with fewer digits is kept. One pass:
     * a start that finds no end skips its whole run, since every later start in it would end the same way.
     */
    static String replacePhones(String text, String replacement) {
        StringBuilder out = null;
        int copied = 0;
        int position = 0;
        while (position < text.length()) {
            int firstDigit = phoneStart(text, position);
            if (firstDigit < 0) {
                position++;
                continue;
            }
            int runEnd = firstDigit + 1;
            while (runEnd < text.length() && isPhoneChar(text.charAt(runEnd))) {
                runEnd++;
            }
            int end = runEnd;
            while (end >= firstDigit + 7 && !(isDigit(text.charAt(end - 1)) && (end == text.length() || !Text.isLetterOrNumber(text.codePointAt(end))))) {
                end--;
            }
            if (end < firstDigit + 7) {
                position = runEnd;
                continue;
            }
            if (digits(text, position, end) >= PHONE_DIGITS) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, position).append(replacement);
                copied = end;
            }
            position = end;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The index of a phone number's first digit when one can start at {@code position} (after {@code +} and {@code (}), else -1. */
    private static int phoneStart(String text, int position) {
        if (position > 0 && Text.isLetterOrNumber(Character.codePointBefore(text, position))) {
            return -1;
        }
        int index = position;
        if (index < text.length() && text.charAt(index) == '+') {
            index++;
        }
        if (index < text.length() && text.charAt(index) == '(') {
            index++;
        }
        return index < text.length() && isDigit(text.charAt(index)) ? index : -1;
    }

    private static int digits(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            count += isDigit(text.charAt(i)) ? 1 : 0;
        }
        return count;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A digit, white space or {@code ().-}: what may stand between a phone number's digits. */
    private static boolean isPhoneChar(char c) {
        return isDigit(c) || c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '(' || c == ')'
                || c == '.' || c == '-';
    }

    private static boolean isLocalPart(int codePoint) {
        return Text.isLetterOrNumber(codePoint) || codePoint == '.' || codePoint == '_' || codePoint == '%' || codePoint == '+' || codePoint == '-';
    }

    private static boolean isDomain(int codePoint) {
        return Text.isLetterOrNumber(codePoint) || codePoint == '.' || codePoint == '-';
    }
}
