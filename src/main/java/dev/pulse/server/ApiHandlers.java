package dev.pulse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.access.Role;
import dev.pulse.access.User;
import dev.pulse.metrics.Comparison;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricJson;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricRequest;
import dev.pulse.metrics.PeriodRange;
import dev.pulse.metrics.RowPage;
import dev.pulse.metrics.RowQuery;
import dev.pulse.metrics.Source;
import io.javalin.http.Context;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The JSON API's read endpoints: {@code /api/catalogue}, {@code /api/metrics} (exactly
 * {@code pulse metrics --format json}) and {@code /api/rows/{source}} (drill-through). Parameters are
 * checked here for their form; the engine checks them against the catalogue, and binds every value.
 */
final class ApiHandlers {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Most rows a CSV download holds. */
    static final int MAX_CSV_ROWS = 1_000_000;

    private final DataAccess data;

    ApiHandlers(DataAccess data) {
        this.data = requireNonNull(data, "data is null");
    }

    void catalogue(Context ctx) {
        ArrayNode array = MAPPER.createArrayNode();
        for (MetricDefinition metric : data.catalogue().all()) {
            ObjectNode node = array.addObject();
            node.put("metric", metric.name());
            node.put("title", metric.title());
            node.put("unit", metric.unit());
            node.put("polarity", metric.polarity().name().toLowerCase(Locale.ROOT));
            node.put("interval", switch (metric.kind()) {
                case NPS -> "adjusted_wald";
                case SHARE, RETENTION, CHURN -> "wilson";
                case MEAN -> "mean";
                case COUNT, PERCENTILE, RATIO, COST_PER_TICKET, ACTIVE_CUSTOMERS, CONTACT_RATE -> "none";
            });
            ArrayNode dimensions = node.putArray("dimensions");
            List<String> all = new ArrayList<>(List.of("year", "quarter", "month", "week"));
            all.addAll(metric.source().dimensions());
            all.forEach(dimensions::add);
        }
        PulseServer.json(ctx, 200, array.toPrettyString() + "\n");
    }

    void metrics(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        List<String> metrics = list(ctx, "metric");
        if (metrics.isEmpty()) {
            throw ApiError.badRequest("metric is required: one or more names of /api/catalogue, comma-separated, or all", "metric");
        }
        MetricRequest request = new MetricRequest(metrics, list(ctx, "by"), single(ctx, "period"), single(ctx, "from"), single(ctx, "to"),
                ctx.queryParams("filter"), "");
        request.range();
        Comparison.Against against = against(single(ctx, "compare"));
        String body = data.cached(user, "metrics\u0000" + request + "\u0000" + against, engine -> {
            MetricQuery query = request.resolve(engine, note -> { });
            return against == null ? MetricJson.values(engine.compute(query)) : MetricJson.compared(Comparison.compute(engine, query, against));
        });
        PulseServer.json(ctx, 200, body);
    }

    /** {@code GET /api/drivers}: the key drivers of an outcome in a period, as {@code pulse drivers --format json}, in the caller's scope. */
    void drivers(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        String outcome = java.util.Objects.requireNonNullElse(single(ctx, "outcome"), "customer_nps");
        String period = single(ctx, "period");
        if (period == null) {
            throw ApiError.badRequest("period is required: YYYY, YYYY-Qn, YYYY-MM or YYYY-Wnn", "period");
        }
        dev.pulse.metrics.PeriodRange range = dev.pulse.metrics.PeriodRange.parse(period);
        List<String> by = list(ctx, "by");
        int lookback = dev.pulse.metrics.KeyDrivers.DEFAULT_LOOKBACK_DAYS;
        String days = single(ctx, "lookback_days");
        if (days != null) {
            try {
                lookback = Integer.parseInt(days);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("lookback_days '" + PulseServer.shorten(days) + "' is not a whole number of days", "lookback_days");
            }
        }
        // A partner's answers are few: the fewest answers with an experience is at least its access.min_n.
        int minWith = Math.max(dev.pulse.metrics.KeyDrivers.DEFAULT_MIN_WITH, data.config().accessMinN());
        dev.pulse.metrics.KeyDrivers.Options options = new dev.pulse.metrics.KeyDrivers.Options(outcome, range, by, lookback,
                dev.pulse.metrics.KeyDrivers.DEFAULT_RESAMPLES, dev.pulse.metrics.KeyDrivers.DEFAULT_SEED, minWith);
        String body = data.cached(user, "drivers\u0000" + outcome + "\u0000" + range + "\u0000" + by + "\u0000" + lookback,
                engine -> dev.pulse.metrics.DriverJson.array(dev.pulse.metrics.KeyDrivers.of(engine,
                        dev.pulse.metrics.DriverCatalogue.of(engine.config())).compute(options)));
        PulseServer.json(ctx, 200, body);
    }

    static Comparison.Against against(String compare) {
        if (compare == null) {
            return null;
        }
        return Arrays.stream(Comparison.Against.values()).filter(a -> a.name().equalsIgnoreCase(compare)).findFirst()
                .orElseThrow(() -> new ApiError(400, "compare '" + compare + "' is not one of previous, year", "compare",
                        List.of("previous", "year")));
    }

