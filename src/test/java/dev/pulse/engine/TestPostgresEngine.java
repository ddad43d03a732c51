package dev.pulse.engine;

import dev.pulse.config.PulseConfig;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.Scope;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import dev.pulse.testing.TestingPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the metric catalogue on PostgreSQL gives DuckDB's numbers, from the same compiled SQL
 * through PostgreSqlDialect: the demo generator's data imported into DuckDB, its stored tables copied
 * into a throwaway PostgreSQL cluster, and every metric by quarter, and by quarter and segment, computed
 * on both, and by month in America/Santiago: the same groups, n exactly, values and intervals within
 * 1e-9 relative.
 */
class TestPostgresEngine {
    @Test
    void theWholeCatalogueGivesDuckDbsNumbersOnPostgreSql(@TempDir Path temp) throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("demo"));
        new DemoDataGenerator(GeneratorOptions.standard(0.02)).generate(folder.data());
        PulseConfig config = PulseConfig.defaults();
        TestingPostgres postgres = TestingPostgres.get();
        String url = postgres.newDatabase();
        try (Database duck = Database.openDuckDb(temp.resolve("cx.duckdb"), "1GB"); Database pg = postgres.open(url)) {
            folder.importInto(duck, config);
            TableCopy.toPostgres(duck, pg, temp, dev.pulse.ingest.Schema.tables());
            Catalogue catalogue = Catalogue.standard();
            PulseConfig santiago = new dev.pulse.config.ConfigLoader(Catalogue.standard().names()).parse("pulse.yaml",
                    new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                            .readTree("timezone: America/Santiago\n"));
            for (List<String> by : List.of(List.of("quarter"), List.of("quarter", "segment"), List.of("month", "channel"), List.of("month"))) {
                // by month alone in Santiago: local times across its DST changes, from PostgreSQL's tz database and java.time's
                PulseConfig zone = by.equals(List.of("month")) ? santiago : config;
                List<String> metrics = catalogue.names().stream().sorted().filter(m -> by.stream().allMatch(d -> d.equals("quarter")
                        || d.equals("month") || d.equals("week") || catalogue.get(m).orElseThrow().source().dimensions().contains(d))).toList();
                MetricQuery query = new MetricQuery(metrics, by, null);
                List<MetricValue> expected = new MetricEngine(duck, catalogue, zone, Scope.everything(), TestingClock.CLOCK).compute(query);
                List<MetricValue> actual = new MetricEngine(pg, catalogue, zone, Scope.everything(), TestingClock.CLOCK).compute(query);
                Map<String, MetricValue> byKey = new TreeMap<>();
                actual.forEach(v -> byKey.put(v.metric() + " " + new TreeMap<>(v.group()), v));
                assertThat(actual).as(by + ": values").hasSameSizeAs(expected);
                int compared = 0;
                for (MetricValue want : expected) {
                    String key = want.metric() + " " + new TreeMap<>(want.group());
                    MetricValue got = byKey.get(key);
                    assertThat(got).as(key).isNotNull();
                    assertThat(got.n()).as(key + " n").isEqualTo(want.n());
                    close(key + " value", got.value(), want.value());
                    close(key + " ci_low", got.ciLow(), want.ciLow());
                    close(key + " ci_high", got.ciHigh(), want.ciHigh());
                    compared++;
                }
                System.out.printf("postgresql: %d values of %d metrics by %s in %s equal DuckDB's%n", compared, metrics.size(), by, zone.zone());
            }
        }
    }

    private static void close(String what, Double got, Double want) {
        if (want == null) {
            assertThat(got).as(what).isNull();
            return;
        }
        assertThat(got).as(what).isNotNull();
        assertThat(Math.abs(got - want)).as(what + ": " + got + " against " + want).isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(want)));
    }
}
