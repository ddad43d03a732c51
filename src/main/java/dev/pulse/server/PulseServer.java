package dev.pulse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.access.User;
import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.Comparison;
import dev.pulse.metrics.MetricDefinition;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricException;
import dev.pulse.metrics.MetricJson;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricRequest;
import dev.pulse.metrics.Scope;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * {@code pulse serve}'s HTTP API (the first part of issue 13): {@code /api/catalogue} and
 * {@code /api/metrics}, answering exactly as {@code pulse metrics --format json}, for a user who sends
 * an API token. What a user sees is decided by the scope of their role, which the metric engine
 * applies where it reads rows: a partner user's engine reads only its partner's data and withholds
 * small cells. One DuckDB connection serves every request, one query at a time.
 */
public final class PulseServer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USER = "pulse.user";

    private final Database database;
    private final PulseConfig config;
    private final Catalogue catalogue;
    private final UserStore users;
    private final Map<Scope, MetricEngine> engines = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /**
     * Tokens already verified, and their users: like the answers, the stored tokens cannot change while
     * the server holds the database, so a verified token stays verified for the process's life (a
     * revocation through the server will have to clear it). A token that fails is checked again each time.
     */
    private final Map<String, User> verified = new ConcurrentHashMap<>();
    /**
     * Answers already computed, keyed by scope and request: the data cannot change while the server holds
     * the database (an import needs it), so an answer stays right for the process's life; when imports
     * reach the server, they will clear it. Bounded, least recently used out first.
     */
    private final Map<String, String> answers = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 2_000;
        }
    });

    public PulseServer(Database database, PulseConfig config, Catalogue catalogue, UserStore users) {
        this.database = requireNonNull(database, "database is null");
        this.config = requireNonNull(config, "config is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.users = requireNonNull(users, "users is null");
    }

    /** Starts serving on host:port (port 0: a free one); stop the returned server to end it. */
    public Javalin start(String host, int port) {
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 64 * 1024;
            config.routes.before(this::headers);
            config.routes.before("/api/*", this::authenticate);
            config.routes.get("/api/catalogue", this::catalogue);
            config.routes.get("/api/metrics", this::metrics);
            config.routes.exception(ApiError.class, (error, ctx) -> error(ctx, error));
            config.routes.exception(MetricException.class, (error, ctx) -> error(ctx, ApiError.badRequest(error.getMessage(), null)));
            config.routes.exception(Exception.class, (error, ctx) -> {
                // A bug: its trace goes to the server's own console, for whoever runs it; the client gets one line.
                System.err.println("pulse serve: internal error on " + ctx.method() + " " + ctx.path() + ":");
                error.printStackTrace();
                error(ctx, new ApiError(500, "the server failed on this request; its console says why", null, List.of()));
            });
            config.routes.error(404, ctx -> error(ctx, new ApiError(404, "no such endpoint: " + ctx.method() + " " + ctx.path(), null,
                    List.of("GET /api/catalogue", "GET /api/metrics"))));
        });
        return app.start(port);
    }

    /** Security headers on every answer: no sniffing, no framing, no referrer, nothing cached, nothing loaded. */
    private void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private void authenticate(Context ctx) throws Exception {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.unauthorized();
        }
        String token = header.substring(7).trim();
        User user = verified.get(token);
        if (user == null) {
            synchronized (lock) {
                user = users.authenticate(token).orElseThrow(ApiError::unauthorized);
            }
            if (verified.size() < 10_000) {
                verified.put(token, user);
            }
        }
        ctx.attribute(USER, user);
    }

    /** The scope of a user's role: a partner's data only, with small cells withheld; everything for the team. */
    private Scope scope(User user) {
        return switch (user.role()) {
            case PARTNER -> Scope.partner(user.partnerId(), config.accessMinN());
            case ADMIN, ANALYST, VIEWER -> Scope.everything();
        };
    }

    private MetricEngine engine(User user) throws Exception {
        Scope scope = scope(user);
        MetricEngine engine = engines.get(scope);
        if (engine == null) {
            engine = new MetricEngine(database, catalogue, config, scope);
            engines.put(scope, engine);
        }
        return engine;
    }

    private void catalogue(Context ctx) {
        ArrayNode array = MAPPER.createArrayNode();
        for (MetricDefinition metric : catalogue.all()) {
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
        json(ctx, 200, array.toPrettyString() + "\n");
    }

    private void metrics(Context ctx) throws Exception {
        User user = ctx.attribute(USER);
        List<String> metrics = list(ctx, "metric");
        if (metrics.isEmpty()) {
            throw ApiError.badRequest("metric is required: one or more names of /api/catalogue, comma-separated, or all", "metric");
        }
        MetricRequest request = new MetricRequest(metrics, list(ctx, "by"), single(ctx, "period"), single(ctx, "from"), single(ctx, "to"),
                ctx.queryParams("filter"), "");
        request.range();
        String compare = single(ctx, "compare");
        Comparison.Against against = null;
        if (compare != null) {
            against = Arrays.stream(Comparison.Against.values()).filter(a -> a.name().equalsIgnoreCase(compare)).findFirst()
                    .orElseThrow(() -> new ApiError(400, "compare '" + compare + "' is not one of previous, year", "compare",
                            List.of("previous", "year")));
        }
        String key = scope(user) + "\u0000" + request + "\u0000" + against;
        String body = answers.get(key);
        if (body == null) {
            synchronized (lock) {
                body = answers.get(key);
                if (body == null) {
                    MetricEngine engine = engine(user);
                    MetricQuery query = request.resolve(engine, note -> { });
                    body = against == null ? MetricJson.values(engine.compute(query))
                            : MetricJson.compared(Comparison.compute(engine, query, against));
                    answers.put(key, body);
                }
            }
        }
        json(ctx, 200, body);
    }

    /** A comma-separated parameter, given once: its values, trimmed. */
    private static List<String> list(Context ctx, String name) {
        String value = single(ctx, name);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** A parameter that may be given once; null when absent. */
    private static String single(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiError.badRequest(name + " is given " + values.size() + " times; give it once", name);
        }
        if (!values.isEmpty() && values.get(0).length() > 2000) {
            throw ApiError.badRequest(name + " is longer than 2,000 characters", name);
        }
        return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private static void error(Context ctx, ApiError error) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", error.getMessage());
        node.put("field", error.field());
        ArrayNode valid = node.putArray("valid");
        error.valid().forEach(valid::add);
        json(ctx, error.status(), node.toPrettyString() + "\n");
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body);
    }
}
