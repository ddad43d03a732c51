package dev.pulse.voc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A language's sentiment resources: opinion words and phrases with a valence (-4..+4), negations,
 * degree words, contrast words and the function words that identify the language. Words are matched
 * accent-folded, first as written and then by stem; phrases as sequences of folded words.
 */
final class Lexicon {
    static final double BOOST = 0.293; // VADER's scalar for a degree word

    private final Language language;
    private final Stemmer stemmer;
    private final Map<String, Double> words = new HashMap<>();
    private final Map<String, Double> stems = new HashMap<>();
    private final Map<String, List<Phrase>> phrasesByFirstWord = new HashMap<>();
    private final Set<String> negations = new HashSet<>();
    private final Set<String> complaintNegations = new HashSet<>();
    private final Map<String, Double> boosters = new HashMap<>();
    private final Map<String, List<Phrase>> boosterPhrases = new HashMap<>();
    private final List<List<String>> contrasts = new ArrayList<>();
    private final List<List<String>> irrealis = new ArrayList<>();
    private final Set<String> comparisonWords = new HashSet<>();
    private final Set<String> resolutions = new HashSet<>();
    private final Set<String> likingSubjects = new HashSet<>();
    private final Set<String> stopwords = new HashSet<>();
    private boolean negativeConcord;
    private final List<List<String>> ratingScaleWords = new ArrayList<>();
    private final Set<String> ratingStarWords = new HashSet<>();
    private final Set<String> neutral = new HashSet<>();

    /** A phrase of folded words and its value (a valence, or a degree scalar). */
    record Phrase(List<String> words, double value) {
        Phrase {
            words = List.copyOf(words);
        }
    }

    /**
     * The most letters a stem may drop from a lexicon word and still stand for it: English
     * inflections (-s, -es, -ed) drop up to 2 ("useful" is not "use"), Spanish ones up to 3 (-as, -ado).
     */
    private final int maxInflection;

    private Lexicon(Language language) {
        this.language = requireNonNull(language, "language is null");
        this.maxInflection = language == Language.ES ? 3 : 2;
        this.stemmer = Stemmer.of(language);
    }

    static Lexicon english() {
        Lexicon lexicon = new Lexicon(Language.EN);
        lexicon.readValences("en-vader.tsv");
        lexicon.readValences("en-pattern.tsv");
        lexicon.readValences("en-cx.tsv");
        lexicon.readValences("emoji.tsv");
        lexicon.readRules("language-en.yaml");
        return lexicon;
    }

    static Lexicon spanish() {
        Lexicon lexicon = new Lexicon(Language.ES);
        lexicon.readValences("es.tsv");
        lexicon.readValences("emoji.tsv");
        lexicon.readRules("language-es.yaml");
        return lexicon;
    }

    Language language() {
        return language;
    }

    Stemmer stemmer() {
        return stemmer;
    }

    /** The valence of a single word, as written or else by its stem; null when it carries none. */
    Double valence(Token token) {
        Double v = words.get(token.folded());
        return v != null ? v : stems.get(token.stem());
    }

