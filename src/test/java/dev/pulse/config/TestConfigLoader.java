package dev.pulse.config;

import dev.pulse.metrics.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestConfigLoader {
    private final ConfigLoader loader = new ConfigLoader(Catalogue.standard().names());

    @Test
    void defaultsAreTheSpecs() throws Exception {
        PulseConfig config = loader.load(null);
        assertThat(config.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.sla("P1")).contains(new SlaTarget(15.0, 4.0));
        assertThat(config.sla("p2")).contains(new SlaTarget(60.0, 8.0));
        assertThat(config.sla("P3")).contains(new SlaTarget(240.0, 24.0));
        assertThat(config.sla("P4")).contains(new SlaTarget(null, null));
        assertThat(config.serviceLevelSeconds()).isEqualTo(20);
        assertThat(config.shortAbandonSeconds()).isEqualTo(5);
        assertThat(config.cesHigherIsBetter()).isTrue();
        assertThat(config.targets()).isEmpty();
        assertThat(config.accessMinN()).isEqualTo(5);
        assertThat(config.accessRequestsPerMinute()).isEqualTo(6_000);
    }

    @Test
    void readsEveryExplicitSetting(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("pulse.yaml");
        Files.writeString(file, """
                timezone: America/Santiago
                sla:
                  Urgent: {response_minutes: 5, resolution_hours: 2}
                  Low: {resolution_hours: 72}
                service_level: {threshold_seconds: 30, short_abandon_seconds: 3}
                ces: {polarity: lower_is_better}
                targets:
                  customer_nps: 45
                  csat: {overall: 4.2, by: {segment: {Enterprise: 4.5}}}
                ops_metrics: {aggregation: {portal_monthly_active_partners: last}}
                engine: {memory_limit: 512MB}
                access: {min_n: 10, requests_per_minute: 0}
                """);
        PulseConfig config = loader.load(file);
        assertThat(config.zone()).isEqualTo(ZoneId.of("America/Santiago"));
        assertThat(config.slaByPriority()).containsOnly(Map.entry("urgent", new SlaTarget(5.0, 2.0)),
                Map.entry("low", new SlaTarget(null, 72.0)));
        assertThat(config.serviceLevelSeconds()).isEqualTo(30);
        assertThat(config.shortAbandonSeconds()).isEqualTo(3);
        assertThat(config.cesHigherIsBetter()).isFalse();
        assertThat(config.target("customer_nps").orElseThrow().forGroup(Map.of())).contains(45.0);
        assertThat(config.target("csat").orElseThrow().forGroup(Map.of("segment", "enterprise"))).contains(4.5);
        assertThat(config.target("csat").orElseThrow().forGroup(Map.of("segment", "SMB"))).contains(4.2);
        assertThat(config.opsAggregation()).containsEntry("portal_monthly_active_partners", "last");
        assertThat(config.memoryLimit()).isEqualTo("512MB");
        assertThat(config.accessMinN()).isEqualTo(10);
        assertThat(config.accessRequestsPerMinute()).isZero();
    }

    @Test
    void reportsEveryProblemAtOnceWithItsKey(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("pulse.yaml");
        Files.writeString(file, """
                timezone: Mars/Olympus
                sla:
                  P1: {response_minutes: -5, resolution_hourz: 4}
                service_level: {threshold_seconds: soon}
                ces: {polarity: sideways}
                targets:
                  npx: 40
                  csat: {overall: high}
                colour: blue
                """);
        assertThatThrownBy(() -> loader.load(file)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).anyMatch(p -> p.startsWith("timezone: 'Mars/Olympus'"))
                        .anyMatch(p -> p.startsWith("sla.P1.response_minutes: must be greater than 0"))
                        .anyMatch(p -> p.startsWith("sla.P1.resolution_hourz: unknown setting"))
                        .anyMatch(p -> p.startsWith("service_level.threshold_seconds: 'soon' is not a number"))
                        .anyMatch(p -> p.startsWith("ces.polarity: 'sideways'"))
                        .anyMatch(p -> p.startsWith("targets.npx: unknown metric"))
                        .anyMatch(p -> p.startsWith("targets.csat.overall: 'high' is not a number"))
                        .anyMatch(p -> p.startsWith("colour: unknown setting"))
                        .hasSize(8));
    }

    @Test
    void timeZonesAsPeopleWriteThem() {
        assertThat(ConfigLoader.zone("utc")).isEqualTo(java.time.ZoneId.of("UTC"));
        assertThat(ConfigLoader.zone("Z")).isEqualTo(java.time.ZoneId.of("UTC"));
        assertThat(ConfigLoader.zone(" america/santiago ")).isEqualTo(java.time.ZoneId.of("America/Santiago"));
        assertThat(ConfigLoader.zone("+05:30")).isEqualTo(java.time.ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(ConfigLoader.zone("UTC-3")).isEqualTo(java.time.ZoneOffset.ofHours(-3));
        assertThat(ConfigLoader.zone("GMT+01:00")).isEqualTo(java.time.ZoneOffset.ofHours(1));
        assertThatThrownBy(() -> ConfigLoader.zone("Mars/Olympus")).isInstanceOf(java.time.DateTimeException.class);
    }

    @Test
    void invalidYamlIsOneClearProblem(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("pulse.yaml");
        Files.writeString(file, "timezone: [unclosed\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void readsTheReportSection(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("pulse.yaml");
        java.nio.file.Files.writeString(file, """
                report:
                  company: Acme
                  portal: {touchpoint: portal, nps_target: 40}
                  features: {program: feat, usage_series: usage}
                  ops_series:
                    uptime: {label: Uptime, unit: percent, polarity: higher_is_better, target: 99.9, section: platform}
                    partners: {label: Active partners, unit: count, section: portal}
                  competitors:
                    - {name: Rival, customer_nps: 20}
                  industry: {fcr: 60}
                  plan:
                    label: "2025"
                    initiatives: [{name: Portal, investment: $1, timeline: Q1, expected_impact: more}]
                    targets: {customer_nps: 50, portal_nps: 45, uptime: 99.99}
                """);
        ReportSettings report = loader.load(file).report();
        assertThat(report.company()).isEqualTo("Acme");
        assertThat(report.portalTouchpoint()).isEqualTo("portal");
        assertThat(report.portalNpsTarget()).isEqualTo(40.0);
        assertThat(report.featureProgram()).isEqualTo("feat");
        assertThat(report.featureUsageSeries()).isEqualTo("usage");
        assertThat(report.opsSeries().keySet()).containsExactly("uptime", "partners");
        assertThat(report.opsSeries().get("uptime")).isEqualTo(new ReportSettings.OpsSeries("Uptime", "percent", true, 99.9,
                ReportSettings.OpsSection.PLATFORM));
        assertThat(report.opsSeries().get("partners").higherIsBetter()).isNull();
        assertThat(report.competitors()).containsExactly(new ReportSettings.Competitor("Rival", java.util.Map.of("customer_nps", 20.0)));
        assertThat(report.industry()).containsEntry("fcr", 60.0);
        assertThat(report.plan().initiatives()).containsExactly(new ReportSettings.Initiative("Portal", "$1", "Q1", "more"));
        assertThat(report.plan().targets()).containsExactly(java.util.Map.entry("customer_nps", 50.0), java.util.Map.entry("portal_nps", 45.0),
                java.util.Map.entry("uptime", 99.99));
        assertThat(loader.load(null).report()).isEqualTo(ReportSettings.defaults());
    }

    @Test
    void reportSectionProblemsAllAtOnce(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("pulse.yaml");
        java.nio.file.Files.writeString(file, """
                report:
                  colour: blue
                  ops_series:
                    uptime: {unit: furlongs, polarity: up, section: kitchen}
                  competitors:
                    - {customer_nps: 20}
                  industry: {happiness: 3}
                  plan:
                    targets: {fcr: high, nonsense: 4}
                """);
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(
                ((ConfigException) e).problems()).anyMatch(p -> p.startsWith("report.colour: unknown setting"))
                .anyMatch(p -> p.startsWith("report.ops_series.uptime.unit: 'furlongs'"))
                .anyMatch(p -> p.startsWith("report.ops_series.uptime.polarity: 'up'"))
                .anyMatch(p -> p.startsWith("report.ops_series.uptime.section: 'kitchen'"))
                .anyMatch(p -> p.startsWith("report.competitors[0]: needs a name"))
                .anyMatch(p -> p.startsWith("report.industry.happiness: unknown metric"))
                .anyMatch(p -> p.startsWith("report.plan.targets.fcr: 'high' is not a number"))
                .anyMatch(p -> p.startsWith("report.plan.targets.nonsense: unknown metric")));
    }

    @Test
    void themesDefaultToPulsesTaxonomyAndCanBeExtendedOrReplaced(@TempDir Path temp) throws Exception {
        assertThat(loader.load(null).themes()).extracting(dev.pulse.voc.Theme::id).contains("billing", "portal_ux", "reliability")
                .hasSize(dev.pulse.voc.ThemeTaxonomy.defaults().size());
        Path extend = temp.resolve("extend.yaml");
        Files.writeString(extend, """
                voc:
                  themes:
                    - {id: esim, label: eSIM activation, en: [esim, e-sim], es: [esim]}
                    - {id: billing, label: Invoices only, en: [invoice], es: [factura]}
                """);
        var extended = loader.load(extend).themes();
        assertThat(extended).extracting(dev.pulse.voc.Theme::id).contains("esim", "portal_ux").doesNotHaveDuplicates();
        var billing = extended.stream().filter(t -> t.id().equals("billing")).findFirst().orElseThrow();
        assertThat(billing.label()).isEqualTo("Invoices only");
        assertThat(billing.terms().get(dev.pulse.voc.Language.ES)).containsExactly("factura");
        Path replace = temp.resolve("replace.yaml");
        Files.writeString(replace, """
                voc:
                  replace_default_themes: true
                  themes:
                    - {id: esim, en: [esim]}
                """);
        assertThat(loader.load(replace).themes()).extracting(dev.pulse.voc.Theme::id, dev.pulse.voc.Theme::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("esim", "esim"));
    }

    @Test
    void themeProblemsAllAtOnce(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("pulse.yaml");
        Files.writeString(file, """
                voc:
                  replace_default_themes: maybe
                  colour: red
                  themes:
                    - {id: Billing Issues, en: [bill]}
                    - {id: esim}
                    - {id: app, en: app, fr: [appli]}
                """);
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(
                ((ConfigException) e).problems()).anyMatch(p -> p.startsWith("voc.replace_default_themes: must be true or false"))
                .anyMatch(p -> p.startsWith("voc.colour: unknown setting"))
                .anyMatch(p -> p.startsWith("voc.themes[0].id: 'Billing Issues' must be lower case"))
                .anyMatch(p -> p.startsWith("voc.themes[1]: theme 'esim' needs at least one term"))
                .anyMatch(p -> p.startsWith("voc.themes[2].en: must be a list"))
                .anyMatch(p -> p.startsWith("voc.themes[2].fr: unknown setting")));
    }
}
