package dev.pulse.voc;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A theme of the taxonomy: its id (what is stored and grouped by), its label, and its terms per language. */
public record Theme(String id, String label, Map<Language, List<String>> terms) {
    public Theme {
        requireNonNull(id, "id is null");
        requireNonNull(label, "label is null");
        terms = Map.copyOf(requireNonNull(terms, "terms is null"));
    }
}
