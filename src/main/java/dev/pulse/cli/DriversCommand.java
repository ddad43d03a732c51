package dev.pulse.cli;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.DriverCatalogue;
import dev.pulse.metrics.KeyDrivers;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pulse drivers}: which experiences move an outcome, with bootstrap intervals (see dev.pulse.metrics.KeyDrivers). */
@Command(name = "drivers", mixinStandardHelpOptions = true,
        description = "Key drivers of an outcome (customer_nps, partner_nps, nps, csat, ces): each support experience's importance with its"
                + " 95 %% bootstrap interval, and the outcome of those who had it against those who did not.")
public final class DriversCommand implements Callable<Integer> {
    @Mixin Options options = new Options();

    @Option(names = "--outcome", defaultValue = "customer_nps", description = "The survey score to explain (default: ${DEFAULT-VALUE}).")
    String outcome;

    @Option(names = "--period", required = true, description = "The answers of this period: 2024, 2024-Q4, 2024-10 or 2024-W41.")
    String period;

    @Option(names = "--by", split = ",", paramLabel = "DIM", description = "Analyse each group of these answer dimensions apart"
            + " (segment, tier, product, program, type, region, ...).")
    List<String> by = List.of();

    @Option(names = "--lookback-days", defaultValue = "90", description = "Days before each answer whose tickets count (default: ${DEFAULT-VALUE}).")
    int lookbackDays;

    @Option(names = "--resamples", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}; at least 100).")
    int resamples;

    @Option(names = "--seed", defaultValue = "20241", description = "Seed of the resampling: the same seed gives the same intervals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-with", defaultValue = "30", description = "Fewest answers with, and without, an experience for a number (default: ${DEFAULT-VALUE}).")
    int minWith;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    private final Clock clock;

    DriversCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UserErrors.UserException("--format: '" + format + "' must be table or json");
        }
        if (minWith < 5) {
            throw new UserErrors.UserException("--min-with: must be at least 5 (it was " + minWith + ")");
        }
        PeriodRange range = PeriodRange.parse(period);
        Catalogue catalogue = Catalogue.standard();
        PulseConfig config = options.loadConfig(catalogue);
        try (Database database = options.openImportedOnAnyEngine(config)) {
            KeyDrivers drivers = new KeyDrivers(database, config, catalogue, DriverCatalogue.of(config), Scope.everything(), clock);
            long start = System.nanoTime();
            List<KeyDrivers.Result> results = drivers.compute(new KeyDrivers.Options(outcome, range, by.stream().map(String::trim).toList(),
                    lookbackDays, resamples, seed, minWith));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (format.equals("json")) {
                System.out.print(dev.pulse.metrics.DriverJson.array(results));
            } else {
                System.out.print(table(results, catalogue.get(outcome).map(m -> m.unit()).orElse("")));
                System.err.printf(Locale.ROOT, "pulse: %s, %s, %d days before each answer, %d resamples (seed %d), in %.1f s%n", outcome, period,
                        lookbackDays, resamples, seed, seconds);
            }
        }
        return 0;
    }

    static String table(List<KeyDrivers.Result> results, String unit) {
        if (results.isEmpty()) {
            return "no answers of the outcome in the period\n";
        }
        StringBuilder out = new StringBuilder();
        Map<String, String> group = null;
        List<List<String>> rows = new ArrayList<>();
        for (KeyDrivers.Result r : results) {
            if (!r.group().equals(group)) {
                flush(out, rows);
                group = r.group();
                out.append(group.isEmpty() ? "" : "\n" + group + "\n").append(String.format(Locale.ROOT, "%,d answers%n", r.respondents()));
                rows.add(List.of("driver", "with", "importance (95% CI)", "effect (95% CI)", "verdict"));
            }
            String verdict = r.note() != null ? r.note() : r.significant() ? "significant" : "not significant (interval includes zero)";
            rows.add(List.of(r.title(), r.with() == null ? "" : String.format(Locale.ROOT, "%,d", r.with()),
                    r.importance() == null ? "" : String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", r.importance(), r.importanceLow(), r.importanceHigh()),
                    r.effect() == null ? "" : String.format(Locale.ROOT, unit.equals("points") ? "%+.1f (%+.1f to %+.1f)" : "%+.2f (%+.2f to %+.2f)",
                            r.effect(), r.effectLow(), r.effectHigh()),
                    verdict));
        }
        flush(out, rows);
        out.append("\nimportance: percent of the score's variance the driver explains beyond what a random predictor does (Johnson's relative"
                + " weights); effect: ").append(unit.equals("points") ? "NPS points" : "mean score")
                .append(" of answers with the experience minus those without.\n");
        return out.toString();
    }

    private static void flush(StringBuilder out, List<List<String>> rows) {
        if (!rows.isEmpty()) {
            out.append(TextTable.render(rows, column -> column >= 1 && column <= 3, true)).append('\n');
            rows.clear();
        }
    }
}
