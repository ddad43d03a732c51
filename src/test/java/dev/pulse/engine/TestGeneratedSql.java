package dev.pulse.engine;

import dev.pulse.config.ConfigLoader;
import dev.pulse.config.PulseConfig;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.testing.TestingFolder;
import dev.pulse.testing.TestingPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL each dialect generates, compared with expected text kept under
 * {@code src/test/resources/dev/pulse/sql/<dialect>/}: a change to the generated SQL shows in review
 * as a change to those files. After an intended change, regenerate them (never edit them by hand):
 * {@code mvn test -Dtest=TestGeneratedSql -Dpulse.regenerateSql=true}.
 */
class TestGeneratedSql {
    private static final Path EXPECTED = Path.of("src/test/resources/dev/pulse/sql");

    @Test
    void importOfEveryFileAndTheSpecCatalogueByQuarterAndBySegment(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,type,segment,started_at", "C1,customer,SMB,2024-01-01", "P1,partner,,");
        folder.file("tickets.csv", "ticket_id,account_id,created_at,priority,channel,first_response_at,resolved_at",
                "T1,C1,2024-10-01T10:00:00Z,P1,phone,2024-10-01T10:10:00Z,2024-10-01T13:00:00Z");
        folder.file("interactions.csv", "interaction_id,offered_at,answered_at,abandoned,talk_seconds",
                "I1,2024-10-01T10:00:00Z,2024-10-01T10:00:15Z,false,100");
        folder.file("surveys.csv", "response_id,account_id,kind,responded_at,score,ticket_id", "R1,C1,nps,2024-10-02T10:00:00Z,9,T1");
        folder.file("agent_activity.csv", "agent_id,date,staffed_seconds,handling_seconds", "A1,2024-10-01,100,50");
        folder.file("qa_reviews.csv", "review_id,reviewed_at,score", "Q1,2024-10-01T10:00:00Z,90");
        folder.file("costs.csv", "month,amount", "2024-10,100");
        PulseConfig config = PulseConfig.defaults();
        List<Sql> statements = new ArrayList<>();
        try (Database database = folder.open()) {
            database.onStatement(statements::add);
            folder.importInto(database, config);
            compare(database.dialect(), "import", statements, temp);

            // A zone with daylight saving time: the local time of an event inside the data's window of
            // instants from the zone's offsets there, outside it from DuckDB's own conversion.
            Path yaml = Files.writeString(temp.resolve("pulse.yaml"), "timezone: America/Santiago\n");
            PulseConfig santiago = new ConfigLoader(Catalogue.standard().names()).load(yaml);
            compareMetricSql(database, config, santiago, statements, temp);

            // The same queries on PostgreSQL (its import runs in DuckDB: the stored tables are copied in)
            TestingPostgres postgres = TestingPostgres.get();
            try (Database pg = postgres.open(postgres.newDatabase())) {
                TableCopy.toPostgres(database, pg, temp, dev.pulse.ingest.Schema.tables());
                pg.onStatement(statements::add);
                compareMetricSql(pg, config, santiago, statements, temp);
            }
        }
    }

    /** The spec catalogue by quarter, by month and segment, and three metrics by month in Santiago, each against its dialect's file. */
    private static void compareMetricSql(Database database, PulseConfig config, PulseConfig santiago, List<Sql> statements, Path temp)
            throws Exception {
        List<String> specMetrics = Catalogue.standard().all().stream()
                .filter(m -> !m.source().isComments())
                .map(MetricDefinition::name).toList();
        MetricEngine engine = TestingFolder.engine(database, config);
        statements.clear();
        engine.compute(new MetricQuery(specMetrics, List.of("quarter"), PeriodRange.parse("2024-Q4")));
        compare(database.dialect(), "catalogue-by-quarter", statements, temp);

        statements.clear();
        engine.compute(new MetricQuery(engine.groupable(specMetrics, List.of("month", "segment")), List.of("month", "segment"),
                PeriodRange.parse("2024-Q4")));
        compare(database.dialect(), "catalogue-by-month-and-segment", statements, temp);

        statements.clear();
        TestingFolder.engine(database, santiago).compute(new MetricQuery(List.of("tickets", "nps", "aht"), List.of("month"),
                PeriodRange.parse("2024-Q4")));
        compare(database.dialect(), "metrics-by-month-in-santiago", statements, temp);
    }

    /** Each statement's text (white space folded) and binds, the temporary folder written as {@code <tmp>}. */
    private static void compare(Dialect dialect, String name, List<Sql> statements, Path temp) throws Exception {
        String actual = statements.stream()
                .map(sql -> sql.text().replaceAll("\\s+", " ").strip() + "\n-- binds: " + sql.binds())
                .map(text -> text.replace(temp.toAbsolutePath().toString(), "<tmp>"))
                .collect(Collectors.joining("\n\n", "", "\n"));
        Path file = EXPECTED.resolve(dialect.name()).resolve(name + ".sql");
        if (Boolean.getBoolean("pulse.regenerateSql")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("expected SQL; regenerate with -Dpulse.regenerateSql=true").exists();
        assertThat(actual).as(file + " (regenerate with -Dpulse.regenerateSql=true after an intended change)")
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
