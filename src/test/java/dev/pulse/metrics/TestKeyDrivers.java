package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key drivers on planted truth: the demo generator lowers the relationship score of customers who had a
 * P1 incident (1.5 points) or an escalation (1.0) in the 90 days before answering, and nothing else of
 * their support experience. The analysis must find those two, in that order, with the planted effects
 * inside their intervals, and no other support experience; without planted effects, none.
 */
class TestKeyDrivers {
    /** The drivers computed from tickets: the support experiences (answer attributes and csat answers are real in the data). */
    private static final Set<String> SUPPORT = DriverCatalogue.standard().drivers().stream()
            .filter(d -> d.source() == dev.pulse.config.DriverDeclaration.Source.TICKETS).map(dev.pulse.config.DriverDeclaration::name).collect(Collectors.toSet());

    @TempDir
    Path temp;

    private List<KeyDrivers.Result> drivers(Path folderPath, GeneratorOptions options) throws Exception {
        TestingFolder folder = new TestingFolder(folderPath);
        new DemoDataGenerator(options).generate(folder.data());
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            return new KeyDrivers(database, PulseConfig.defaults(), Catalogue.standard(), DriverCatalogue.standard(), Scope.everything(),
                    TestingClock.CLOCK).compute(KeyDrivers.Options.of("customer_nps", PeriodRange.parse("2024")));
        }
    }

    @Test
    void thePlantedDriversAreFoundInTheirOrderWithTheirEffectsAndNothingElse() throws Exception {
        List<KeyDrivers.Result> results = drivers(temp.resolve("planted"), GeneratorOptions.standard(0.15));
        Map<String, KeyDrivers.Result> byName = results.stream().collect(Collectors.toMap(KeyDrivers.Result::driver, r -> r));
        results.forEach(r -> System.out.printf(java.util.Locale.ROOT, "  %-28s with %5s importance %6.2f (%6.2f, %6.2f) slope %s (%s, %s) %s%n",
                r.driver(), r.with(), nan(r.importance()), nan(r.importanceLow()), nan(r.importanceHigh()), r.slope(), r.slopeLow(),
                r.slopeHigh(), r.significant() ? "significant" : r.note() == null ? "" : r.note()));
        List<String> significantSupport = results.stream().filter(KeyDrivers.Result::significant).map(KeyDrivers.Result::driver)
                .filter(SUPPORT::contains).toList();
        assertThat(significantSupport).as("the support experiences found, most important first").containsExactly("p1_incident", "escalated");
        Map<String, Double> realised = realisedEffects();
        for (String driver : GeneratorOptions.PLANTED.keySet()) {
            KeyDrivers.Result found = byName.get(driver);
            System.out.printf(java.util.Locale.ROOT, "  %s: planted %.2f points, %.2f as the 0-10 scale shows it; found %.2f (%.2f to %.2f)%n", driver,
                    GeneratorOptions.PLANTED.get(driver), realised.get(driver), found.slope(), found.slopeLow(), found.slopeHigh());
            assertThat(realised.get(driver)).as(driver + ": the planted effect on the scores, inside the found effect's interval")
                    .isBetween(found.slopeLow(), found.slopeHigh());
            assertThat(found.effect()).as(driver + ": NPS of those with it minus those without").isNegative();
            assertThat(found.effectHigh()).isNegative();
        }
        assertThat(results).allSatisfy(r -> {
            if (r.importance() != null) {
                assertThat(r.importanceLow()).isLessThanOrEqualTo(r.importance());
                assertThat(r.importanceHigh()).isGreaterThanOrEqualTo(r.importance());
            }
        });
    }

    @Test
    void withoutPlantedEffectsNoSupportExperienceIsReportedAsADriver() throws Exception {
        List<KeyDrivers.Result> results = drivers(temp.resolve("none"), GeneratorOptions.standard(0.15).withPlanted(Map.of()));
        assertThat(results.stream().filter(KeyDrivers.Result::significant).map(KeyDrivers.Result::driver).filter(SUPPORT::contains))
                .as("significant support experiences where none was planted").isEmpty();
        assertThat(results).filteredOn(r -> SUPPORT.contains(r.driver())).isNotEmpty();
    }

    @Test
    void anExperienceTooFewHadIsNotEnoughDataNotANumber() throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("few"));
        new DemoDataGenerator(GeneratorOptions.standard(0.15)).generate(folder.data());
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            List<KeyDrivers.Result> results = new KeyDrivers(database, PulseConfig.defaults(), Catalogue.standard(), DriverCatalogue.standard(),
                    Scope.everything(), TestingClock.CLOCK).compute(new KeyDrivers.Options("customer_nps", PeriodRange.parse("2024-Q4"),
                    List.of(), 90, 200, 7, 400));
            assertThat(results).filteredOn(r -> "p1_incident".equals(r.driver())).singleElement().satisfies(r -> {
                assertThat(r.note()).isEqualTo("not enough data");
                assertThat(r.importance()).isNull();
                assertThat(r.effect()).isNull();
                assertThat(r.significant()).isFalse();
                assertThat(r.with()).isLessThan(400);
            });
        }
    }

    /**
     * The planted effects as the scores show them: the same data generated without them (the planting draws
     * no random numbers, so every answer is the same answer), and for those with only one of the two
     * experiences, how much lower their score came out than for those with neither. Less than planted
     * where the 0-10 scale clips a score.
     */
    private Map<String, Double> realisedEffects() throws Exception {
        Map<String, Double> planted = scores(temp.resolve("planted"));
        Map<String, Double> plain = scores(temp.resolve("plain"), GeneratorOptions.standard(0.15).withPlanted(Map.of()));
        Map<String, double[]> sums = new java.util.HashMap<>();
        for (Map<String, Object> row : classification) {
            String id = (String) row.get("response_id");
            boolean p1 = Boolean.TRUE.equals(row.get("d_p1_incident"));
            boolean escalated = Boolean.TRUE.equals(row.get("d_escalated"));
            String cell = p1 && !escalated ? "p1_incident" : escalated && !p1 ? "escalated" : !p1 ? "neither" : "both";
            double[] sum = sums.computeIfAbsent(cell, k -> new double[2]);
            sum[0] += planted.get(id) - plain.get(id);
            sum[1]++;
        }
        double neither = sums.get("neither")[0] / sums.get("neither")[1];
        return Map.of("p1_incident", sums.get("p1_incident")[0] / sums.get("p1_incident")[1] - neither,
                "escalated", sums.get("escalated")[0] / sums.get("escalated")[1] - neither);
    }

    private List<Map<String, Object>> classification;

    private Map<String, Double> scores(Path folderPath) throws Exception {
        TestingFolder folder = new TestingFolder(folderPath);
        try (Database database = folder.open()) {
            KeyDrivers drivers = new KeyDrivers(database, PulseConfig.defaults(), Catalogue.standard(), DriverCatalogue.standard(),
                    Scope.everything(), TestingClock.CLOCK);
            classification = drivers.respondents(Catalogue.standard().get("customer_nps").orElseThrow(),
                    KeyDrivers.Options.of("customer_nps", PeriodRange.parse("2024")));
            return classification.stream().collect(Collectors.toMap(r -> (String) r.get("response_id"), r -> ((Number) r.get("y")).doubleValue()));
        }
    }

    private Map<String, Double> scores(Path folderPath, GeneratorOptions options) throws Exception {
        List<Map<String, Object>> kept = classification;
        TestingFolder folder = new TestingFolder(folderPath);
        new DemoDataGenerator(options).generate(folder.data());
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
        }
        Map<String, Double> scores = scores(folderPath);
        classification = kept;
        return scores;
    }

    @Test
    void aUsersOwnDriverFromPulseYamlIsAnalysedAndABadOneIsNamed() throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("own"));
        new DemoDataGenerator(GeneratorOptions.standard(0.1)).generate(folder.data());
        String yaml = "drivers:\n"
                + "  - {name: weekend_ticket, title: A ticket raised at the weekend, source: tickets, kind: binary,"
                + " expression: \"bool_or(dayofweek(created_at) IN (0, 6))\"}\n"
                + "  - {name: escalated, title: Escalated (mine), source: tickets, kind: binary, expression: \"bool_or(escalated AND priority = 'P1')\"}\n";
        PulseConfig config = new dev.pulse.config.ConfigLoader(Catalogue.standard().names()).parse("pulse.yaml",
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml));
        assertThat(DriverCatalogue.of(config).drivers()).extracting(dev.pulse.config.DriverDeclaration::name)
                .as("added at the end; the same name replaces the shipped one in its place")
                .containsSubsequence("p1_incident", "escalated", "reopened").endsWith("weekend_ticket");
        try (Database database = folder.open()) {
            folder.importInto(database, config);
            List<KeyDrivers.Result> results = new KeyDrivers(database, config, Catalogue.standard(), DriverCatalogue.of(config), Scope.everything(),
                    TestingClock.CLOCK).compute(KeyDrivers.Options.of("customer_nps", PeriodRange.parse("2024")));
            assertThat(results).filteredOn(r -> r.driver().equals("weekend_ticket")).singleElement()
                    .satisfies(r -> assertThat(r.with()).isPositive());
            assertThat(results).filteredOn(r -> r.driver().equals("escalated")).singleElement()
                    .satisfies(r -> assertThat(r.title()).isEqualTo("Escalated (mine)"));

            PulseConfig bad = new dev.pulse.config.ConfigLoader(Catalogue.standard().names()).parse("pulse.yaml",
                    new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(
                            "drivers:\n  - {name: oops, source: tickets, kind: binary, expression: \"bool_or(no_such_column > 1)\"}\n"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KeyDrivers(database, bad, Catalogue.standard(), DriverCatalogue.of(bad),
                    Scope.everything(), TestingClock.CLOCK).compute(KeyDrivers.Options.of("customer_nps", PeriodRange.parse("2024"))))
                    .isInstanceOf(MetricException.class).hasMessageStartingWith("pulse.yaml drivers: oops: its expression does not run")
                    .hasMessageContaining("no_such_column").hasMessageNotContaining("SELECT");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new dev.pulse.config.ConfigLoader(Catalogue.standard().names()).parse("pulse.yaml",
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(
                        "drivers:\n  - {name: a, source: tickets, kind: sometimes, expression: x}\n  - {name: b, source: answer}\n"
                                + "  - {name: c, source: tickets, kind: binary, expression: \"count(*); DROP TABLE tickets\"}\n")))
                .hasMessageContaining("drivers a.kind: must be binary or numeric").hasMessageContaining("drivers b: an answer driver")
                .hasMessageContaining("drivers c.expression");
    }

    @Test
    void featureImportanceFollowsThePlantedOrderAndThePriorityRuleIsTheDriversOne() throws Exception {
        TestingFolder folder = new TestingFolder(temp.resolve("features"));
        new DemoDataGenerator(GeneratorOptions.standard(0.15)).generate(folder.data());
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
            List<DriverAnalysis.Importance> found = new DriverAnalysis(database, PulseConfig.defaults(), Scope.everything())
                    .touchpointImportance("feature", PeriodRange.parse("2024"));
            List<String> order = found.stream().filter(DriverAnalysis.Importance::significant)
                    .sorted(java.util.Comparator.comparing(DriverAnalysis.Importance::importance).reversed())
                    .map(DriverAnalysis.Importance::touchpoint).toList();
            // the generator ties each feature's satisfaction to loyalty by 0.75, 0.60, 0.55, 0.45, 0.25, 0.15
            assertThat(order.subList(0, 3)).as("the three most important, at this sample size in any order")
                    .containsExactlyInAnyOrder("Admin Portal", "Reporting", "Mobile App");
            for (String minor : List.of("Integrations", "Call Recording")) {
                assertThat(order.indexOf(minor)).as(minor + ", among the least tied to loyalty: below the three, or not significant").isNotIn(0, 1, 2);
            }
        }
        Map<String, Priorities.Priority> priorities = Priorities.classify(List.of(new Priorities.Item("weak and important", 9, true, 3.1),
                new Priorities.Item("strong and minor", 1, true, 4.6), new Priorities.Item("weak and minor", 2, true, 3.0),
                new Priorities.Item("noise", 30, false, 1.0)));
        assertThat(priorities).containsEntry("weak and important", Priorities.Priority.HIGH).containsEntry("strong and minor", Priorities.Priority.LOW)
                .containsEntry("weak and minor", Priorities.Priority.MEDIUM).containsEntry("noise", Priorities.Priority.NOT_SIGNIFICANT);
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }
}
