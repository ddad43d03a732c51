package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.PeriodGrain;
import dev.pulse.engine.Sql;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Computes catalogue metrics. Metrics over the same source are compiled into one aggregation
 * (one scan) whatever their number; the engine returns sufficient statistics (counts, sums,
 * deviations) and the values and intervals are formed here, the same for every engine.
 */
public final class MetricEngine {
    private final Database database;
    private final Dialect dialect;
    private final Catalogue catalogue;
    private final PulseConfig config;
    private final SourceViews views;
    private final Scope scope;
    private final Map<Optional<PeriodGrain>, Optional<PeriodRange>> dataRanges = new java.util.HashMap<>();

    /** @param scope whose data every query of this engine reads (mandatory: {@link Scope#everything()} for an analyst) */
    public MetricEngine(Database database, Catalogue catalogue, PulseConfig config, Scope scope) throws SQLException {
        this(database, catalogue, config, scope, java.time.Clock.systemUTC());
    }

    /**
     * @param clock the time of each query, for what depends on it (a case past its due time "at the time
     *              of the query", shared/spec/program.md)
     */
    public MetricEngine(Database database, Catalogue catalogue, PulseConfig config, Scope scope, java.time.Clock clock) throws SQLException {
        this.database = requireNonNull(database, "database is null");
        this.dialect = database.dialect();
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.config = requireNonNull(config, "config is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.views = SourceViews.of(database, config, scope, clock);
    }

    private MetricEngine(MetricEngine prepared, Database database) {
        this.database = requireNonNull(database, "database is null");
        this.dialect = database.dialect();
        this.catalogue = prepared.catalogue;
        this.config = prepared.config;
        this.scope = prepared.scope;
        this.views = prepared.views;
    }

    /**
     * This engine's scope and prepared views, reading through another connection to the same database
     * (a reader of a pool): prepared once, used by many threads each on its own connection.
     */
    public MetricEngine on(Database other) {
        return new MetricEngine(this, other);
    }

    public Scope scope() {
        return scope;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public PulseConfig config() {
        return config;
    }

    public List<MetricValue> compute(MetricQuery query) throws MetricException, SQLException {
        dataRanges.clear(); // the data may have changed since the last call
        List<MetricDefinition> metrics = resolveMetrics(query.metrics());
        Dimensions dimensions = Dimensions.resolve(query.dimensions(), metrics);
        Filters filters = query.filters();
        filters.check(metrics);

        Map<String, List<MetricValue>> results = new LinkedHashMap<>();
        Map<Source, List<MetricDefinition>> bySource = new EnumMap<>(Source.class);
        for (MetricDefinition metric : metrics) {
            if (metric.kind().isRowAggregate()) {
                bySource.computeIfAbsent(metric.source(), s -> new ArrayList<>()).add(metric);
            }
        }
        for (var entry : bySource.entrySet()) {
            results.putAll(aggregate(entry.getKey(), entry.getValue(), dimensions, query.range(), filters));
        }
        for (MetricDefinition metric : metrics) {
            switch (metric.kind()) {
                case COST_PER_TICKET -> results.put(metric.name(), costPerTicket(metric, dimensions, query.range(),
                        computedTicketCounts(metrics, results)));
                case ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE ->
                        results.put(metric.name(), customers(metric, dimensions, query.range(), filters));
                case COUNT, NPS, SHARE, MEAN, PERCENTILE, RATIO -> {
                }
            }
        }
        List<MetricValue> ordered = new ArrayList<>();
        for (MetricDefinition metric : metrics) {
            List<MetricValue> values = new ArrayList<>(results.get(metric.name()));
            values.sort(Comparator.comparing(v -> new ArrayList<>(v.group().values()), GROUP_ORDER));
            if (metric.kind() == MetricKind.COUNT && dimensions.hasCategory()) {
                values = withShares(values, dimensions);
            }
            if (scope.minN() > 0) {
                values = Suppression.apply(values, dimensions.names(), scope.minN());
            }
            ordered.addAll(values);
        }
        return ordered;
    }

    /**
     * The rows of a source (its view: stored columns plus the derived ones, event_local among them)
     * whose event falls in the range (null: all rows), for row-level reading such as verbatims.
     */
    public Sql sourceRows(Source source, PeriodRange range) {
        Sql.Builder sql = new Sql.Builder().add("SELECT * FROM (").add(views.view(source)).add(") src");
        if (range != null) {
            sql.add(" WHERE ").add(SourceViews.eventInRange("src.event_local", range));
        }
        return sql.build();
    }

    /**
     * The values each of a source's category dimensions takes in this engine's scope (nulls left out),
     * sorted: what a filter can choose from. One scan of the source for all of them (GROUPING SETS).
     */
    public Map<String, List<String>> dimensionValues(Source source, List<String> dimensions) throws MetricException, SQLException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String dimension : dimensions) {
            if (!source.dimensions().contains(dimension)) {
                throw new MetricException(source.id() + " has no dimension " + dimension);
            }
            values.put(dimension, new ArrayList<>());
        }
        if (dimensions.isEmpty()) {
            return values;
        }
        List<String> columns = dimensions.stream().map(d -> "CAST(src." + dialect.identifier(d) + " AS VARCHAR) AS " + dialect.identifier(d)).toList();
        List<String> sets = dimensions.stream().map(d -> "(" + dialect.identifier(d) + ")").toList();
        Sql sql = new Sql.Builder().add("SELECT " + String.join(", ", columns) + " FROM (").add(views.view(source, String.join(" ", dimensions)))
                .add(") src GROUP BY GROUPING SETS (" + String.join(", ", sets) + ")").build();
        for (Map<String, Object> row : database.query(sql)) {
            for (String dimension : dimensions) {
                Object value = row.get(dimension);
                if (value != null) {
                    values.get(dimension).add(value.toString());
                }
            }
        }
        values.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        return values;
    }

