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
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    // Seven or more digits, with an optional + and spaces, dots, dashes or brackets between groups.
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{N}])\\+?\\(?\\d[\\d\\s().-]{5,}\\d(?![\\p{L}\\p{N}])");
    private static final String NAME = "\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+)?";
    private static final Pattern NAME_AFTER_CUE = Pattern.compile(
            "(?i:\\b(?:mr|mrs|ms|miss|dr|sr|sra|srta|don|doña)\\.?\\s+|\\b(?:my name is|i am|i'm|this is|agent|rep|representative"
                    + "|technician|engineer|manager|thanks to|thank you|spoke (?:to|with)|talked to|ask for|called"
                    + "|me llamo|mi nombre es|soy|me atendió|me atendio|atendido por|atendida por|gracias a|el ejecutivo"
                    + "|la ejecutiva|el técnico|el tecnico|la técnica|el agente|la agente|hablé con|hable con)\\s+)"
                    + "(" + NAME + ")");
    private static final Set<String> NOT_NAMES = Set.of("The", "A", "An", "Support", "Chile", "Teams", "El", "La", "Los", "Las",
            "Soporte", "Microsoft", "WOM", "I", "We", "It", "This", "Thanks", "Thank", "Gracias");

    private PiiMasker() {
    }

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");

    /** The comment with e-mail addresses, web addresses and phone numbers blanked: they are not words to analyse. */
    static String withoutContacts(String comment) {
        String text = EMAIL.matcher(comment).replaceAll(" ");
        text = URL.matcher(text).replaceAll(" ");
        return PHONE.matcher(text).replaceAll(m -> m.group().replaceAll("\\D", "").length() >= 7 ? " " : m.group());
    }

    public static String mask(String comment) {
        if (comment == null) {
            return null;
        }
        String masked = EMAIL.matcher(comment).replaceAll("[email]");
        masked = PHONE.matcher(masked).replaceAll(m -> m.group().replaceAll("\\D", "").length() >= 7 ? "[phone]" : m.group());
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
}
