package dev.pulse.metrics;

import dev.pulse.engine.Database;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.PeriodGrain;
import dev.pulse.engine.Sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads the rows behind a value ({@link RowQuery}) through the engine's scoped views, so that a
 * drill-through can never show a row the value's reader could not have counted. For a reader whose
 * scope withholds small cells, rows open only from a metric's value that is itself shown: the rows of a
 * withheld cell (or of a cell withheld to protect it) would give its n and its answers away.
 */
final class DrillThrough {
    /** Sources a drill-through reads; the comment analyses open through the survey answers they belong to. */
    static final List<Source> READABLE = List.of(Source.TICKETS, Source.SURVEYS, Source.INTERACTIONS, Source.ACCOUNTS,
            Source.AGENT_ACTIVITY, Source.QA_REVIEWS, Source.COSTS, Source.INVITATIONS, Source.CASES);

    private final MetricEngine engine;
    private final Database database;
    private final Dialect dialect;
    private final SourceViews views;
    private final Scope scope;

    DrillThrough(MetricEngine engine, SourceViews views) {
        this.engine = requireNonNull(engine, "engine is null");
        this.database = engine.database();
        this.dialect = database.dialect();
        this.views = requireNonNull(views, "views is null");
        this.scope = engine.scope();
    }

    RowPage read(RowQuery query) throws MetricException, SQLException, WithheldException {
        if (!READABLE.contains(query.source())) {
            throw new MetricException("rows of " + query.source().id() + " cannot be read; readable: "
                    + String.join(", ", READABLE.stream().map(Source::id).toList()));
        }
        MetricDefinition metric = query.metric() == null ? null : engine.catalogue().get(query.metric().trim())
                .orElseThrow(() -> new MetricException("unknown metric '" + query.metric().trim() + "'; valid metrics: "
                        + String.join(", ", engine.catalogue().names())));
        Source source = metric == null ? query.source() : rowsOf(metric);
        if (source != query.source()) {
            throw new MetricException("the rows counted in " + metric.name() + " are " + source.id() + ", not " + query.source().id());
        }
        Dimensions dimensions = Dimensions.resolve(List.copyOf(query.group().keySet()), metric == null ? List.of() : List.of(metric));
        List<MetricDefinition> checked = metric == null ? List.of() : List.of(metric);
        if (metric == null) {
            checkDimensions(source, dimensions, query.filters());
            if (source == Source.ACCOUNTS && !dimensions.grains().isEmpty()) {
                throw new MetricException("accounts are not events: open them by segment, tier, region or partner_id, or from an account metric");
            }
        }
        query.filters().check(checked);
        if (scope.minN() > 0) {
            requireShown(metric, query);
        }
        Optional<PeriodRange> cell = cellRange(query, dimensions);
        List<String> columns = columns(source);
        if (cell.isEmpty()) {
            return new RowPage(columns, List.of(), 0, null);
        }
        Sql from;
        Sql counted;
        if (metric != null && isAccountMetric(metric)) {
            from = accountRows(metric, cell.get(), query);
            counted = from;
        } else {
            from = eventRows(source, metric, cell.get(), query, null);
            // counting needs only the columns the conditions read: the view leaves out joins that bring none of them
            String used = String.join(" ", query.group().keySet()) + " " + query.filters().columns() + (metric == null ? ""
                    : " " + java.util.Objects.toString(metric.filter(), "") + " " + java.util.Objects.toString(metric.value(), ""));
            counted = eventRows(source, metric, cell.get(), query, used);
        }
        long total = database.queryLong(new Sql.Builder().add("SELECT count(*) FROM (").add(counted).add(") r").build());
        String order = order(source, columns, query);
        Sql page = new Sql.Builder().add("SELECT " + String.join(", ", columns.stream().map(c -> "r." + dialect.identifier(c)).toList())
                + " FROM (").add(from).add(") r ORDER BY " + order).add(Sql.of(" LIMIT ? OFFSET ?", query.limit(), query.offset())).build();
        List<Map<String, Object>> rows = new ArrayList<>();
        database.stream(page, row -> rows.add(read(row, columns)));
        long end = query.offset() + rows.size();
        return new RowPage(columns, rows, total, end < total ? end : null);
    }

    /** What a metric's n counts: its source's rows, accounts for the account metrics, tickets for cost per ticket. */
    static Source rowsOf(MetricDefinition metric) throws MetricException {
        if (metric.source().isComments()) {
            throw new MetricException(metric.name() + " is computed over analysed comments: open them with pulse voc --comments or /api/voc");
        }
        return switch (metric.kind()) {
            case ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE -> Source.ACCOUNTS;
            case COST_PER_TICKET -> Source.TICKETS;
            case COUNT, NPS, SHARE, MEAN, PERCENTILE, RATIO -> metric.source();
        };
    }

    private static boolean isAccountMetric(MetricDefinition metric) {
        return switch (metric.kind()) {
            case ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE -> true;
            case COUNT, NPS, SHARE, MEAN, PERCENTILE, RATIO, COST_PER_TICKET -> false;
        };
    }