    /**
     * A page of the rows behind a value (drill-through), read through this engine's scope: for a metric,
     * exactly the rows its n counts.
     */
    public RowPage rows(RowQuery query) throws MetricException, SQLException, WithheldException {
        return new DrillThrough(this, views).read(query);
    }

    /** The sources whose rows {@link #rows} reads. */
    public static List<Source> readableSources() {
        return DrillThrough.READABLE;
    }

    /** The rows a metric's n counts (its source; accounts for the account metrics); a user error for comment metrics. */
    public static Source rowsOf(MetricDefinition metric) throws MetricException {
        return DrillThrough.rowsOf(metric);
    }

    /**
     * The metrics among {@code names} that can be grouped by {@code dimensions} (for example not the
     * contact-centre metrics by segment: interactions have no account). Unknown dimensions are an error.
     */
    public List<String> groupable(List<String> names, List<String> dimensions) throws MetricException {
        Dimensions.resolve(dimensions, List.of());
        List<String> groupable = new ArrayList<>();
        for (MetricDefinition metric : resolveMetrics(names)) {
            try {
                Dimensions.resolve(dimensions, List.of(metric));
                groupable.add(metric.name());
            } catch (MetricException e) {
                // left out: its rows cannot be grouped so
            }
        }
        return groupable;
    }

    public Database database() {
        return database;
    }

