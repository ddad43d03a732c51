package dev.pulse.engine;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * SQL text and its bind values, travelling together. Values are never concatenated into the text:
 * every {@code ?} in {@link #text} has its value at the same position in {@link #binds}.
 */
public record Sql(String text, List<Object> binds) {
    public Sql {
        requireNonNull(text, "text is null");
        requireNonNull(binds, "binds is null");
        binds = java.util.Collections.unmodifiableList(new ArrayList<>(binds)); // may hold nulls
        long marks = parameterMarks(text);
        if (marks != binds.size()) {
            throw new IllegalArgumentException("SQL has " + marks + " parameter marks but " + binds.size() + " binds: " + text);
        }
    }

    /** Counts the {@code ?} outside quoted literals and identifiers. */
    private static long parameterMarks(String text) {
        long marks = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?') {
                marks++;
            }
        }
        return marks;
    }

    public static Sql of(String text, Object... binds) {
        return new Sql(text, java.util.Arrays.asList(binds));
    }

    public Sql append(Sql other) {
        List<Object> all = new ArrayList<>(binds);
        all.addAll(other.binds);
        return new Sql(text + other.text, all);
    }

    public Sql append(String moreText) {
        return new Sql(text + moreText, binds);
    }

    /** Joins fragments with a separator, keeping the binds in order. */
    public static Sql join(String separator, List<Sql> parts) {
        StringBuilder text = new StringBuilder();
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(parts.get(i).text);
            all.addAll(parts.get(i).binds);
        }
        return new Sql(text.toString(), all);
    }

    /** A small builder for statements assembled from many fragments. */
    public static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> binds = new ArrayList<>();

        public Builder add(String sql) {
            text.append(sql);
            return this;
        }

        public Builder add(Sql sql) {
            text.append(sql.text);
            binds.addAll(sql.binds);
            return this;
        }

        public Sql build() {
            return new Sql(text.toString(), binds);
        }
    }
}
