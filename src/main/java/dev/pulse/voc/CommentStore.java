package dev.pulse.voc;

import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Keeps an analysis of every survey comment in the database: comments are analysed once, when
 * they arrive (only new ones on a later import), and again only when the theme taxonomy or the
 * analyser changes; reports and queries read the stored results.
 */
public final class CommentStore {
    /** Raise when the analyser's rules or lexicons change, so that stored analyses are redone. */
    static final String ANALYZER_VERSION = "8";
    private static final int BATCH = 20_000;

    private final Database database;
    private final CommentAnalyzer analyzer;

    /** What an update did. */
    public record Update(long analysed, long total, boolean redone, double seconds) {
    }

    public CommentStore(Database database, CommentAnalyzer analyzer) {
        this.database = requireNonNull(database, "database is null");
        this.analyzer = requireNonNull(analyzer, "analyzer is null");
    }

    /**
     * For commands that read the analyses: nothing to do when they were made by this analyser with
     * this taxonomy (every import brings them up to date, see {@link #update}); otherwise as update.
     * Keeps the reading commands free of a scan of every comment.
     */
    public Update ensureCurrent(Consumer<String> progress) throws SQLException, IOException {
        long start = System.nanoTime();
        Schema.createCommentTables(database);
        if (!state().equals(storedState())) {
            return update(progress);
        }
        long total = database.queryLong(Sql.of("SELECT count(*) FROM " + Schema.COMMENT_ANALYSES));
        return new Update(0, total, false, (System.nanoTime() - start) / 1e9);
    }

    /**
     * After an import: analyses the comments not analysed yet: new ones, and those whose text changed since (a
     * re-imported survey row replaces the stored one); all of them when the taxonomy or the
     * analyser changed. Analyses of comments that are gone or blank now are removed.
     */
    public Update update(Consumer<String> progress) throws SQLException, IOException {
        long start = System.nanoTime();
        Schema.createCommentTables(database);
        String state = state();
        boolean redone = false;
        String stored = storedState();
        if (!state.equals(stored)) {
            redone = database.queryLong(Sql.of("SELECT count(*) FROM " + Schema.COMMENT_ANALYSES)) > 0;
            if (stored == null || !stored.startsWith(ANALYZER_VERSION + "/")) {
                Schema.dropCommentTables(database); // another analyser version may have stored other columns
                Schema.createCommentTables(database);
            } else {
                database.execute("DELETE FROM " + Schema.COMMENT_ANALYSES);
                database.execute("DELETE FROM " + Schema.COMMENT_THEMES);
            }
        }
        String digest = database.dialect().digest("s.comment");
        database.execute("DELETE FROM " + Schema.COMMENT_ANALYSES + " a WHERE NOT EXISTS (SELECT 1 FROM surveys s"
                + " WHERE s.response_id = a.response_id AND trim(s.comment) <> '' AND " + digest + " = a.digest)");
        database.execute("DELETE FROM " + Schema.COMMENT_THEMES + " t WHERE NOT EXISTS (SELECT 1 FROM " + Schema.COMMENT_ANALYSES
                + " a WHERE a.response_id = t.response_id)");
        Sql pending = pending();
        long todo = database.queryLong(new Sql.Builder().add("SELECT count(*) FROM (").add(pending).add(") p").build());
        long analysed = 0;
        if (todo > 0) {
            if (progress != null && todo > BATCH) {
                progress.accept(String.format("analysing %,d comments (language, sentiment, themes)...", todo));
            }
            analysed = analyse(pending);
        }
        database.execute("DELETE FROM " + Schema.COMMENT_STATE);
        database.execute(Sql.of("INSERT INTO " + Schema.COMMENT_STATE + " VALUES ('analyzer', ?)", state));
        long total = database.queryLong(Sql.of("SELECT count(*) FROM " + Schema.COMMENT_ANALYSES));
        return new Update(analysed, total, redone, (System.nanoTime() - start) / 1e9);
    }

    /** The comments with no analysis yet. */
    private Sql pending() {
        return Sql.of("SELECT s.response_id, s.comment, " + database.dialect().digest("s.comment") + " AS digest FROM surveys s"
                + " WHERE s.comment IS NOT NULL AND trim(s.comment) <> ''"
                + " AND NOT EXISTS (SELECT 1 FROM " + Schema.COMMENT_ANALYSES + " a WHERE a.response_id = s.response_id)");
    }

    /**
     * Analyses the comments that have none (answers the server stored but was stopped before it
     * analysed them); the stored analyses stay as they are.
     */
    public long analyseMissing() throws SQLException, IOException {
        Schema.createCommentTables(database);
        return analyse(pending());
    }