    private static void checkDimensions(Source source, Dimensions dimensions, Filters filters) throws MetricException {
        List<String> names = new ArrayList<>(dimensions.names());
        names.addAll(filters.values().keySet());
        for (String name : names) {
            if (PeriodGrain.fromDimension(name).isEmpty() && !source.dimensions().contains(name)) {
                throw new MetricException("rows of " + source.id() + " have no dimension " + name + "; theirs: "
                        + String.join(", ", source.dimensions()));
            }
        }
    }

    /** A reader who is shown only cells of at least min_n rows opens rows only from such a cell. */
    private void requireShown(MetricDefinition metric, RowQuery query) throws MetricException, SQLException, WithheldException {
        if (metric == null) {
            throw new WithheldException("rows open from a metric's value for this account: give metric and the value's group");
        }
        List<String> dimensions = List.copyOf(query.group().keySet());
        for (MetricValue value : engine.compute(new MetricQuery(List.of(metric.name()), dimensions, query.range(), query.filters()))) {
            if (sameGroup(value.group(), query.group()) && value.suppressed()) {
                throw new WithheldException("the rows of this value are withheld: fewer than " + scope.minN()
                        + " rows, or withheld so that such a value cannot be worked out");
            }
        }
    }

    private static boolean sameGroup(Map<String, String> group, Map<String, String> asked) {
        for (Map.Entry<String, String> entry : asked.entrySet()) {
            String value = group.get(entry.getKey().trim().toLowerCase(java.util.Locale.ROOT));
            String wanted = entry.getValue();
            if (value == null ? !Filters.NULL.equals(wanted) : !value.equals(wanted)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The days of the value: the range asked for, narrowed to each period of the group; empty when they
     * share none. For an account metric without a period, the range or else the data's span (its one period).
     */
    private Optional<PeriodRange> cellRange(RowQuery query, Dimensions dimensions) throws MetricException, SQLException {
        PeriodRange cell = query.range();
        for (String name : dimensions.names()) {
            Optional<PeriodGrain> grain = PeriodGrain.fromDimension(name);
            if (grain.isEmpty()) {
                continue;
            }
            String label = query.group().entrySet().stream().filter(e -> e.getKey().trim().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow().getValue();
            PeriodRange period = PeriodRange.parse(label);
            if (PeriodRange.grainOf(label) != grain.get()) {
                throw new MetricException("group " + name + " '" + label + "' is not a " + name);
            }
            if (cell == null) {
                cell = period;
            } else {
                Optional<PeriodRange> both = cell.intersection(period);
                if (both.isEmpty()) {
                    return Optional.empty();
                }
                cell = both.get();
            }
        }
        if (cell == null) {
            Optional<PeriodRange> span = engine.dataSpan();
            if (span.isEmpty()) {
                return Optional.empty();
            }
            cell = span.get();
        }
        return Optional.of(cell);
    }

    /** A source's rows in the cell's days, with the metric's own condition on what n counts and the group's category values. */
    private Sql eventRows(Source source, MetricDefinition metric, PeriodRange cell, RowQuery query, String used) {
        List<Sql> where = new ArrayList<>();
        if (source != Source.ACCOUNTS) { // accounts are not events: no period holds them
            where.add(SourceViews.eventInRange("src.event_local", cell));
        }
        where.add(Sql.of("TRUE"));
        if (metric != null) {
            counted(metric).ifPresent(condition -> where.add(Sql.of("(" + condition + ")")));
        }
        where.addAll(categoryConditions(query.group(), "src"));
        Sql filters = query.filters().condition(dialect, "src");
        if (filters != null) {
            where.add(filters);
        }
        return new Sql.Builder().add("SELECT * FROM (").add(views.view(source, used)).add(") src WHERE ").add(Sql.join(" AND ", where))
                .build();
    }

    /** The condition a row meets to count in the metric's n (null: every row of the source). */
    private static Optional<String> counted(MetricDefinition metric) {
        String f = metric.filter();
        String v = metric.value() == null ? null : "(" + metric.value() + ") IS NOT NULL";
        return switch (metric.kind()) {
            case COUNT, SHARE, RATIO -> Optional.ofNullable(f);
            case NPS, MEAN, PERCENTILE -> Optional.of(f == null ? v : "(" + f + ") AND " + v);
            case COST_PER_TICKET -> Optional.empty();
            case ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE -> throw new IllegalArgumentException(metric.name() + " counts accounts");
        };
    }

    /** The customer accounts counted in an account metric over one period [start, end], as {@link CustomerQuery} counts them. */
    private Sql accountRows(MetricDefinition metric, PeriodRange cell, RowQuery query) {
        Sql start = Sql.of("CAST(? AS DATE)", cell.first().toString());
        Sql end = Sql.of("CAST(? AS DATE)", cell.last().toString());
        Sql counted = switch (metric.kind()) {
            case RETENTION, CHURN -> new Sql.Builder().add("(src.started_at IS NULL OR src.started_at < ").add(start)
                    .add(") AND (src.ended_at IS NULL OR src.ended_at >= ").add(start).add(")").build();
            case ACTIVE_CUSTOMERS, CONTACT_RATE -> new Sql.Builder().add("(src.started_at IS NULL OR src.started_at <= ").add(end)
                    .add(") AND (src.ended_at IS NULL OR src.ended_at >= ").add(start).add(")").build();
            case COUNT, NPS, SHARE, MEAN, PERCENTILE, RATIO, COST_PER_TICKET -> throw new IllegalArgumentException(metric.name());
        };
        List<Sql> where = new ArrayList<>(List.of(Sql.of("src.type = 'customer'"), counted));
        where.addAll(categoryConditions(query.group(), "src"));
        Sql filters = query.filters().condition(dialect, "src");
        if (filters != null) {
            where.add(filters);
        }
        return new Sql.Builder().add("SELECT * FROM (").add(views.view(Source.ACCOUNTS)).add(") src WHERE ").add(Sql.join(" AND ", where))
                .build();
    }

    /** The group's category values, compared exactly as the breakdown grouped them (its text), or its null group. */
    private List<Sql> categoryConditions(Map<String, String> group, String alias) {
        List<Sql> conditions = new ArrayList<>();
        for (Map.Entry<String, String> entry : group.entrySet()) {
            String name = entry.getKey().trim().toLowerCase(java.util.Locale.ROOT);
            if (PeriodGrain.fromDimension(name).isPresent()) {
                continue;
            }
            String column = alias + "." + dialect.identifier(name);
            conditions.add(Filters.NULL.equals(entry.getValue()) ? Sql.of(column + " IS NULL")
                    : Sql.of("CAST(" + column + " AS VARCHAR) = ?", entry.getValue()));
        }
        return conditions;
    }

    /**
     * The columns shown: the data contract's and the derived ones a reader understands (not the
     * microsecond helpers); never a contact's e-mail to a reader of one partner's data.
     */
    private List<String> columns(Source source) {
        return source.columnList().stream()
                .filter(c -> !c.endsWith("_us") && !c.endsWith("_deadline"))
                .filter(c -> scope.isEverything() || !c.equals("contact_email"))
                .toList();
    }

    /** The sort column (a shown column), then the row's key, which makes the order total. */
    private String order(Source source, List<String> columns, RowQuery query) throws MetricException {
        List<String> key = switch (source) {
            case TICKETS -> List.of("ticket_id");
            case SURVEYS -> List.of("response_id");
            case INTERACTIONS -> List.of("interaction_id");
            case ACCOUNTS -> List.of("account_id");
            case AGENT_ACTIVITY -> List.of("agent_id", "date");
            case QA_REVIEWS -> List.of("review_id");
            case COSTS -> List.of("month", "currency");
            case INVITATIONS -> List.of("invitation_id");
            case CASES -> List.of("case_id");
            case COMMENTS, COMMENT_THEMES -> throw new IllegalArgumentException("not readable");
        };
        List<String> order = new ArrayList<>();
        if (query.sort() != null) {
            String sort = query.sort().trim().toLowerCase(java.util.Locale.ROOT);
            if (!columns.contains(sort)) {
                throw new MetricException("sort '" + query.sort().trim() + "' is not a column of " + source.id() + "; its columns: "
                        + String.join(", ", columns));
            }
            order.add("r." + dialect.identifier(sort) + (query.descending() ? " DESC" : " ASC") + " NULLS LAST");
        }
        key.forEach(k -> order.add("r." + dialect.identifier(k)));
        return String.join(", ", order);
    }

    /** A row's values, the engine's time types as ISO-8601 text (an instant in UTC), whatever the machine's zone. */
    private static Map<String, Object> read(ResultSet row, List<String> columns) throws SQLException {
        ResultSetMetaData meta = row.getMetaData();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= columns.size(); i++) {
            String type = meta.getColumnTypeName(i).toUpperCase(java.util.Locale.ROOT);
            Object value;
            if (type.startsWith("TIMESTAMP WITH TIME ZONE") || type.equals("TIMESTAMPTZ")) {
                OffsetDateTime time = row.getObject(i, OffsetDateTime.class);
                value = time == null ? null : time.toInstant().toString();
            } else if (type.startsWith("TIMESTAMP")) {
                LocalDateTime time = row.getObject(i, LocalDateTime.class);
                value = time == null ? null : time.toString();
            } else if (type.equals("DATE")) {
                LocalDate day = row.getObject(i, LocalDate.class);
                value = day == null ? null : day.toString();
            } else if (type.startsWith("DECIMAL")) {
                java.math.BigDecimal number = row.getBigDecimal(i);
                value = number == null ? null : number.doubleValue();
            } else {
                value = row.getObject(i);
            }
            values.put(columns.get(i - 1), value);
        }
        return values;
    }
}
