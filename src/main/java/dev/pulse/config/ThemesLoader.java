package dev.pulse.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.voc.Language;
import dev.pulse.voc.Theme;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code voc:} section of pulse.yaml: themes to add to Pulse's default taxonomy or to replace
 * a default theme of the same id, or (with {@code replace_default_themes: true}) a taxonomy of
 * one's own. Every problem is collected with its key.
 * <pre>
 * voc:
 *   themes:
 *     - id: esim
 *       label: eSIM activation
 *       en: [esim, e-sim]
 *       es: [esim, e-sim]
 * </pre>
 */
final class ThemesLoader {
    private ThemesLoader() {
    }

    static List<Theme> parse(JsonNode voc, List<Theme> defaults, List<String> problems) {
        if (voc == null || voc.isNull()) {
            return defaults;
        }
        ConfigLoader.onlyKeys(voc, "voc", Set.of("themes", "replace_default_themes"), problems);
        if (!voc.isObject()) {
            return defaults;
        }
        JsonNode replace = voc.get("replace_default_themes");
        if (replace != null && !replace.isBoolean()) {
            problems.add("voc.replace_default_themes: must be true or false");
        }
        Map<String, Theme> themes = new LinkedHashMap<>();
        if (replace == null || !replace.asBoolean()) {
            defaults.forEach(t -> themes.put(t.id(), t));
        }
        JsonNode list = voc.get("themes");
        if (list == null) {
            return List.copyOf(themes.values());
        }
        if (!list.isArray()) {
            problems.add("voc.themes: must be a list of themes (id, label, en, es)");
            return defaults;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String key = "voc.themes[" + i + "]";
            ConfigLoader.onlyKeys(node, key, Set.of("id", "label", "en", "es"), problems);
            if (!node.isObject()) {
                continue;
            }
            String id = node.path("id").asText("");
            if (!id.matches("[a-z][a-z0-9_]*")) {
                problems.add(key + ".id: '" + id + "' must be lower case letters, digits and _ (it is what metrics group by)");
                continue;
            }
            if (!seen.add(id)) {
                problems.add(key + ".id: theme '" + id + "' is defined twice");
            }
            Map<Language, List<String>> terms = new EnumMap<>(Language.class);
            for (Language language : List.of(Language.EN, Language.ES)) {
                JsonNode words = node.get(language.code());
                List<String> parsed = new ArrayList<>();
                if (words != null) {
                    if (!words.isArray()) {
                        problems.add(key + "." + language.code() + ": must be a list of words or phrases");
                    } else {
                        words.forEach(w -> {
                            if (w.isTextual() && !w.asText().isBlank()) {
                                parsed.add(w.asText());
                            } else {
                                problems.add(key + "." + language.code() + ": '" + w.asText() + "' is not a word or phrase");
                            }
                        });
                    }
                }
                terms.put(language, parsed);
            }
            if (terms.values().stream().allMatch(List::isEmpty)) {
                problems.add(key + ": theme '" + id + "' needs at least one term under en or es");
            }
            themes.put(id, new Theme(id, node.path("label").asText(id), terms));
        }
        if (themes.isEmpty()) {
            problems.add("voc.themes: no theme left (replace_default_themes is true and no theme is given)");
        }
        return List.copyOf(themes.values());
    }
}