    /** {@code GET /api/rows/{source}}: a page of the rows behind a value, or all of them as CSV ({@code format=csv}). */
    void rows(Context ctx) throws Exception {
        User user = PulseServer.user(ctx);
        requireRowAccess(user);
        RowQuery query = rowQuery(ctx);
        String format = single(ctx, "format");
        if (format != null && format.equalsIgnoreCase("csv")) {
            csv(ctx, user, query);
            return;
        }
        if (format != null && !format.equalsIgnoreCase("json")) {
            throw new ApiError(400, "format '" + format + "' is not one of json, csv", "format", List.of("json", "csv"));
        }
        RowPage page = data.rows(user, query);
        ObjectNode node = MAPPER.createObjectNode();
        node.put("source", query.source().id());
        node.put("metric", query.metric());
        node.put("total", page.total());
        ArrayNode columns = node.putArray("columns");
        page.columns().forEach(columns::add);
        ArrayNode rows = node.putArray("rows");
        for (Map<String, Object> row : page.rows()) {
            rows.add(MAPPER.valueToTree(row));
        }
        node.put("next_cursor", page.next() == null ? null : cursor(page.next()));
        PulseServer.json(ctx, 200, node.toPrettyString() + "\n");
    }

    /** Viewers see the dashboard and reports, never a row. */
    static void requireRowAccess(User user) {
        if (user.role() == Role.VIEWER) {
            throw new ApiError(403, "a viewer sees values and reports, not the rows behind them", null, List.of());
        }
    }

    private void csv(Context ctx, User user, RowQuery first) throws Exception {
        RowPage page = data.rows(user, first);
        if (page.total() > MAX_CSV_ROWS) {
            throw ApiError.badRequest(String.format(Locale.ROOT, "%,d rows are more than a download holds (%,d): narrow the period or filters",
                    page.total(), MAX_CSV_ROWS), null);
        }
        ctx.status(200).contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + first.source().id() + ".csv\"");
        try (CSVPrinter out = CSVFormat.DEFAULT.builder().setHeader(page.columns().toArray(String[]::new)).get()
                .print(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
            while (true) {
                for (Map<String, Object> row : page.rows()) {
                    out.printRecord(row.values());
                }
                if (page.next() == null) {
                    break;
                }
                page = data.rows(user, new RowQuery(first.source(), first.metric(), first.range(), first.filters(), first.group(),
                        first.sort(), first.descending(), RowQuery.MAX_LIMIT, page.next()));
            }
        }
    }

    /** The drill-through a request asks for; the CSV download reads every page of it. */
    RowQuery rowQuery(Context ctx) throws Exception {
        String name = ctx.pathParam("source").toLowerCase(Locale.ROOT);
        Source source = (name.equals("responses") ? java.util.Optional.of(Source.SURVEYS) : Source.fromId(name))
                .filter(MetricEngine.readableSources()::contains)
                .orElseThrow(() -> new ApiError(404, "no rows named '" + PulseServer.shorten(name) + "'", "source", sourceNames()));
        MetricRequest period = new MetricRequest(List.of(), List.of(), single(ctx, "period"), single(ctx, "from"), single(ctx, "to"),
                ctx.queryParams("filter"), "");
        PeriodRange range = period.range();
        Map<String, String> group = new LinkedHashMap<>();
        for (String value : ctx.queryParams("group")) {
            int colon = value.indexOf(':');
            if (colon <= 0) {
                throw ApiError.badRequest("group '" + PulseServer.shorten(value) + "' is not DIMENSION:VALUE (one value; (null) for none)", "group");
            }
            String dimension = value.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (group.put(dimension, value.substring(colon + 1)) != null) {
                throw ApiError.badRequest("group names " + dimension + " twice", "group");
            }
        }
        String order = single(ctx, "order");
        if (order != null && !order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
            throw new ApiError(400, "order '" + PulseServer.shorten(order) + "' is not one of asc, desc", "order", List.of("asc", "desc"));
        }
        int limit = 100;
        String limitText = single(ctx, "limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > RowQuery.MAX_LIMIT) {
                throw ApiError.badRequest("limit must be a whole number from 1 to " + RowQuery.MAX_LIMIT, "limit");
            }
        }
        return new RowQuery(source, single(ctx, "metric"), range, dev.pulse.metrics.Filters.parse(ctx.queryParams("filter")), group,
                single(ctx, "sort"), order != null && order.equalsIgnoreCase("desc"), limit, offset(single(ctx, "cursor")));
    }

    static List<String> sourceNames() {
        List<String> names = new ArrayList<>(MetricEngine.readableSources().stream().map(Source::id).toList());
        names.add("responses");
        return names;
    }

    /** A page's position as an opaque cursor (the engine reads through the scope whatever it says). */
    static String cursor(long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    static long offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII);
            if (text.startsWith("o") && text.length() <= 19) {
                long offset = Long.parseLong(text.substring(1));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // not one of ours
        }
        throw ApiError.badRequest("cursor is not one this server gave (take next_cursor from the previous page)", "cursor");
    }

    /** A comma-separated parameter, given once: its values, trimmed. */
    static List<String> list(Context ctx, String name) {
        String value = single(ctx, name);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** A parameter that may be given once; null when absent. */
    static String single(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiError.badRequest(name + " is given " + values.size() + " times; give it once", name);
        }
        if (!values.isEmpty() && values.get(0).length() > 2000) {
            throw ApiError.badRequest(name + " is longer than 2,000 characters", name);
        }
        return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }
}
