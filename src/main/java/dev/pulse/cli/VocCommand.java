package dev.pulse.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.Scope;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.Source;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.PiiMasker;
import dev.pulse.voc.Verbatims;
import dev.pulse.voc.VocSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "voc", mixinStandardHelpOptions = true,
        description = "Voice of the customer: themes, sentiment and verbatims of survey comments (English and Spanish), "
                + "emerging topics, comment search, and every analysed comment.")
public final class VocCommand implements Callable<Integer> {
    @Mixin
    Options options = new Options();

    @Option(names = "--quarter", description = "The quarter, e.g. 2024-Q4 (default: the latest quarter with data, as the report's).")
    String quarter;

    @Option(names = "--period", description = "Any period instead of a quarter: 2024, 2024-Q4, 2024-10 or 2024-W41.")
    String period;

    @Option(names = "--by", split = ",", paramLabel = "DIM",
            description = "Group the themes by these survey dimensions (default: type, i.e. customers and partners), e.g. tier, "
                    + "segment, product, program, language.")
    List<String> by;

    @Option(names = "--search", paramLabel = "WORDS",
            description = "Find comments containing all these words, in any inflection, in English or Spanish (e.g. \"portal lento\").")
    String search;

    @Option(names = "--comments", description = "Print every analysed comment (of --quarter/--period when given).")
    boolean comments;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many comments for --search (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--verbatims", defaultValue = "3", description = "Verbatims per theme and polarity (default: ${DEFAULT-VALUE}).")
    int verbatims;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        Options.atLeast("--limit", limit, 1);
        Options.atLeast("--verbatims", verbatims, 0);
        Catalogue catalogue = Catalogue.standard();
        PulseConfig config = options.loadConfig(catalogue);
        if (quarter != null && period != null) {
            throw new MetricException("give either --quarter or --period, not both");
        }
        if (quarter != null && !quarter.matches("\\d{4}-Q[1-4]")) {
            throw new MetricException("--quarter '" + quarter + "' is not a quarter such as 2024-Q4");
        }
        String chosen = quarter != null ? quarter : period;
        PeriodRange range = chosen == null ? null : PeriodRange.parse(chosen);
        try (Database database = options.openImportedOnAnyEngine(config)) {
            CommentAnalyzer analyzer = Options.analyseComments(database, config);
            MetricEngine engine = new MetricEngine(database, catalogue, config, Scope.everything());
            if (search != null) {
                search(engine, analyzer, range, System.out);
            } else if (comments) {
                everyComment(engine, range, System.out);
            } else {
                String label = chosen != null ? chosen : ReportCommand.latestQuarter(engine, System.err);
                ReportCommand.requireData(engine, label);
                List<String> dimensions = by == null ? List.of("type") : by.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
                for (String dimension : dimensions) {
                    if (!Source.COMMENT_THEMES.dimensions().contains(dimension)) {
                        throw new MetricException("cannot group comments by '" + dimension + "'; dimensions: "
                                + String.join(", ", Source.COMMENT_THEMES.dimensions().stream().filter(d -> !d.equals("theme")).toList()));
                    }
                }
                VocSummary summary = VocSummary.build(engine, analyzer, label, dimensions, verbatims);
                switch (format) {
                    case table -> VocOutput.printTable(summary, System.out);
                    case csv -> VocOutput.printCsv(summary, System.out);
                    case json -> System.out.println(VocOutput.json(summary));
                }
            }
        }
        return 0;
    }

