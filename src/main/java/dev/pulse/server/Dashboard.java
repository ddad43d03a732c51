package dev.pulse.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.access.Role;
import dev.pulse.access.User;
import dev.pulse.engine.PeriodGrain;
import dev.pulse.metrics.Change;
import dev.pulse.metrics.Filters;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricValue;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.RowPage;
import dev.pulse.metrics.RowQuery;
import dev.pulse.metrics.Source;
import dev.pulse.report.OverviewSections;
import dev.pulse.voc.VocSummary;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The dashboard's pages, rendered on the server from jte templates: overview, trend, breakdown and the
 * rows behind a number. Filters are query parameters named by their dimension ({@code segment=SMB}),
 * so that a view is a link; every figure comes from the metric engine through {@link DataAccess}, in
 * the user's scope. Charts are drawn in the browser by ECharts from data in the page.
 */
final class Dashboard {
    /** The dimensions the filter bar offers, in its order. */
    static final List<String> FILTER_DIMENSIONS = List.of("segment", "tier", "region", "channel", "priority", "category", "product",
            "journey", "partner_id");
    private static final List<String> GRAINS = List.of("quarter", "month", "week");

    private final DataAccess data;
    private final ApiHandlers api;
    private final Documents documents;
    private final TemplateEngine templates;

    Dashboard(DataAccess data, ApiHandlers api, Documents documents, TemplateEngine templates) {
        this.data = requireNonNull(data, "data is null");
        this.api = requireNonNull(api, "api is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.templates = requireNonNull(templates, "templates is null");
    }

    void routes(RoutesConfig routes) {
        routes.get("/", this::overview);
        routes.get("/trend", this::trend);
        routes.get("/breakdown", this::breakdown);
        routes.get("/rows/{source}", this::rows);
        routes.get("/voice", this::voice);
        routes.get("/reports", this::reports);
    }

    private void voice(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        List<String> quarters = documents.quarters(user);
        String period = ctx.queryParam("period");
        if (period == null || period.isBlank() || period.equals("all")) {
            period = null;
        } else if (!quarters.contains(period)) {
            throw new ApiError(400, "period '" + PulseServer.shorten(period) + "' is not a quarter with data", "period", quarters);
        }
        VocSummary summary = documents.summary(user, period, List.of("type"), 3);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(ctx, user, "Voice of the customer", "voice", new Chosen(null, List.of(), ""), false));
        model.put("periods", quarters.stream().map(q -> new Views.Option(q, q, q.equals(summary.period()))).toList());
        model.put("voice", VoiceView.of(summary));
        render(ctx, "voice.jte", model);
    }