    /**
     * A rating starting at {@code start}, as a phrase whose value is a valence: "9/10", "4 out of 5",
     * "10 de 10", "4 stars", "2 estrellas" (a star count is out of 5); a rating in words ends its clause
     * or is followed by stars. The rating's place on its scale (5, 10 or 100) maps linearly onto -3..+3:
     * full marks +3, the middle 0, none -3. Null when there is none, or the numbers are no rating (9/5,
     * 12 stars).
     */
    Phrase ratingAt(List<Token> tokens, int start) {
        String first = tokens.get(start).folded();
        if (first.isEmpty() || !Character.isDigit(first.charAt(0))) {
            return null; // most tokens: no regular expression run for them
        }
        Matcher slash = RATING_WITH_SLASH.matcher(first);
        if (slash.matches()) {
            // a rating opens or closes its clause ("10/10 would buy again", "service: 2/10."); "on 3/10 my bill..." is a date
            return Text.opensClause(tokens, start) || Text.endsClause(tokens, start)
                    ? rating(List.of(first), slash.group(1), slash.group(2)) : null;
        }
        if (!NUMBER.matcher(first).matches()) {
            return null;
        }
        for (List<String> words : ratingScaleWords) {
            int scaleAt = start + 1 + words.size();
            if (scaleAt >= tokens.size() || !matches(tokens, start + 1, words) || !NUMBER.matcher(tokens.get(scaleAt).folded()).matches()) {
                continue;
            }
            // "4 out of 5" ends its clause or names stars: "3 out of 5 calls drop" is a count, not a rating
            if (Text.endsClause(tokens, scaleAt) || ratingStarWords.contains(tokens.get(scaleAt + 1).folded())) {
                List<String> all = new ArrayList<>();
                for (int i = start; i <= scaleAt; i++) {
                    all.add(tokens.get(i).folded());
                }
                return rating(all, first, tokens.get(scaleAt).folded());
            }
        }
        if (start + 1 < tokens.size() && ratingStarWords.contains(tokens.get(start + 1).folded())) {
            return rating(List.of(first, tokens.get(start + 1).folded()), first, "5");
        }
        return null;
    }

    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:[.,]\\d)?");
    private static final Pattern RATING_WITH_SLASH = Pattern.compile("(\\d{1,3}(?:[.,]\\d)?)/(5|10|100)");

    private static Phrase rating(List<String> words, String given, String outOf) {
        double value = Double.parseDouble(given.replace(',', '.'));
        double scale = Double.parseDouble(outOf);
        if (scale != 5 && scale != 10 && scale != 100 || value > scale) {
            return null;
        }
        return new Phrase(words, (value / scale - 0.5) * 6);
    }

    /** The longest opinion phrase starting at {@code start}, or null. */
    Phrase phraseAt(List<Token> tokens, int start) {
        return longestAt(phrasesByFirstWord, tokens, start);
    }

    /** A degree word or phrase at {@code start} (positive scalar raises, negative lowers), or null. */
    Phrase boosterAt(List<Token> tokens, int start) {
        Token token = tokens.get(start);
        Phrase phrase = longestAt(boosterPhrases, tokens, start);
        if (phrase != null) {
            return phrase;
        }
        Double scalar = token.isWord() ? boosters.get(token.folded()) : null;
        return scalar == null ? null : new Phrase(List.of(token.folded()), scalar);
    }

    boolean isNegation(Token token) {
        return token.isWord() && (negations.contains(token.folded()) || token.folded().endsWith("n't"));
    }

    /** A negation that makes a statement without an opinion word a complaint ("doesn't work"); not "without" or "never". */
    boolean isComplaintNegation(Token token) {
        return token.isWord() && (complaintNegations.contains(token.folded()) || token.folded().endsWith("n't"));
    }

    /** The number of tokens of a contrast word or phrase ("but", "sin embargo") at {@code start}, or 0. */
    int contrastAt(List<Token> tokens, int start) {
        for (List<String> contrast : contrasts) {
            if (matches(tokens, start, contrast)) {
                return contrast.size();
            }
        }
        return 0;
    }

    /** Whether several negations in a row still mean one ("no tengo ningún problema"). */
    boolean negativeConcord() {
        return negativeConcord;
    }

    /** Whether an unreal condition ("would have", "podría haber") ends at token {@code end}. */
    boolean irrealisEndsAt(List<Token> tokens, int end) {
        for (List<String> phrase : irrealis) {
            int start = end - phrase.size() + 1;
            if (start >= 0 && matches(tokens, start, phrase)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A word that is an opinion as a verb and a comparison otherwise ("like"): a comparison unless a
     * subject or auxiliary comes just before it ("I like", "we'd like", "don't like", "really like").
     */
    boolean isComparisonWord(List<Token> tokens, int index) {
        Token token = tokens.get(index);
        if (!token.isWord() || !comparisonWords.contains(token.folded())) {
            return false;
        }
        return index == 0 || !likingSubjects.contains(tokens.get(index - 1).folded());
    }

    /** A verb that undoes a problem ("fixed", "solucionaron"): a negative word after it is good news. */
    boolean isResolution(Token token) {
        return token.isWord() && resolutions.contains(token.folded());
    }

    boolean isStopword(String folded) {
        return stopwords.contains(folded);
    }

    /** Whether the word is in the lexicon (as written or by stem), which also hints at the language. */
    boolean knows(String folded) {
        return words.containsKey(folded) || stems.containsKey(stemmer.stem(folded));
    }

    private static Phrase longestAt(Map<String, List<Phrase>> index, List<Token> tokens, int start) {
        List<Phrase> candidates = index.get(tokens.get(start).folded());
        if (candidates == null) {
            return null;
        }
        for (Phrase phrase : candidates) { // longest first
            if (matches(tokens, start, phrase.words())) {
                return phrase;
            }
        }
        return null;
    }

    private static boolean matches(List<Token> tokens, int start, List<String> words) {
        if (start + words.size() > tokens.size()) {
            return false;
        }
        for (int i = 0; i < words.size(); i++) {
            if (!tokens.get(start + i).folded().equals(words.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static void addPhrase(Map<String, List<Phrase>> index, Phrase phrase) {
        List<Phrase> list = index.computeIfAbsent(phrase.words().get(0), k -> new ArrayList<>());
        list.add(phrase);
        list.sort((a, b) -> Integer.compare(b.words().size(), a.words().size()));
    }

    private static List<String> foldedWords(String entry) {
        List<String> folded = new ArrayList<>();
        for (Token token : Text.tokens(entry, null)) {
            folded.add(token.folded());
        }
        return folded;
    }

    private void readValences(String resource) {
        Map<String, List<Double>> byStem = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("# ")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String entry = line.substring(0, tab).strip();
                double valence = Double.parseDouble(line.substring(tab + 1).split("\t")[0]);
                List<String> parts = foldedWords(entry);
                if (!String.join(" ", parts).equals(Text.fold(entry))) {
                    words.put(Text.plainSymbol(entry), valence); // an emoji or emoticon: matched as written
                } else if (parts.size() > 1) {
                    addPhrase(phrasesByFirstWord, new Phrase(parts, valence));
                } else if (valence == 0) {
                    // a general-language opinion word that is neutral in customer comments ("support", "care")
                    String folded = parts.get(0);
                    words.remove(folded);
                    neutral.add(folded);
                    neutral.add(stemmer.stem(folded));
                } else {
                    String folded = parts.get(0);
                    words.put(folded, valence);
                    String stem = stemmer.stem(folded);
                    // Stems stand for inflections ("outages", "lentas"), not derivations: "useful" is not "use".
                    if (folded.chars().allMatch(Character::isLetter) && folded.length() - stem.length() <= maxInflection) {
                        byStem.computeIfAbsent(stem, k -> new ArrayList<>()).add(valence);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lexicon " + resource, e);
        }
        // A stem shared by several entries takes their mean; a later file's stems replace an earlier file's.
        byStem.forEach((stem, values) -> stems.put(stem, values.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        neutral.forEach(stems::remove);
    }

    private void readRules(String resource) {
        JsonNode root;
        try (InputStream in = open(resource)) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        root.path("negations").forEach(n -> negations.add(Text.fold(n.asText())));
        root.path("complaint_negations").forEach(n -> complaintNegations.add(Text.fold(n.asText())));
        root.path("boosters_up").forEach(n -> addBooster(n.asText(), BOOST));
        root.path("boosters_down").forEach(n -> addBooster(n.asText(), -BOOST));
        root.path("contrasts").forEach(n -> contrasts.add(foldedWords(n.asText())));
        contrasts.sort((a, b) -> Integer.compare(b.size(), a.size()));
        root.path("irrealis").forEach(n -> irrealis.add(foldedWords(n.asText())));
        root.path("resolutions").forEach(n -> resolutions.add(Text.fold(n.asText())));
        root.path("comparison_words").forEach(n -> comparisonWords.add(Text.fold(n.asText())));
        root.path("liking_subjects").forEach(n -> likingSubjects.add(Text.fold(n.asText())));
        root.path("stopwords").forEach(n -> stopwords.add(Text.fold(n.asText())));
        negativeConcord = root.path("negative_concord").asBoolean(false);
        root.path("rating_scale_words").forEach(n -> ratingScaleWords.add(foldedWords(n.asText())));
        root.path("rating_star_words").forEach(n -> ratingStarWords.add(Text.fold(n.asText())));
    }

    private void addBooster(String entry, double scalar) {
        List<String> parts = foldedWords(entry);
        if (parts.size() > 1) {
            addPhrase(boosterPhrases, new Phrase(parts, scalar));
        } else {
            boosters.put(parts.get(0), scalar);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = Lexicon.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource missing from the build: " + resource);
        }
        return in;
    }
}
