package dev.pulse.config;

import dev.pulse.ingest.CsvImportOptions;
import dev.pulse.voc.Theme;
import dev.pulse.voc.ThemeTaxonomy;

import java.time.ZoneId;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Settings from pulse.yaml, defaults as in shared/spec/metrics.md.
 *
 * @param zone                   reporting time zone: periods are calendar periods in it; timestamps without offset are read in it
 * @param slaByPriority          SLA targets keyed by lower-case priority
 * @param serviceLevelSeconds    an interaction answered within this many seconds counts toward service level (inclusive)
 * @param shortAbandonSeconds    an abandoned interaction that ended within this many seconds is left out of service level (inclusive)
 * @param cesHigherIsBetter      true when a higher CES means less effort (the spec's default: 1-7, higher = easier)
 * @param targets                metric name to its target
 * @param opsAggregation         ops_metrics series name to how a period's value is formed: mean (default), sum or last
 * @param memoryLimit            the engine's memory limit, e.g. 2GB; null for the engine default
 * @param report                 what the quarterly report takes from configuration
 * @param themes                 the voice-of-the-customer theme taxonomy (Pulse's default unless pulse.yaml's voc section changes it)
 * @param importOptions          how the importer reads CSV files: length limits, date formats per file
 * @param accessMinN             access.min_n: for a partner user, a value of fewer rows is withheld (0: none)
 * @param accessRequestsPerMinute access.requests_per_minute: the server's requests a user may make a minute, with a burst of
 *                               a tenth of a minute's worth at once (0: no limit)
 * @param program                the survey programme's rules and delivery (program: section)
 * @param drivers                the user's own key drivers (drivers: section), added to the shipped ones
 * @param businessHours          business calendars and which tickets run on which (calendars:, business_hours:)
 */
public record PulseConfig(ZoneId zone, Map<String, SlaTarget> slaByPriority, double serviceLevelSeconds,
                          double shortAbandonSeconds, boolean cesHigherIsBetter, Map<String, MetricTarget> targets,
                          Map<String, String> opsAggregation, String memoryLimit, ReportSettings report,
                          List<Theme> themes, CsvImportOptions importOptions, int accessMinN,
                          int accessRequestsPerMinute, ProgramSettings program, List<DriverDeclaration> drivers,
                          BusinessHours businessHours) {
    public PulseConfig {
        requireNonNull(businessHours, "businessHours is null");
        drivers = List.copyOf(drivers);
        requireNonNull(zone, "zone is null");
        slaByPriority = Map.copyOf(slaByPriority);
        targets = Map.copyOf(targets);
        opsAggregation = Map.copyOf(opsAggregation);
        requireNonNull(report, "report is null");
        themes = List.copyOf(themes);
        requireNonNull(importOptions, "importOptions is null");
        requireNonNull(program, "program is null");
    }

    public static PulseConfig defaults() {
        Map<String, SlaTarget> sla = new LinkedHashMap<>();
        sla.put("p1", new SlaTarget(15.0, 4.0));
        sla.put("p2", new SlaTarget(60.0, 8.0));
        sla.put("p3", new SlaTarget(240.0, 24.0));
        sla.put("p4", new SlaTarget(null, null));
        return new PulseConfig(ZoneId.of("UTC"), sla, 20, 5, true, Map.of(), Map.of(), "2GB", ReportSettings.defaults(),
                ThemeTaxonomy.defaults(), CsvImportOptions.defaults(), 5, 6_000,
                ProgramSettings.defaults(), List.of(), BusinessHours.none());
    }

    public Optional<SlaTarget> sla(String priority) {
        return Optional.ofNullable(slaByPriority.get(priority.toLowerCase(Locale.ROOT)));
    }

    /** How an ops_metrics series forms a period's value: mean (the default), sum or last. */
    public String opsAggregation(String series) {
        return opsAggregation.getOrDefault(series, "mean");
    }

    public Optional<MetricTarget> target(String metric) {
        return Optional.ofNullable(targets.get(metric));
    }
}