    private void reports(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(ctx, user, "Reports", "reports", new Chosen(null, List.of(), ""), false));
        model.put("quarters", documents.quarters(user));
        model.put("formats", Documents.FORMATS);
        render(ctx, "reports.jte", model);
    }

    // ---- pages

    /** The overview's content for a scope and filters: computed once per data version, then served from memory. */
    private record Overview(String latest, String previous, String yearAgo, List<Views.Card> cards) {
    }

    private void overview(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        Chosen chosen = chosen(ctx, user);
        Overview overview = overview(data.scope(user), chosen);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(ctx, user, "Overview", "overview", chosen, true));
        model.put("quarter", overview.latest() == null ? "" : overview.latest());
        model.put("previous", overview.previous() == null ? "" : overview.previous());
        model.put("yearAgo", overview.yearAgo() == null ? "" : overview.yearAgo());
        model.put("cards", overview.cards());
        render(ctx, "overview.jte", model);
    }

    private Overview overview(dev.pulse.metrics.Scope scope, Chosen chosen) throws Exception {
        return data.cached(scope, overviewKey(chosen), engine -> overview(engine, chosen));
    }

    /**
     * Computes what a first visit shows (the unfiltered overview and the filter bar, for the team's scope)
     * into the cache: run when the server starts and after each import, so the first visitor does not wait.
     */
    void warm() throws Exception {
        dev.pulse.metrics.Scope everything = dev.pulse.metrics.Scope.everything();
        Chosen none = new Chosen(null, List.of(), "");
        long version = data.version();
        // in parts, one source's metrics (one scan) at a time, pausing between them: a request that waits for the
        // database meanwhile takes its turn after one part, not after the whole overview (seconds at 10 M tickets)
        List<String> metrics = data.run(everything, engine -> engine.groupable(OverviewSections.KEY_METRICS, List.of()));
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (String name : metrics) {
            MetricDefinition metric = data.catalogue().get(name).orElseThrow();
            parts.computeIfAbsent(metric.kind().isRowAggregate() ? metric.source().id() : name, k -> new ArrayList<>()).add(name);
        }
        List<MetricValue> values = new ArrayList<>();
        for (List<String> part : parts.values()) {
            values.addAll(data.run(everything, engine -> engine.compute(new MetricQuery(part, List.of("quarter"), null))));
            Thread.sleep(20);
        }
        data.put(everything, overviewKey(none), version, overview(metrics, values, none));
        filterValues(everything);
    }

    private static String overviewKey(Chosen chosen) {
        return "overview page\u0000" + chosen.period() + "\u0000" + chosen.filters();
    }

    private Overview overview(MetricEngine engine, Chosen chosen) throws MetricException, java.sql.SQLException {
        List<String> metrics = engine.groupable(OverviewSections.KEY_METRICS, chosen.dimensions());
        return overview(metrics, engine.compute(new MetricQuery(metrics, List.of("quarter"), null, Filters.parse(chosen.filters()))), chosen);
    }

    private Overview overview(List<String> metrics, List<MetricValue> values, Chosen chosen) throws MetricException {
        Map<String, Map<String, MetricValue>> byMetric = new LinkedHashMap<>();
        // the latest quarter with a customer NPS (as the report's), else the latest with any value; for a partner a withheld
        // NPS counts, or its overview would show an old quarter whose NPS happened to have enough answers
        String latest = null;
        String latestAny = null;
        for (MetricValue value : values) {
            String quarter = value.group().get("quarter");
            byMetric.computeIfAbsent(value.metric(), m -> new TreeMap<>()).put(quarter, value);
            if ((value.value() != null || value.suppressed()) && quarter != null) { // a withheld value is data too
                if (value.metric().equals("customer_nps") && (latest == null || quarter.compareTo(latest) > 0)) {
                    latest = quarter;
                }
                if (latestAny == null || quarter.compareTo(latestAny) > 0) {
                    latestAny = quarter;
                }
            }
        }
        if (latest == null) {
            latest = latestAny;
        }
        if (chosen.period() != null && PeriodRange.grainOf(chosen.period()) == PeriodGrain.QUARTER) {
            latest = chosen.period();
        }
        List<Views.Card> cards = new ArrayList<>();
        String previous = latest == null ? null : PeriodRange.previousLabel(PeriodGrain.QUARTER, latest);
        String yearAgo = latest == null ? null : PeriodRange.yearEarlierLabel(PeriodGrain.QUARTER, latest);
        for (String name : metrics) {
            MetricDefinition metric = data.catalogue().get(name).orElseThrow();
            Map<String, MetricValue> quarters = byMetric.getOrDefault(name, Map.of());
            cards.add(latest == null ? card(metric, null, null, null, quarters, null, chosen)
                    : card(metric, quarters.get(latest), quarters.get(previous), quarters.get(yearAgo), quarters, latest, chosen));
        }
        return new Overview(latest, previous, yearAgo, List.copyOf(cards));
    }

    private Views.Card card(MetricDefinition metric, MetricValue current, MetricValue before, MetricValue yearBefore,
                            Map<String, MetricValue> quarters, String latest, Chosen chosen) {
        String breakdown = "/breakdown?metric=" + url(metric.name()) + (latest == null ? "" : "&period=" + url(latest)) + chosen.query("&");
        ObjectNode spark = ApiHandlers.MAPPER.createObjectNode();
        spark.put("kind", "spark");
        ArrayNode x = spark.putArray("x");
        ArrayNode y = spark.putArray("y");
        List<String> labels = new ArrayList<>(quarters.keySet());
        for (String label : labels.subList(Math.max(0, labels.size() - 8), labels.size())) {
            x.add(label);
            Double v = quarters.get(label).value();
            if (v == null) {
                y.addNull();
            } else {
                y.add(v);
            }
        }
        if (current == null || current.suppressed() || current.value() == null) {
            return new Views.Card(metric.name(), metric.title(), current != null && current.suppressed() ? "withheld" : "no data", "", "",
                    false, current != null && current.suppressed(), "", "", "", "", "", "", spark.toString(), breakdown);
        }
        Boolean higherIsBetter = Change.higherIsBetter(metric, data.config().cesHigherIsBetter());
        Optional<Double> target = data.config().target(metric.name()).flatMap(t -> t.forGroup(Map.of()));
        String status = target.isEmpty() || higherIsBetter == null ? ""
                : Change.meets(current.value(), target.get(), higherIsBetter) ? "met" : "missed";
        String[] qoq = change(metric, current, before);
        String[] yoy = change(metric, current, yearBefore);
        return new Views.Card(metric.name(), metric.title(), Format.value(current.value(), metric.unit()), Format.interval(current, metric.unit()),
                Format.count(current.n()), current.lowSample(), false, target.map(t -> Format.value(t, metric.unit())).orElse(""), status,
                qoq[0], qoq[1], yoy[0], yoy[1], spark.toString(), breakdown);
    }

    /** A change's text and its class: an arrow only when the change is significant. */
    private String[] change(MetricDefinition metric, MetricValue current, MetricValue before) {
        if (before != null && before.suppressed()) {
            return new String[]{"withheld", "change-na"};
        }
        Change change = Change.between(metric, current, before);
        if (change == null) {
            return new String[]{"n/a", "change-na"};
        }
        String delta = (change.delta() >= 0 ? "+" : "−") + (metric.unit().equals("percent")
                ? String.format(Locale.ROOT, "%.1f pp", Math.abs(change.delta())) : Format.value(Math.abs(change.delta()), metric.unit()));
        Boolean higher = Change.higherIsBetter(metric, data.config().cesHigherIsBetter());
        String up = higher == null ? "change-up" : higher ? "change-better" : "change-worse";
        String down = higher == null ? "change-down" : higher ? "change-worse" : "change-better";
        return switch (change.verdict()) {
            case UP -> new String[]{"↑ " + delta, up};
            case DOWN -> new String[]{"↓ " + delta, down};
            case STABLE -> new String[]{delta + " (not significant)", "change-stable"};
            case UNTESTED -> new String[]{delta, "change-stable"};
        };
    }

    private void trend(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        Chosen chosen = chosen(ctx, user);
        MetricDefinition metric = metric(ctx.queryParam("metric"), "customer_nps");
        String grain = option(ctx.queryParam("grain"), GRAINS, "quarter", "grain");
        String message = "";
        List<MetricValue> values = List.of();
        try {
            values = data.cached(user, "trend\u0000" + metric.name() + "\u0000" + grain + "\u0000" + chosen.period() + "\u0000"
                    + chosen.filters(), engine ->
                    engine.compute(new MetricQuery(List.of(metric.name()), List.of(grain), chosen.range(), Filters.parse(chosen.filters()))));
        } catch (MetricException e) {
            message = e.getMessage();
        }
        Charted charted = charted("trend", metric, values, grain, chosen, user);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(ctx, user, "Trend: " + metric.title(), "trend", chosen, true));
        model.put("metrics", metricOptions(metric.name()));
        model.put("grains", GRAINS.stream().map(g -> new Views.Option(g, g, g.equals(grain))).toList());
        model.put("metric", metric.title());
        model.put("chart", charted.chart());
        model.put("rows", charted.rows());
        model.put("message", message);
        render(ctx, "trend.jte", model);
    }

    private void breakdown(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        Chosen chosen = chosen(ctx, user);
        MetricDefinition metric = metric(ctx.queryParam("metric"), "customer_nps");
        List<String> candidates = new ArrayList<>(List.of("segment", "tier", "region", "channel", "priority", "category", "product",
                "journey", "touchpoint", "program", "queue", "agent_id", "team", "partner_id", "quarter", "month"));
        List<String> dimensions = data.cached(user, "dimensions\u0000" + metric.name(), engine -> {
            List<String> ok = new ArrayList<>();
            for (String candidate : candidates) {
                if (!engine.groupable(List.of(metric.name()), List.of(candidate)).isEmpty()) {
                    ok.add(candidate);
                }
            }
            return ok;
        });
        String by = ctx.queryParam("by");
        if (by == null || !dimensions.contains(by)) {
            by = dimensions.isEmpty() ? "quarter" : dimensions.get(0);
        }
        String dimension = by;
        String message = "";
        List<MetricValue> values = List.of();
        try {
            values = data.cached(user, "breakdown\u0000" + metric.name() + "\u0000" + dimension + "\u0000" + chosen.period() + "\u0000"
                    + chosen.filters(), engine -> engine.compute(new MetricQuery(List.of(metric.name()), List.of(dimension), chosen.range(),
                    Filters.parse(chosen.filters()))));
        } catch (MetricException e) {
            message = e.getMessage();
        }
        Charted charted = charted("bars", metric, values, dimension, chosen, user);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(ctx, user, "Breakdown: " + metric.title(), "breakdown", chosen, true));
        model.put("metrics", metricOptions(metric.name()));
        model.put("dimensions", dimensions.stream().map(d -> new Views.Option(d, d.replace('_', ' '), d.equals(dimension))).toList());
        model.put("metric", metric.title());
        model.put("dimension", dimension.replace('_', ' '));
        model.put("chart", charted.chart());
        model.put("rows", charted.rows());
        model.put("message", message);
        render(ctx, "breakdown.jte", model);
    }

    /** A metric's values by one dimension: the chart's data (for pulse.js) and the table's rows. */
    private record Charted(String chart, List<Views.GroupRow> rows) {
    }

    private Charted charted(String kind, MetricDefinition metric, List<MetricValue> values, String dimension, Chosen chosen, User user) {
        ObjectNode chart = ApiHandlers.MAPPER.createObjectNode();
        chart.put("kind", kind);
        chart.put("unit", Format.unitLabel(metric.unit()));
        chart.put("title", metric.title());
        ArrayNode x = chart.putArray("x");
        ArrayNode y = chart.putArray("y");
        ArrayNode low = chart.putArray("low");
        ArrayNode high = chart.putArray("high");
        List<Views.GroupRow> rows = new ArrayList<>();
        for (MetricValue value : values) {
            String label = value.group().get(dimension);
            x.add(label == null ? "(none)" : label);
            add(y, value.value());
            add(low, value.ciLow());
            add(high, value.ciHigh());
            Map<String, String> group = new LinkedHashMap<>();
            group.put(dimension, label == null ? Filters.NULL : label);
            rows.add(groupRow(label == null ? "(none)" : label, value, metric, group, chosen, user));
        }
        return new Charted(chart.toString(), rows);
    }

    private Views.GroupRow groupRow(String label, MetricValue value, MetricDefinition metric, Map<String, String> group, Chosen chosen,
                                    User user) {
        if (value.suppressed()) {
            return new Views.GroupRow(label, "withheld", "", "", false, true, null);
        }
        String link = null;
        if (user.role() != Role.VIEWER && value.n() > 0) {
            try {
                StringBuilder href = new StringBuilder("/rows/" + MetricEngine.rowsOf(metric).id() + "?metric=" + url(metric.name()));
                if (chosen.period() != null) {
                    href.append("&period=").append(url(chosen.period()));
                }
                group.forEach((k, v) -> href.append("&group=").append(url(k + ":" + v)));
                chosen.filters().forEach(f -> href.append("&filter=").append(url(f)));
                link = href.toString();
            } catch (MetricException e) {
                link = null; // comment metrics: their rows are the voice of the customer's
            }
        }
        return new Views.GroupRow(label, value.value() == null ? "no data" : Format.value(value.value(), metric.unit()),
                Format.interval(value, metric.unit()), Format.count(value.n()), value.lowSample() && value.value() != null, false, link);
    }

    private void rows(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        ApiHandlers.requireRowAccess(user);
        RowQuery query = api.rowQuery(ctx);
        RowPage page = data.rows(user, query);
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> row : page.rows()) {
            List<String> cells = new ArrayList<>();
            for (String column : page.columns()) {
                Object value = row.get(column);
                cells.add(value == null ? "" : value instanceof Double d ? Format.plain(d) : value.toString());
            }
            rows.add(cells);
        }
        String base = "/rows/" + query.source().id() + "?" + withoutCursor(ctx.queryString());
        String next = page.next() == null ? null : base + "&cursor=" + ApiHandlers.cursor(page.next());
        String previous = query.offset() == 0 ? null
                : base + "&cursor=" + ApiHandlers.cursor(Math.max(0, query.offset() - query.limit()));
        String csv = "/api/rows/" + query.source().id() + "?" + withoutCursor(ctx.queryString()) + "&format=csv";
        Views.RowTable table = new Views.RowTable(page.columns(), rows, Format.count(page.total()),
                Format.count(page.rows().isEmpty() ? 0 : query.offset() + 1), Format.count(query.offset() + page.rows().size()), next, previous,
                csv);
        List<String> described = new ArrayList<>();
        if (query.metric() != null) {
            described.add("counted in " + data.catalogue().get(query.metric()).map(MetricDefinition::title).orElse(query.metric()));
        }
        query.group().forEach((k, v) -> described.add(k.replace('_', ' ') + " " + v));
        if (query.range() != null) {
            described.add(query.range().first() + " to " + query.range().last());
        }
        query.filters().values().forEach((k, v) -> described.add(k.replace('_', ' ') + ": " + String.join(", ", v)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page(ctx, user, "Rows: " + query.source().id().replace('_', ' '), "rows", new Chosen(null, List.of(), ""), false));
        model.put("description", String.join(" · ", described));
        model.put("table", table);
        render(ctx, "rows.jte", model);
    }

    void error(Context ctx, ApiError error) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", error.status());
        model.put("message", error.getMessage());
        StringOutput output = new StringOutput();
        templates.render("error.jte", model, output);
        ctx.status(error.status()).contentType("text/html; charset=utf-8").result(output.toString());
    }

    // ---- filters

    /**
     * What the filter bar chose: a period (null: all data) and dimension values, as engine filters
     * ({@code DIM:V1,V2}) and as the query string that keeps them in links.
     */
    record Chosen(String period, List<String> filters, String queryString) {
        List<String> dimensions() {
            return filters.stream().map(f -> f.substring(0, f.indexOf(':'))).toList();
        }

        PeriodRange range() throws MetricException {
            return period == null ? null : PeriodRange.parse(period);
        }

        String query(String prefix) {
            return queryString.isEmpty() ? "" : prefix + queryString;
        }
    }

    private Chosen chosen(Context ctx, User user) throws MetricException {
        String period = ctx.queryParam("period");
        if (period != null && (period.isBlank() || period.equals("all"))) {
            period = null;
        }
        if (period != null) {
            PeriodRange.parse(period); // a user error for a malformed one
        }
        List<String> filters = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        if (period != null) {
            query.append("period=").append(url(period));
        }
        for (String dimension : FILTER_DIMENSIONS) {
            List<String> values = ctx.queryParams(dimension).stream().filter(v -> !v.isBlank()).toList();
            if (!values.isEmpty()) {
                if (values.stream().anyMatch(v -> v.contains(",") || v.length() > 256)) {
                    throw new MetricException("a " + dimension + " value must not hold a comma or pass 256 characters");
                }
                filters.add(dimension + ":" + String.join(",", values));
                for (String value : values) {
                    query.append(query.isEmpty() ? "" : "&").append(url(dimension)).append('=').append(url(value));
                }
            }
        }
        return new Chosen(period, filters, query.toString());
    }

    private Views.Filters filterBar(User user, Chosen chosen) throws Exception {
        Map<String, List<String>> values = filterValues(data.scope(user));
        Map<String, String> picked = new LinkedHashMap<>();
        for (String filter : chosen.filters()) {
            picked.put(filter.substring(0, filter.indexOf(':')), filter.substring(filter.indexOf(':') + 1));
        }
        return filterBar(values, picked, chosen);
    }

    /** The values the filter bar offers in a scope: each dimension's, and the quarters with data, latest first. */
    private Map<String, List<String>> filterValues(dev.pulse.metrics.Scope scope) throws Exception {
        return data.cached(scope, "filter values", engine -> {
            // the account attributes from the (small) accounts table, the ticket's own from one scan of the tickets
            Map<String, List<String>> found = new LinkedHashMap<>();
            Map<String, List<String>> accounts = engine.dimensionValues(Source.ACCOUNTS, engine.scope().isEverything()
                    ? List.of("segment", "tier", "region", "partner_id") : List.of("segment", "tier", "region"));
            Map<String, List<String>> tickets = engine.dimensionValues(Source.TICKETS, List.of("channel", "priority", "category", "product",
                    "journey"));
            for (String dimension : FILTER_DIMENSIONS) {
                if (accounts.containsKey(dimension)) {
                    found.put(dimension, accounts.get(dimension));
                } else if (tickets.containsKey(dimension)) {
                    found.put(dimension, tickets.get(dimension));
                }
            }
            List<String> quarters = new ArrayList<>();
            for (MetricValue value : engine.compute(new MetricQuery(List.of("tickets", "customer_nps"), List.of("quarter"), null))) {
                if (!quarters.contains(value.group().get("quarter"))) {
                    quarters.add(value.group().get("quarter"));
                }
            }
            quarters.sort(java.util.Comparator.reverseOrder());
            found.put("period", quarters);
            return found;
        });
    }

    private Views.Filters filterBar(Map<String, List<String>> values, Map<String, String> picked, Chosen chosen) {
        List<Views.Select> selects = new ArrayList<>();
        List<Views.Option> periods = new ArrayList<>(List.of(new Views.Option("all", "all data", chosen.period() == null)));
        for (String quarter : values.get("period")) {
            periods.add(new Views.Option(quarter, quarter, quarter.equals(chosen.period())));
        }
        selects.add(new Views.Select("period", "Period", periods));
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (entry.getKey().equals("period") || entry.getValue().isEmpty()) {
                continue;
            }
            List<Views.Option> options = new ArrayList<>(List.of(new Views.Option("", "all", !picked.containsKey(entry.getKey()))));
            List<String> wanted = picked.containsKey(entry.getKey()) ? List.of(picked.get(entry.getKey()).split(",")) : List.of();
            for (String value : entry.getValue()) {
                options.add(new Views.Option(value, value, wanted.contains(value)));
            }
            selects.add(new Views.Select(entry.getKey(), entry.getKey().replace('_', ' '), options));
        }
        List<String> described = new ArrayList<>(chosen.filters().stream().map(f -> f.replace(":", ": ").replace('_', ' ')).toList());
        return new Views.Filters(selects, chosen.queryString(), described);
    }

    // ---- helpers

    /** The frame of a page without the filter bar (the cases pages bring their own). */
    Views.Page plainPage(Context ctx, User user, String title, String active) throws Exception {
        return page(ctx, user, title, active, new Chosen(null, List.of(), ""), false);
    }

    private Views.Page page(Context ctx, User user, String title, String active, Chosen chosen, boolean withFilters) throws Exception {
        Sessions.Session session = ctx.attribute(PulseServer.SESSION);
        return new Views.Page(title, user.email(), user.role().id() + (user.partnerId() == null ? "" : " of " + user.partnerId()),
                session == null ? "" : session.csrf(), active, user.role() == Role.ADMIN, user.role() != Role.VIEWER,
                withFilters ? filterBar(user, chosen) : Views.Filters.none(), kept(ctx));
    }

    /** The page's own choices (metric, grouping, grain), which applying filters keeps. */
    private static List<Views.Hidden> kept(Context ctx) {
        List<Views.Hidden> kept = new ArrayList<>();
        for (String name : List.of("metric", "by", "grain")) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isBlank() && value.length() <= 100) {
                kept.add(new Views.Hidden(name, value));
            }
        }
        return kept;
    }

    private List<Views.Option> metricOptions(String chosen) {
        return data.catalogue().all().stream().map(m -> new Views.Option(m.name(), m.title(), m.name().equals(chosen))).toList();
    }

    private MetricDefinition metric(String name, String fallback) {
        if (name == null || name.isBlank()) {
            name = fallback;
        }
        String wanted = name.trim();
        return data.catalogue().get(wanted).orElseThrow(() -> new ApiError(400, "unknown metric '" + PulseServer.shorten(wanted) + "'",
                "metric", List.copyOf(data.catalogue().names())));
    }

    private static String option(String value, List<String> valid, String fallback, String field) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!valid.contains(value)) {
            throw new ApiError(400, field + " '" + PulseServer.shorten(value) + "' is not one of " + String.join(", ", valid), field, valid);
        }
        return value;
    }

    private static void add(ArrayNode array, Double value) {
        if (value == null) {
            array.addNull();
        } else {
            array.add(value);
        }
    }

    private static String withoutCursor(String query) {
        if (query == null) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String part : query.split("&")) {
            if (!part.startsWith("cursor=") && !part.isEmpty()) {
                kept.add(part);
            }
        }
        return String.join("&", kept);
    }

    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void render(Context ctx, String template, Map<String, Object> model) {
        StringOutput output = new StringOutput();
        templates.render(template, model, output);
        ctx.status(200).contentType("text/html; charset=utf-8").result(output.toString());
    }
}
