package dev.pulse.report;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.PeriodGrain;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.Change;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.PeriodRange;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What every section of a quarter's report needs: the engine, the configuration, and the
 * quarter's neighbours (previous quarter, same quarter a year before, the last four quarters).
 */
final class ReportContext {
    final Database database;
    final MetricEngine engine;
    final PulseConfig config;
    final Catalogue catalogue;
    final String quarter;
    final String previous;
    final String yearAgo;
    /** The last four quarters, oldest first, ending with the report's quarter. */
    final List<String> trend;
    final PeriodRange quarterRange;
    /** From the year-earlier quarter to the report's quarter: every value a section compares with. */
    final PeriodRange window;
    /** Problems with the configuration found while building (contradictory targets, ...). */
    final List<String> warnings = new ArrayList<>();

    ReportContext(Database database, MetricEngine engine, String quarter) throws MetricException {
        this.database = requireNonNull(database, "database is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.config = engine.config();
        this.catalogue = engine.catalogue();
        this.quarter = requireNonNull(quarter, "quarter is null");
        this.quarterRange = PeriodRange.parse(quarter);
        this.previous = PeriodRange.previousLabel(PeriodGrain.QUARTER, quarter);
        this.yearAgo = PeriodRange.yearEarlierLabel(PeriodGrain.QUARTER, quarter);
        List<String> quarters = new ArrayList<>(List.of(quarter));
        for (int i = 0; i < 3; i++) {
            quarters.add(0, PeriodRange.previousLabel(PeriodGrain.QUARTER, quarters.get(0)));
        }
        this.trend = List.copyOf(quarters);
        this.window = new PeriodRange(PeriodRange.parse(yearAgo).first(), quarterRange.last());
    }

    /** The given metrics by quarter and the given dimensions over the window. */
    Grid grid(List<String> metrics, String... dimensions) throws MetricException, SQLException {
        List<String> all = new ArrayList<>(List.of("quarter"));
        all.addAll(List.of(dimensions));
        return new Grid(all, engine.compute(new MetricQuery(metrics, all, window)));
    }

    MetricDefinition metric(String name) {
        return catalogue.get(name).orElseThrow(() -> new IllegalArgumentException("no metric " + name));
    }

    Boolean higherIsBetter(String metric) {
        return Change.higherIsBetter(metric(metric), config.cesHigherIsBetter());
    }

    /** The configured target for a metric and group (the most specific one), or null. */
    Double target(String metric, Map<String, String> group) {
        return config.target(metric).flatMap(t -> t.forGroup(group)).orElse(null);
    }
}