    /**
     * After answers arrive through the server: analyses these responses' comments anew (an edited
     * comment replaces its analysis; a comment made blank loses it), in one transaction, so a crash
     * leaves the old analysis or the new one.
     */
    public long reanalyse(java.util.Collection<String> responseIds) throws SQLException, IOException {
        Schema.createCommentTables(database);
        List<String> ids = List.copyOf(new java.util.TreeSet<>(responseIds));
        return database.inTransaction(() -> {
            long analysed = 0;
            for (int from = 0; from < ids.size(); from += 500) {
                Object[] chunk = ids.subList(from, Math.min(ids.size(), from + 500)).toArray();
                String marks = String.join(", ", java.util.Collections.nCopies(chunk.length, "?"));
                database.execute(Sql.of("DELETE FROM " + Schema.COMMENT_THEMES + " WHERE response_id IN (" + marks + ")", chunk));
                database.execute(Sql.of("DELETE FROM " + Schema.COMMENT_ANALYSES + " WHERE response_id IN (" + marks + ")", chunk));
                analysed += analyse(Sql.of("SELECT s.response_id, s.comment, " + database.dialect().digest("s.comment") + " AS digest"
                        + " FROM surveys s WHERE s.response_id IN (" + marks + ") AND s.comment IS NOT NULL AND trim(s.comment) <> ''", chunk));
            }
            return analysed;
        });
    }

    /** What the analyses are made with: the analyser's version and the taxonomy's fingerprint. */
    private String state() {
        return ANALYZER_VERSION + "/" + analyzer.taxonomy().fingerprint();
    }

    private String storedState() throws SQLException {
        var rows = database.query(Sql.of("SELECT value FROM " + Schema.COMMENT_STATE + " WHERE key = 'analyzer'"));
        return rows.isEmpty() ? null : (String) rows.get(0).get("value");
    }

    /** Streams the pending comments, analyses them in parallel batches, and bulk-loads the results from CSV. */
    private long analyse(Sql pending) throws SQLException, IOException {
        Path analyses = Files.createTempFile("pulse-comments", ".csv");
        Path themes = Files.createTempFile("pulse-themes", ".csv");
        long count = 0;
        try (Writer a = Files.newBufferedWriter(analyses, StandardCharsets.UTF_8);
             Writer t = Files.newBufferedWriter(themes, StandardCharsets.UTF_8);
             CSVPrinter analysisOut = CSVFormat.DEFAULT.builder().setHeader("response_id", "language", "sentiment", "label", "terms", "digest").get().print(a);
             CSVPrinter themeOut = CSVFormat.DEFAULT.builder().setHeader("response_id", "theme", "sentiment", "label").get().print(t)) {
            List<String[]> batch = new ArrayList<>(BATCH);
            long[] written = {0};
            database.stream(pending, row -> {
                batch.add(new String[]{row.getString(1), row.getString(2), row.getString(3)});
                if (batch.size() == BATCH) {
                    written[0] += write(batch, analysisOut, themeOut);
                    batch.clear();
                }
            });
            count = written[0] + write(batch, analysisOut, themeOut);
        }
        try {
            if (database.dialect() instanceof dev.pulse.engine.PostgreSqlDialect) { // the server's answers, on PostgreSQL
                database.copyCsvInto(Schema.COMMENT_ANALYSES, List.of("response_id", "language", "sentiment", "label", "terms", "digest"), analyses);
                database.copyCsvInto(Schema.COMMENT_THEMES, List.of("response_id", "theme", "theme_sentiment", "theme_label"), themes);
                return count;
            }
            database.execute(new Sql.Builder().add("INSERT INTO " + Schema.COMMENT_ANALYSES
                            + " SELECT c0, c1, CAST(c2 AS DOUBLE), c3, c4, c5 FROM ")
                    .add(database.dialect().readCsvAsText(analyses, 6, "comment_rejects")).build());
            database.execute(new Sql.Builder().add("INSERT INTO " + Schema.COMMENT_THEMES + " SELECT c0, c1, CAST(c2 AS DOUBLE), c3 FROM ")
                    .add(database.dialect().readCsvAsText(themes, 4, "comment_rejects")).build());
        } finally {
            Files.deleteIfExists(analyses);
            Files.deleteIfExists(themes);
        }
        return count;
    }

    private long write(List<String[]> batch, CSVPrinter analysisOut, CSVPrinter themeOut) {
        List<CommentAnalysis> results = batch.parallelStream().map(c -> analyzer.analyze(c[1])).toList();
        try {
            for (int i = 0; i < batch.size(); i++) {
                CommentAnalysis r = results.get(i);
                String id = batch.get(i)[0];
                analysisOut.printRecord(id, r.language().code(), r.sentiment(), r.label(), String.join(" ", r.terms()), batch.get(i)[2]);
                for (Map.Entry<String, Double> theme : r.themes().entrySet()) {
                    themeOut.printRecord(id, theme.getKey(), theme.getValue(), CommentAnalysis.label(theme.getValue()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return batch.size();
    }
}
