package dev.pulse.cli;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.Comparison;
import dev.pulse.metrics.MetricRequest;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.Scope;
import dev.pulse.metrics.MetricQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Compute metrics of the catalogue, grouped by periods and dimensions, with n, 95 %% interval and low-sample flag.")
public final class MetricsCommand implements Callable<Integer> {
    private final java.time.Clock clock;

    MetricsCommand(java.time.Clock clock) {
        this.clock = clock;
    }

    @Mixin
    Options options = new Options();

    @Option(names = "--metric", required = true, split = ",", paramLabel = "NAME",
            description = "Comma-separated metric names (e.g. customer_nps,csat,fcr), or 'all'.")
    List<String> metrics;

    @Option(names = "--by", split = ",", paramLabel = "DIM",
            description = "Comma-separated dimensions: year, quarter, month, week, and the spec's category columns "
                    + "(channel, priority, category, product, journey, program, touchpoint, queue, team, type, segment, tier, "
                    + "region, partner_id, agent_id; for comment metrics also theme, language, label).")
    List<String> by = List.of();

    @Option(names = "--period", description = "Only this period: 2024, 2024-Q4, 2024-10 or 2024-W41.")
    String period;

    @Option(names = "--from", description = "First day included (YYYY-MM-DD, reporting time zone).")
    String from;

    @Option(names = "--to", description = "Last day included (YYYY-MM-DD, reporting time zone).")
    String to;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--filter", paramLabel = "DIM:VALUES",
            description = "Only the rows whose dimension has one of these values, e.g. segment:Enterprise,SMB (case-insensitive; (null) for"
                    + " rows without one). Repeatable: every filter applies.")
    List<String> filter = List.of();

    @Option(names = "--compare", description = "previous or year: add each value's change against the previous period or the "
            + "same period a year earlier, with its significance test (needs one calendar dimension in --by).")
    Comparison.Against compare;

    @Override
    public Integer call() throws Exception {
        Catalogue catalogue = Catalogue.standard();
        PulseConfig config = options.loadConfig(catalogue);
        MetricRequest request = new MetricRequest(metrics, by, period, from, to, filter, "--");
        request.range(); // a malformed period is said before the database is opened
        try (Database database = options.openImportedOnAnyEngine(config)) {
            MetricEngine engine = new MetricEngine(database, catalogue, config, Scope.everything(), clock);
            MetricQuery query = request.resolve(engine, note -> System.err.println("pulse: " + note));
            List<String> names = query.metrics();
            if (names.stream().map(name -> catalogue.get(name.trim())).flatMap(java.util.Optional::stream)
                    .anyMatch(metric -> metric.source().isComments())) {
                Options.analyseComments(database, config);
            }
            java.util.function.Function<String, String> units = name -> catalogue.get(name).map(dev.pulse.metrics.MetricDefinition::unit)
                    .orElse("");
            List<String> dimensions = query.dimensions().stream().map(String::trim).map(String::toLowerCase).toList();
            if (compare == null) {
                System.out.print(format.render(engine.compute(query), dimensions, units));
            } else {
                System.out.print(format.renderCompared(Comparison.compute(engine, query, compare), dimensions, units));
            }
        }
        return 0;
    }
}
