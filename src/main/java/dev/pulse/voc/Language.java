package dev.pulse.voc;

import java.util.Locale;

/** The languages comments are analysed in; anything else is {@link #OTHER} (kept, themed by both, scored neutral). */
public enum Language {
    EN, ES, OTHER;

    /** The code stored and printed: en, es, other. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Language fromCode(String code) {
        return switch (code) {
            case "en" -> EN;
            case "es" -> ES;
            default -> OTHER;
        };
    }
}