    private void search(MetricEngine engine, CommentAnalyzer analyzer, PeriodRange range, PrintStream out) throws Exception {
        List<Sql> conditions = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String word : search.trim().split("\\s+")) {
            if (word.isBlank()) {
                continue;
            }
            if (analyzer.isFunctionWord(word)) {
                ignored.add(word);
                continue;
            }
            List<Sql> spellings = new ArrayList<>();
            for (String stem : analyzer.searchStems(word)) {
                spellings.add(Sql.of("strpos(' ' || r.terms || ' ', ?) > 0", " " + stem + " "));
            }
            conditions.add(new Sql.Builder().add("(").add(Sql.join(" OR ", spellings)).add(")").build());
        }
        if (conditions.isEmpty()) {
            throw new MetricException("--search needs at least one word that is not a function word (ignored: " + String.join(", ", ignored) + ")");
        }
        Database db = engine.database();
        Sql.Builder sql = new Sql.Builder().add("SELECT r.response_id, CAST(r.event_local AS VARCHAR) AS responded, r.language, r.sentiment,"
                        + " r.label, r.comment, " + themesOf(db) + " FROM (")
                .add(engine.sourceRows(Source.COMMENTS, range)).add(") r WHERE ").add(Sql.join(" AND ", conditions));
        long total = db.queryLong(new Sql.Builder().add("SELECT count(*) FROM (").add(sql.build()).add(") q").build());
        sql.add(Sql.of(" ORDER BY r.event_local DESC, r.response_id LIMIT ?", limit));
        List<Map<String, Object>> rows = db.query(sql.build());
        if (format == OutputFormat.json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (Map<String, Object> row : rows) {
                ObjectNode node = commentNode(array.addObject(), row);
                node.put("responded_at", String.valueOf(row.get("responded")));
                node.put("comment", PiiMasker.mask((String) row.get("comment")));
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            return;
        }
        if (!ignored.isEmpty()) {
            out.println("(function words ignored: " + String.join(", ", ignored) + ")");
        }
        out.printf("%,d comments match \"%s\"%s%s%n", total, search, range == null ? "" : " in " + (quarter != null ? quarter : period),
                total > rows.size() ? "; the " + rows.size() + " latest:" : ":");
        for (Map<String, Object> row : rows) {
            out.printf("%n%s  %s  %s %s  [%s]%n  %s%n", row.get("response_id"), String.valueOf(row.get("responded")).substring(0, 10),
                    row.get("language"), row.get("sentiment") == null ? "not scored" : String.format(Locale.ROOT, "%+.2f %s",
                            ((Number) row.get("sentiment")).doubleValue(), row.get("label")),
                    row.get("themes") == null ? "no theme" : row.get("themes"), PiiMasker.mask((String) row.get("comment")));
        }
    }

    /** The select-list item "themes": the theme ids of comment r, comma-separated in id order (null for none). */
    private static String themesOf(Database db) {
        return "(SELECT " + db.dialect().stringAgg("x.theme", ",", "x.theme") + " FROM " + Schema.COMMENT_THEMES
                + " x WHERE x.response_id = r.response_id) AS themes";
    }

    /** Streams every analysed comment (JSON array, CSV or a table), without holding them in memory. */
    private void everyComment(MetricEngine engine, PeriodRange range, PrintStream out) throws Exception {
        Database db = engine.database();
        Sql sql = new Sql.Builder().add("SELECT r.response_id, r.language, r.sentiment, r.label, " + themesOf(db) + " FROM (")
                .add(engine.sourceRows(Source.COMMENTS, range)).add(") r ORDER BY r.response_id").build();
        switch (format) {
            case json -> {
                ObjectMapper mapper = new ObjectMapper();
                try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
                    json.useDefaultPrettyPrinter();
                    json.writeStartArray();
                    db.stream(sql, row -> {
                        try {
                            json.writeStartObject();
                            json.writeStringField("response_id", row.getString(1));
                            json.writeStringField("language", row.getString(2));
                            double sentiment = row.getDouble(3);
                            if (row.wasNull()) {
                                json.writeNullField("sentiment");
                            } else {
                                json.writeNumberField("sentiment", sentiment);
                            }
                            json.writeStringField("label", row.getString(4));
                            json.writeArrayFieldStart("themes");
                            String themes = row.getString(5);
                            if (themes != null) {
                                for (String theme : themes.split(",")) {
                                    json.writeString(theme);
                                }
                            }
                            json.writeEndArray();
                            json.writeEndObject();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    json.writeEndArray();
                }
                out.println();
            }
            case csv, table -> {
                String separator = format == OutputFormat.csv ? "," : "\t";
                out.println(String.join(separator, "response_id", "language", "sentiment", "label", "themes"));
                db.stream(sql, row -> {
                    double sentiment = row.getDouble(3);
                    String score = row.wasNull() ? "" : Double.toString(sentiment);
                    String themes = row.getString(5);
                    out.println(String.join(separator, row.getString(1), row.getString(2), score,
                            row.getString(4) == null ? "" : row.getString(4),
                            themes == null ? "" : format == OutputFormat.csv ? "\"" + themes + "\"" : themes));
                });
            }
        }
    }

    private static ObjectNode commentNode(ObjectNode node, Map<String, Object> row) {
        node.put("response_id", (String) row.get("response_id"));
        node.put("language", (String) row.get("language"));
        if (row.get("sentiment") == null) {
            node.putNull("sentiment");
        } else {
            node.put("sentiment", ((Number) row.get("sentiment")).doubleValue());
        }
        node.put("label", (String) row.get("label"));
        ArrayNode themes = node.putArray("themes");
        if (row.get("themes") != null) {
            for (String theme : ((String) row.get("themes")).split(",")) {
                themes.add(theme);
            }
        }
        return node;
    }
}