    private List<MetricDefinition> resolveMetrics(List<String> names) throws MetricException {
        List<MetricDefinition> metrics = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            MetricDefinition metric = catalogue.get(name.trim()).orElse(null);
            if (metric == null) {
                throw new MetricException("unknown metric '" + name.trim() + "'; valid metrics: " + String.join(", ", catalogue.names()));
            }
            if (seen.add(metric.name())) {
                metrics.add(metric);
            }
        }
        return metrics;
    }

    /** One aggregation over a source for all its metrics. */
    private Map<String, List<MetricValue>> aggregate(Source source, List<MetricDefinition> metrics, Dimensions dimensions,
                                                    PeriodRange range, Filters filters) throws SQLException {
        // Every fraction asked of the same values (value and filter), so that one sort serves them all.
        Map<String, List<Double>> fractions = new LinkedHashMap<>();
        for (MetricDefinition metric : metrics) {
            if (metric.kind() == MetricKind.PERCENTILE) {
                List<Double> asked = fractions.computeIfAbsent(percentileInput(metric), k -> new ArrayList<>());
                if (!asked.contains(metric.fraction())) {
                    asked.add(metric.fraction());
                }
            }
        }
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            aggregates.addAll(aggregateColumns(metrics.get(i), "m" + i, fractions));
        }
        List<Map<String, Object>> rows = database.query(groupedQuery(source, aggregates, dimensions, range, null, filters));
        Map<String, List<MetricValue>> results = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            MetricDefinition metric = metrics.get(i);
            List<MetricValue> values = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                values.add(value(metric, dimensions.group(row), number(row, "m" + i + "_n").longValue(),
                        number(row, "m" + i + "_a"), number(row, "m" + i + "_b")));
            }
            results.put(metric.name(), values);
        }
        return results;
    }

    /** SELECT dimensions, aggregates FROM source WHERE in range [AND condition] [AND filters] GROUP BY dimensions. */
    private Sql groupedQuery(Source source, List<String> aggregates, Dimensions dimensions, PeriodRange range, String condition,
                             Filters filters) {
        List<String> select = new ArrayList<>(dimensions.expressions(dialect));
        select.addAll(aggregates);
        String used = String.join(" ", select) + " " + (condition == null ? "" : condition) + " " + filters.columns();
        Sql.Builder sql = new Sql.Builder().add("SELECT " + String.join(", ", select) + " FROM (").add(views.view(source, used)).add(") src");
        List<Sql> where = new ArrayList<>();
        if (range != null) {
            where.add(SourceViews.eventInRange("src.event_local", range));
        }
        if (condition != null) {
            where.add(Sql.of(condition));
        }
        if (!filters.isEmpty()) {
            where.add(filters.condition(dialect, "src"));
        }
        if (!where.isEmpty()) {
            sql.add(" WHERE ").add(Sql.join(" AND ", where));
        }
        if (!dimensions.names().isEmpty()) {
            sql.add(" GROUP BY " + String.join(", ", dimensions.aliases()));
        }
        return sql.build();
    }

    /**
     * The aggregates of one metric, aliased {prefix}_n, _a, _b. A metric's filter restricts them as
     * {@code agg(CASE WHEN filter THEN x END)}: the aggregates skip nulls, so this is the FILTER clause's
     * meaning, in any engine's SQL.
     */
    private List<String> aggregateColumns(MetricDefinition metric, String prefix, Map<String, List<Double>> fractions) {
        String f = metric.filter();
        String v = metric.value() == null ? null : "(" + metric.value() + ")";
        return switch (metric.kind()) {
            case COUNT -> List.of(countWhere(f) + " AS " + prefix + "_n", "NULL AS " + prefix + "_a", "NULL AS " + prefix + "_b");
            case NPS -> List.of("count(" + onlyWhere(v, f) + ") AS " + prefix + "_n",
                    countWhere(and(f, v + " >= 9")) + " AS " + prefix + "_a",
                    countWhere(and(f, v + " <= 6")) + " AS " + prefix + "_b");
            case SHARE -> List.of(countWhere(f) + " AS " + prefix + "_n",
                    countWhere(and(f, "(" + metric.success() + ")")) + " AS " + prefix + "_a", "NULL AS " + prefix + "_b");
            case MEAN -> List.of("count(" + onlyWhere(v, f) + ") AS " + prefix + "_n",
                    "avg(" + onlyWhere(v, f) + ") AS " + prefix + "_a", dialect.sampleStddev(onlyWhere(v, f)) + " AS " + prefix + "_b");
            case PERCENTILE -> List.of("count(" + onlyWhere(v, f) + ") AS " + prefix + "_n",
                    percentile(metric, fractions) + " AS " + prefix + "_a", "NULL AS " + prefix + "_b");
            case RATIO -> List.of(countWhere(f) + " AS " + prefix + "_n",
                    "sum(" + onlyWhere(metric.numerator(), f) + ") AS " + prefix + "_a",
                    "sum(" + onlyWhere(metric.denominator(), f) + ") AS " + prefix + "_b");
            case COST_PER_TICKET, ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE ->
                    throw new IllegalArgumentException(metric.name() + " is not a row aggregate");
        };
    }

    /**
     * What a percentile sorts: the metric's value on its filtered rows. A duration the views keep as
     * whole microseconds is sorted as that integer and scaled after (DuckDB sorts 10 M integers in
     * about half the time of as many doubles; a positive scale changes neither order nor interpolation).
     */
    private static String percentileInput(MetricDefinition metric) {
        return onlyWhere(SourceViews.scaledColumn(metric.value()).map(SourceViews.ScaledColumn::integerColumn)
                .orElse("(" + metric.value() + ")"), metric.filter());
    }

    private String percentile(MetricDefinition metric, Map<String, List<Double>> fractions) {
        String input = percentileInput(metric);
        List<Double> shared = fractions.get(input);
        String percentile = dialect.percentileCont(input, shared, shared.indexOf(metric.fraction()));
        return SourceViews.scaledColumn(metric.value()).map(scaled -> "(" + percentile + " / " + scaled.divisor() + ")").orElse(percentile);
    }

    private String countWhere(String condition) {
        return condition == null ? "count(*)" : dialect.countWhere(condition);
    }

    /** An expression that is null on the rows a condition leaves out. */
    private static String onlyWhere(String expression, String condition) {
        return condition == null ? expression : "CASE WHEN " + condition + " THEN " + expression + " END";
    }

    private static String and(String first, String second) {
        return first == null ? second : "(" + first + ") AND " + second;
    }

    /** Forms a value and its interval from sufficient statistics. */
    static MetricValue value(MetricDefinition metric, Map<String, String> group, long n, Double a, Double b) {
        Map<String, Double> stats = new LinkedHashMap<>();
        Double value = null;
        Interval interval = null;
        if (n > 0) {
            switch (metric.kind()) {
                case COUNT, ACTIVE_CUSTOMERS -> value = (double) n;
                case NPS -> {
                    long promoters = a.longValue();
                    long detractors = b.longValue();
                    value = Statistics.nps(promoters, detractors, n);
                    interval = Statistics.npsInterval(promoters, detractors, n);
                    stats.put("promoters", (double) promoters);
                    stats.put("detractors", (double) detractors);
                }
                case SHARE, RETENTION -> {
                    long successes = a.longValue();
                    value = 100.0 * successes / n;
                    interval = Statistics.wilson(successes, n);
                    stats.put("successes", (double) successes);
                }
                case CHURN -> {
                    long retained = a.longValue();
                    Interval retention = Statistics.wilson(retained, n);
                    value = 100.0 - 100.0 * retained / n;
                    interval = new Interval(100.0 - retention.high(), 100.0 - retention.low());
                    stats.put("successes", (double) (n - retained));
                }
                case MEAN -> {
                    value = a;
                    interval = Statistics.meanInterval(a, b, n).orElse(null);
                    if (b != null) {
                        stats.put("sd", b);
                    }
                }
                case PERCENTILE -> value = a;
                case RATIO -> value = b == null || b == 0 ? null : metric.scale() * a / b;
                case COST_PER_TICKET -> value = a == null ? null : a / n;
                case CONTACT_RATE -> value = a == null ? null : 100.0 * a / n;
            }
        }
        interval = interval == null ? null : metric.clip(interval);
        return new MetricValue(metric.name(), group, value, n, interval == null ? null : interval.low(),
                interval == null ? null : interval.high(), n < Statistics.LOW_SAMPLE, null, stats);
    }

    /**
     * The ticket count per group when this run already computed it (an unfiltered count of tickets
     * in the same groups and range, such as the catalogue's {@code tickets}); null otherwise.
     */
    private static Map<List<String>, Long> computedTicketCounts(List<MetricDefinition> metrics, Map<String, List<MetricValue>> results) {
        for (MetricDefinition metric : metrics) {
            if (metric.source() == Source.TICKETS && metric.kind() == MetricKind.COUNT && metric.filter() == null
                    && results.containsKey(metric.name())) {
                Map<List<String>, Long> counts = new LinkedHashMap<>();
                for (MetricValue value : results.get(metric.name())) {
                    counts.put(new ArrayList<>(value.group().values()), value.n());
                }
                return counts;
            }
        }
        return null;
    }

    /** Tickets per group (the group's values in dimension order), in the range (null: all) and matching the condition (null: all). */
    private Map<List<String>, Long> ticketCounts(Dimensions dimensions, PeriodRange range, String condition, Filters filters)
            throws SQLException {
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> row : database.query(groupedQuery(Source.TICKETS, List.of("count(*) AS n"), dimensions, range,
                condition, filters))) {
            counts.put(new ArrayList<>(dimensions.group(row).values()), number(row, "n").longValue());
        }
        return counts;
    }

    /** Support cost in the period over the tickets created in it. */
    private List<MetricValue> costPerTicket(MetricDefinition metric, Dimensions dimensions, PeriodRange range,
                                            Map<List<String>, Long> knownTickets) throws SQLException {
        Map<List<String>, Double> costs = new LinkedHashMap<>();
        // Costs have no dimension to filter by (Filters.check refuses any for cost_per_ticket).
        for (Map<String, Object> row : database.query(groupedQuery(Source.COSTS, List.of("sum(amount) AS total"), dimensions, range,
                null, Filters.NONE))) {
            costs.put(new ArrayList<>(dimensions.group(row).values()), number(row, "total"));
        }
        Map<List<String>, Long> tickets = knownTickets != null ? knownTickets : ticketCounts(dimensions, range, null, Filters.NONE);
        Set<List<String>> keys = new LinkedHashSet<>(tickets.keySet());
        keys.addAll(costs.keySet());
        List<MetricValue> values = new ArrayList<>();
        for (List<String> key : keys) {
            values.add(value(metric, dimensions.group(key), tickets.getOrDefault(key, 0L), costs.get(key), null));
        }
        return values;
    }

    /**
     * Account-based metrics, evaluated per period [start, end] of the range, for the periods that overlap
     * the span of the data's events only: accounts alone say nothing of a quarter before the first ticket
     * or after the last answer (a retention of 100 % in 2030 would be invented).
     */
    private List<MetricValue> customers(MetricDefinition metric, Dimensions dimensions, PeriodRange range, Filters filters)
            throws SQLException, MetricException {
        Optional<PeriodRange> data = dataRange(Optional.empty());
        PeriodRange span = range != null ? range : dataRange(dimensions.finestGrain()).orElse(null);
        List<PeriodRange> periods = span == null || data.isEmpty() ? List.of()
                : dimensions.finestGrain().map(span::split).orElse(List.of(span)).stream().filter(p -> p.overlaps(data.get())).toList();
        if (periods.isEmpty()) {
            return dimensions.names().isEmpty() ? List.of(value(metric, Map.of(), 0, null, null)) : List.of();
        }
        Sql sql = CustomerQuery.of(dialect, metric, dimensions, periods, filters, scope);
        // Without a range the span is the data's own, which holds every ticket: no range filter needed.
        Map<List<String>, Long> contacts = metric.kind() == MetricKind.CONTACT_RATE
                ? ticketCounts(dimensions, range, "src.type = 'customer'", filters) : Map.of();
        List<MetricValue> values = new ArrayList<>();
        for (Map<String, Object> row : database.query(sql)) {
            Map<String, String> group = dimensions.group(row);
            long n = number(row, "n").longValue();
            Double a = number(row, "a");
            if (metric.kind() == MetricKind.CONTACT_RATE) {
                a = contacts.getOrDefault(new ArrayList<>(group.values()), 0L).doubleValue();
            }
            values.add(value(metric, group, n, a, null));
        }
        if (values.isEmpty() && dimensions.names().isEmpty()) {
            values.add(value(metric, Map.of(), 0, null, null));
        }
        return values;
    }

    /** The first and last day with any event (tickets, surveys, interactions, reviews, activity) in the reporting zone; empty without events. */
    public Optional<PeriodRange> dataSpan() throws SQLException {
        dataRanges.clear();
        return dataRange(Optional.empty());
    }

    /**
     * Why a range holds nothing to show, for a user ("the data runs from ... to ..."), or empty when it
     * overlaps the data's events.
     */
    public Optional<String> whyNoData(PeriodRange range) throws SQLException {
        Optional<PeriodRange> span = dataSpan();
        if (span.isPresent() && range.overlaps(span.get())) {
            return Optional.empty();
        }
        return Optional.of(span.map(s -> "the data runs from " + s.first() + " to " + s.last() + " (in the reporting time zone)")
                .orElse("the database holds no tickets, answers or other events yet"));
    }

    /** The days with any event (tickets, surveys, interactions, reviews, activity), widened to whole periods of a grain. */
    private Optional<PeriodRange> dataRange(Optional<PeriodGrain> grain) throws SQLException {
        if (!dataRanges.containsKey(grain)) {
            dataRanges.put(grain, computeDataRange(grain));
        }
        return dataRanges.get(grain);
    }

    private Optional<PeriodRange> computeDataRange(Optional<PeriodGrain> grain) throws SQLException {
        List<Map<String, Object>> rows = database.query(views.dataRange());
        Object first = rows.get(0).get("first_day");
        Object last = rows.get(0).get("last_day");
        if (first == null || last == null) {
            return Optional.empty();
        }
        PeriodRange range = new PeriodRange(LocalDate.parse(first.toString()), LocalDate.parse(last.toString()));
        return Optional.of(grain.map(range::widenedTo).orElse(range));
    }

    /** A count's share of its period's total, for breakdowns by a category. */
    private static List<MetricValue> withShares(List<MetricValue> values, Dimensions dimensions) {
        Map<List<String>, Long> totals = new LinkedHashMap<>();
        for (MetricValue value : values) {
            totals.merge(dimensions.periodKey(value.group()), value.n(), Long::sum);
        }
        List<MetricValue> shared = new ArrayList<>();
        for (MetricValue value : values) {
            long total = totals.get(dimensions.periodKey(value.group()));
            shared.add(value.withShare(total == 0 ? null : 100.0 * value.n() / total));
        }
        return shared;
    }

    private static Double number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value == null) {
            return column.endsWith("_n") || column.equals("n") ? 0.0 : null;
        }
        return ((Number) value).doubleValue();
    }

    private static final Comparator<List<String>> GROUP_ORDER = (left, right) -> {
        for (int i = 0; i < left.size(); i++) {
            String a = left.get(i);
            String b = right.get(i);
            if (a == null && b == null) {
                continue;
            }
            if (a == null) {
                return 1;
            }
            if (b == null) {
                return -1;
            }
            int order = a.compareTo(b);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    };

    static Set<String> allDimensionNames() {
        Set<String> names = new TreeSet<>();
        for (PeriodGrain grain : PeriodGrain.values()) {
            names.add(grain.dimensionName());
        }
        for (Source source : Source.values()) {
            names.addAll(source.dimensions());
        }
        return names;
    }
}
