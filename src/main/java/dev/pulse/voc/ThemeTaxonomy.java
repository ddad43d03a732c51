package dev.pulse.voc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The themes comments are sorted into, and the matching of their terms: each term becomes a
 * sequence of stems in its language; a comment mentions a theme when one of the theme's sequences
 * occurs in its tokens. Comments in other languages are matched on the terms of both languages,
 * unstemmed.
 */
public final class ThemeTaxonomy {
    private final List<Theme> themes;
    private final Map<Language, Map<String, List<Term>>> index = new EnumMap<>(Language.class);

    private record Term(String theme, List<String> stems) {
    }

    public ThemeTaxonomy(List<Theme> themes) {
        this.themes = List.copyOf(requireNonNull(themes, "themes is null"));
        for (Language language : Language.values()) {
            index.put(language, new HashMap<>());
        }
        for (Theme theme : this.themes) {
            for (Map.Entry<Language, List<String>> entry : theme.terms().entrySet()) {
                Stemmer stemmer = Stemmer.of(entry.getKey());
                for (String term : entry.getValue()) {
                    add(entry.getKey(), new Term(theme.id(), stems(term, stemmer)));
                    add(Language.OTHER, new Term(theme.id(), stems(term, null)));
                }
            }
        }
    }

    /** Pulse's default taxonomy (resource themes.yaml). */
    public static List<Theme> defaults() {
        try (InputStream in = ThemeTaxonomy.class.getResourceAsStream("themes.yaml")) {
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default themes", e);
        }
    }

    /** Themes from a YAML/JSON list of {id, label, en: [...], es: [...]}; the caller has validated it. */
    public static List<Theme> parse(JsonNode root) {
        List<Theme> themes = new ArrayList<>();
        for (JsonNode node : root.path("themes")) {
            Map<Language, List<String>> terms = new EnumMap<>(Language.class);
            for (Language language : List.of(Language.EN, Language.ES)) {
                List<String> list = new ArrayList<>();
                node.path(language.code()).forEach(t -> list.add(t.asText()));
                terms.put(language, list);
            }
            String id = node.path("id").asText();
            themes.add(new Theme(id, node.path("label").asText(id), terms));
        }
        return themes;
    }

    public List<Theme> themes() {
        return themes;
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        themes.forEach(t -> labels.put(t.id(), t.label()));
        return labels;
    }

    /** Every stem (and, for other languages, folded word) a term of some theme is made of. */
    Set<String> termStems() {
        Set<String> stems = new java.util.HashSet<>();
        for (Map<String, List<Term>> byFirst : index.values()) {
            byFirst.values().forEach(terms -> terms.forEach(term -> stems.addAll(term.stems())));
        }
        return stems;
    }

    /** Identifies the taxonomy, so that stored analyses are redone when it changes. */
    public String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (Theme theme : themes) {
            text.append(theme.id()).append('\u0001');
            theme.terms().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> text.append(e.getKey()).append(e.getValue()).append('\u0002'));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The themes the tokens mention, in taxonomy order, each with the positions of the tokens its terms start at. */
    Map<String, List<Integer>> match(Language language, List<Token> tokens) {
        Map<String, List<Integer>> terms = new HashMap<>();
        Map<String, List<Term>> byFirstStem = index.get(language);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            List<Term> candidates = byFirstStem.get(language == Language.OTHER ? token.folded() : token.stem());
            if (candidates == null) {
                continue;
            }
            for (Term term : candidates) {
                if (matches(language, tokens, i, term.stems())) {
                    List<Integer> positions = terms.computeIfAbsent(term.theme(), k -> new ArrayList<>());
                    if (!positions.contains(i)) {
                        positions.add(i);
                    }
                }
            }
        }
        Map<String, List<Integer>> ordered = new LinkedHashMap<>();
        for (Theme theme : themes) {
            if (terms.containsKey(theme.id())) {
                ordered.put(theme.id(), terms.get(theme.id()));
            }
        }
        return ordered;
    }

    private static boolean matches(Language language, List<Token> tokens, int start, List<String> stems) {
        if (start + stems.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < stems.size(); k++) {
            Token token = tokens.get(start + k);
            if (!token.isWord() || !(language == Language.OTHER ? token.folded() : token.stem()).equals(stems.get(k))) {
                return false;
            }
        }
        return true;
    }

    private void add(Language language, Term term) {
        if (!term.stems().isEmpty()) {
            index.get(language).computeIfAbsent(term.stems().get(0), k -> new ArrayList<>()).add(term);
        }
    }

    private static List<String> stems(String term, Stemmer stemmer) {
        List<String> stems = new ArrayList<>();
        for (Token token : Text.tokens(term, stemmer)) {
            if (token.isWord()) {
                stems.add(token.stem());
            }
        }
        return stems;
    }
}
