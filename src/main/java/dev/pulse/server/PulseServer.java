package dev.pulse.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.access.User;
import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricException;
import dev.pulse.program.Answers;
import dev.pulse.program.Cases;
import dev.pulse.metrics.WithheldException;
import dev.pulse.voc.CommentAnalyzer;
import dev.pulse.voc.CommentStore;
import dev.pulse.voc.ThemeTaxonomy;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * {@code pulse serve}: the JSON API and the dashboard, on one engine. A request is someone's: an API
 * token ({@code Authorization: Bearer}) or a dashboard session (cookie); what it sees is decided by
 * that user's scope, which {@link DataAccess} gives the metric engine, where rows are read. A request
 * that changes anything with a session cookie must carry the session's CSRF token.
 */
public final class PulseServer {
    static final String USER = "pulse.user";
    static final String SESSION = "pulse.session";
    static final String SESSION_COOKIE = "pulse_session";
    private static final String ANSWERED = "pulse.answered";
    private static final Set<String> UPLOADS = Set.of("/api/imports", "/admin/import");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** Paths anyone may fetch: the login page, static files, the API's description. */
    private static final List<String> PUBLIC = List.of("/login", "/static/", "/webjars/", "/api/openapi.json", "/favicon.ico", "/s/");

    private final DataAccess data;
    private final UserStore users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final RequestThrottle requests;
    private final ApiHandlers api;
    private final Dashboard dashboard;
    private final LoginHandlers login;
    private final Documents documents;
    private final AdminHandlers admin;
    private final boolean secure;
    /**
     * Tokens already verified, and their users: cleared on any change of users or tokens, made through
     * this server (which alone writes a DuckDB file it holds) or, on PostgreSQL, by another process.
     */
    private final Map<String, User> verified = new ConcurrentHashMap<>();
    /** Computes the first visit's pages into the cache in the background (after the start and each import). */
    private final java.util.concurrent.ExecutorService warmer = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pulse-warm-cache");
        thread.setDaemon(true);
        return thread;
    });

    public PulseServer(Database database, PulseConfig config, Catalogue catalogue, UserStore users) throws java.sql.SQLException {
        this(database, config, catalogue, users, Clock.systemUTC(), false);
    }

    /** @param secure whether the server is reached over HTTPS (its cookies are then Secure) */
    public PulseServer(Database database, PulseConfig config, Catalogue catalogue, UserStore users, Clock clock, boolean secure)
            throws java.sql.SQLException {
        this(database, null, config, catalogue, users, clock, secure);
    }

    /**
     * @param readers PostgreSQL: a pool of connections to the same database, for the queries of requests
     *                that run side by side (null on DuckDB, and on PostgreSQL to answer one at a time)
     */
    public PulseServer(Database database, Database.PostgresPool readers, PulseConfig config, Catalogue catalogue, UserStore users, Clock clock,
            boolean secure) throws java.sql.SQLException {
        this.data = new DataAccess(database, readers, config, catalogue, clock);
        this.users = requireNonNull(users, "users is null");
        this.sessions = new Sessions(clock);
        this.throttle = new LoginThrottle(clock);
        this.requests = new RequestThrottle(clock, config.accessRequestsPerMinute());
        this.secure = secure;
        this.api = new ApiHandlers(data);
        this.documents = new Documents(data, users, new CommentAnalyzer(new ThemeTaxonomy(config.themes())), clock);
        TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
        this.dashboard = new Dashboard(data, api, documents, templates);
        this.login = new LoginHandlers(data, users, sessions, throttle, templates, secure);
        this.admin = new AdminHandlers(data, users, sessions, documents, templates, clock, verified::clear, this::warmLater);
        this.surveys = new SurveyPages(data, new Answers(database, config.program(), clock), templates,
                new RequestThrottle(clock, 60_000), this::answersChanged); // per address: only a flood is refused (a NAT holds many respondents)
        this.clock = clock;
        this.alerts = new dev.pulse.program.AlertDispatcher(database, config.program(), System.getenv(), clock, data.lock(),
                java.time.Duration.ofSeconds(10));
        this.cases = new CasePages(data, new Cases(database, config.program(), clock), dashboard, templates, clock, data::dataChanged);
        synchronized (data.lock()) {
            this.credentials = users.credentials();
        }
        data.onAccessChanged(this::accessChanged);
    }

    /** Each user's credentials when last looked at (see {@link UserStore#credentials}). */
    private Map<String, String> credentials;

    /**
     * Another process changed users or tokens (PostgreSQL): the verified tokens are forgotten, and the
     * sessions of a user removed, given another role or a new password end, as they do when this server
     * makes the change.
     */
    private void accessChanged() {
        verified.clear();
        try {
            Map<String, String> now;
            synchronized (data.lock()) {
                now = users.credentials();
            }
            Map<String, String> before;
            synchronized (this) {
                before = credentials;
                credentials = now;
            }
            before.forEach((email, credential) -> {
                if (!credential.equals(now.get(email))) {
                    sessions.endAllOf(email);
                }
            });
        } catch (java.sql.SQLException e) {
            System.err.println("pulse serve: could not read the users after a change (every session ends): " + e.getMessage());
            sessions.endAll();
        }
    }

    private final SurveyPages surveys;
    private final dev.pulse.program.AlertDispatcher alerts;
    /** Delivers the alerts of new cases: at once after an answer, and when a failed one is due again. */
    private final java.util.concurrent.ScheduledExecutorService alertThread = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pulse-alerts");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;
    private java.util.concurrent.ScheduledFuture<?> nextAlertPass;

    /** Plans a delivery pass after the delay, unless one is planned no later (passes run one at a time). */
    private void alertsLater(java.time.Duration delay) {
        synchronized (alertThread) {
            if (alertThread.isShutdown()) {
                return;
            }
            if (nextAlertPass != null && !nextAlertPass.isDone()
                    && nextAlertPass.getDelay(java.util.concurrent.TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                return;
            }
            if (nextAlertPass != null) {
                nextAlertPass.cancel(false);
            }
            nextAlertPass = alertThread.schedule(this::dispatchAlerts, delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private void dispatchAlerts() {
        synchronized (alertThread) {
            nextAlertPass = null; // this pass: what it plans next is not "already planned"
        }
        try {
            var pass = alerts.dispatchDue();
            if (pass.failed() + pass.gaveUp() > 0) {
                System.err.printf(java.util.Locale.ROOT, "pulse serve: alerts: %d delivered, %d failed (tried again later), %d given up%n",
                        pass.delivered(), pass.failed(), pass.gaveUp());
            }
            java.time.Instant next = alerts.nextDue();
            if (next != null) {
                java.time.Duration wait = java.time.Duration.between(clock.instant(), next);
                alertsLater(wait.isNegative() ? java.time.Duration.ZERO : wait.plusMillis(50));
            }
        } catch (Exception e) {
            System.err.println("pulse serve: could not deliver the case alerts (tried again in a minute): " + e.getMessage());
            alertsLater(java.time.Duration.ofMinutes(1));
        }
    }
    private final CasePages cases;
    /** Brings the comment analysis up to date after answers arrive, one run at a time, in the background. */
    private final java.util.concurrent.ExecutorService analyser = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pulse-analyse-answers");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicBoolean analysisQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * An answer was stored: cached answers go at once (dashboards show it on their next request); its
     * comment is analysed in the background, a burst of answers in one run, and the caches go again then.
     */
    private void answersChanged(String responseId) {
        data.dataChanged();
        alertsLater(java.time.Duration.ZERO);
        if (responseId != null) {
            toAnalyse.add(responseId);
        }
        if (analysisQueued.compareAndSet(false, true)) {
            analyser.submit(() -> {
                analysisQueued.set(false);
                java.util.Set<String> ids = new java.util.TreeSet<>();
                for (String id; (id = toAnalyse.poll()) != null; ) {
                    ids.add(id);
                }
                if (ids.isEmpty()) {
                    return;
                }
                try {
                    synchronized (data.lock()) {
                        new CommentStore(data.database(), documents.analyzer()).reanalyse(ids);
                    }
                    data.dataChanged();
                } catch (Exception e) {
                    System.err.println("pulse serve: could not analyse " + ids.size() + " new comments (tried again with the next answer,"
                            + " or at the next start): " + e.getMessage());
                    toAnalyse.addAll(ids);
                }
            });
        }
    }

    /** Answers whose comments are to be analysed, by response id. */
    private final java.util.concurrent.ConcurrentLinkedQueue<String> toAnalyse = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Starts serving on host:port (port 0: a free one); stop the returned server to end it. The comment
     * analyses are first brought up to date (nothing to do after an import, which leaves them so).
     */
    public Javalin start(String host, int port) throws java.sql.SQLException, java.io.IOException {
        return start(host, port, null);
    }

    /** @param tls the HTTPS key and certificate chain ({@link TlsKeys}), or null for plain HTTP (behind a proxy that terminates TLS) */
    public Javalin start(String host, int port, java.security.KeyStore tls) throws java.sql.SQLException, java.io.IOException {
        synchronized (data.lock()) {
            CommentStore comments = new CommentStore(data.database(), documents.analyzer());
            comments.ensureCurrent(System.err::println);
            comments.analyseMissing(); // answers stored by an earlier run that stopped before it analysed them
        }
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            if (tls != null) {
                // the one connector: HTTPS only (Javalin adds its plain HTTP connector only when none is given)
                config.jetty.addConnector((server, http) -> {
                    org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
                    ssl.setKeyStore(tls);
                    ssl.setKeyStorePassword(new String(TlsKeys.PASSWORD));
                    http.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer());
                    org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(server, ssl,
                            new org.eclipse.jetty.server.HttpConnectionFactory(http));
                    connector.setHost(host);
                    connector.setPort(port);
                    return connector;
                });
            }
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 64 * 1024;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/dev/pulse/server/static";
                files.location = Location.CLASSPATH;
            });
            config.jetty.multipartConfig.cacheDirectory(System.getProperty("java.io.tmpdir"));
            config.jetty.multipartConfig.maxFileSize(AdminHandlers.MAX_UPLOAD_BYTES, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(AdminHandlers.MAX_UPLOAD_BYTES, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
            config.routes.before(this::headers);
            config.routes.before(ctx -> {
                if (UPLOADS.contains(ctx.path())) {
                    AdminHandlers.checkUploadSize(ctx); // before anything reads the body
                }
            });
            config.routes.before(ctx -> {
                if (!ctx.path().startsWith("/static/") && !ctx.path().startsWith("/webjars/")) {
                    data.refresh(); // PostgreSQL: what other processes wrote, before anyone is let in
                }
            });
            config.routes.before(this::authenticate);
            config.routes.get("/api/openapi.json", ctx -> json(ctx, 200, OpenApi.document()));
            config.routes.get("/api/catalogue", api::catalogue);
            config.routes.get("/api/metrics", api::metrics);
            config.routes.get("/api/rows/{source}", api::rows);
            config.routes.get("/api/voc", documents::voc);
            config.routes.get("/api/drivers", api::drivers);
            config.routes.post("/api/imports", admin::importApi);
            config.routes.get("/admin", admin::adminPage);
            config.routes.post("/admin/import", admin::importPage);
            config.routes.post("/admin/users", admin::addUser);
            config.routes.post("/admin/users/remove", admin::removeUser);
            config.routes.post("/admin/tokens", admin::createToken);
            config.routes.post("/admin/tokens/revoke", admin::revokeToken);
            config.routes.get("/api/reports/{file}", documents::report);
            config.routes.get("/login", login::page);
            config.routes.post("/login", login::submit);
            config.routes.post("/logout", login::logout);
            config.routes.get("/s/{token}", surveys::show);
            config.routes.post("/s/{token}", surveys::submit);
            config.routes.get("/s/{token}/opt-out", surveys::optOutPage);
            config.routes.post("/s/{token}/opt-out", surveys::optOut);
            config.routes.get("/cases", cases::listPage);
            config.routes.get("/cases/{id}", cases::casePage);
            config.routes.post("/cases/{id}", cases::updateFromPage);
            config.routes.get("/api/cases", cases::apiList);
            config.routes.get("/api/cases/{id}", cases::apiOne);
            config.routes.post("/api/cases/{id}", cases::apiUpdate);
            dashboard.routes(config.routes);
            config.routes.exception(ApiError.class, (error, ctx) -> error(ctx, error));
            config.routes.exception(MetricException.class, (error, ctx) -> error(ctx, ApiError.badRequest(error.getMessage(), null)));
            config.routes.exception(WithheldException.class, (error, ctx) -> error(ctx, new ApiError(403, error.getMessage(), null, List.of())));
            config.routes.exception(Exception.class, (error, ctx) -> {
                // A bug: its trace goes to the server's own console, for whoever runs it; the client gets one line.
                System.err.println("pulse serve: internal error on " + ctx.method() + " " + ctx.path() + ":");
                error.printStackTrace();
                error(ctx, new ApiError(500, "the server failed on this request; its console says why", null, List.of()));
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ANSWERED) == null) { // a 404 of no route, not one of ours
                    error(ctx, new ApiError(404, "no such page or endpoint: " + ctx.method() + " " + shorten(ctx.path()), null,
                            List.of("GET /", "GET /trend", "GET /breakdown", "GET /api/openapi.json", "GET /api/catalogue", "GET /api/metrics",
                                    "GET /api/rows/{source}", "GET /api/voc", "GET /api/drivers", "GET /api/reports/{quarter}.{format}", "GET /api/cases")));
                }
            });
        });
        app.start(port);
        warmLater();
        String alertProblem = alerts.configurationProblem();
        if (alertProblem != null) {
            System.err.println("pulse serve: " + alertProblem);
        }
        alertsLater(java.time.Duration.ZERO); // what an earlier run left undelivered
        app.unsafe.events.serverStopping(() -> {
            synchronized (alertThread) {
                alertThread.shutdownNow();
            }
        });
        if (data.database().file() != null) {
            AdminSocket socket = AdminSocket.listen(data.database().file(), users,
                    dev.pulse.program.ProgramAdministration.local(data.database(), data.config().program(), clock), data.lock(), email -> {
                        if (email == null) {
                            verified.clear();
                        } else {
                            sessions.endAllOf(email);
                        }
                    }, data::dataChanged);
            app.unsafe.events.serverStopping(() -> {
                try {
                    socket.close();
                } catch (java.io.IOException e) {
                    System.err.println("pulse serve: could not remove the admin socket: " + e.getMessage());
                }
            });
        }
        return app;
    }

    private volatile java.util.concurrent.Future<?> warming = java.util.concurrent.CompletableFuture.completedFuture(null);

    /** Drops every cached answer, as a change of the data does (for a test comparing prepared and computed pages). */
    void forgetAnswers() {
        data.dataChanged();
    }

    /** Waits until the pages being prepared in the background are in the cache (for tests that count queries). */
    void awaitWarm() throws Exception {
        warming.get();
    }

    private void warmLater() {
        warming = warmer.submit(() -> {
            try {
                long start = System.nanoTime();
                dashboard.warm();
                System.err.printf(java.util.Locale.ROOT, "pulse serve: the overview is prepared (%.1f s)%n", (System.nanoTime() - start) / 1e9);
            } catch (Exception e) {
                System.err.println("pulse serve: could not prepare the overview in advance (it will be computed when asked): " + e.getMessage());
            }
        });
    }

    /**
     * Security headers on every answer: no sniffing, no framing, no referrer; scripts and styles only
     * from this server (no inline script); nothing with data in it cached.
     */
    private void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin"); // no URL of the dashboard goes to another site
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        } else {
            ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        }
        boolean asset = ctx.path().startsWith("/static/") || ctx.path().startsWith("/webjars/");
        ctx.header("Cache-Control", asset ? "public, max-age=3600" : "no-store");
        if (secure) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    /**
     * Who is asking: an API token or a session. API paths without either are refused (401); pages send
     * the browser to the login page. A state-changing request with a session must carry its CSRF token.
     */
    private void authenticate(Context ctx) throws Exception {
        String path = ctx.path();
        if (PUBLIC.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p))) {
            return;
        }
        boolean apiPath = path.startsWith("/api/");
        String header = ctx.header("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiError.unauthorized();
            }
            User user = tokenUser(header.substring(7).trim()).orElseThrow(ApiError::unauthorized);
            ctx.attribute(USER, user);
            throttle(user);
            return;
        }
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            if (apiPath || !SAFE_METHODS.contains(ctx.method().name())) {
                throw ApiError.unauthorized();
            }
            ctx.redirect("/login" + (path.equals("/") ? "" : "?next=" + java.net.URLEncoder.encode(pathAndQuery(ctx), StandardCharsets.UTF_8)));
            ctx.skipRemainingHandlers();
            return;
        }
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            requireCsrf(ctx, session.get());
        }
        ctx.attribute(SESSION, session.get());
        ctx.attribute(USER, session.get().user());
        throttle(session.get().user());
    }

    private void throttle(User user) {
        requests.take(user.email()).ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ApiError(429, "too many requests: try again in " + seconds + " s (access.requests_per_minute in pulse.yaml sets how many)",
                    null, List.of(), seconds);
        });
    }

    private Optional<User> tokenUser(String token) throws Exception {
        User user = verified.get(token);
        if (user != null) {
            return Optional.of(user);
        }
        Optional<User> found;
        synchronized (data.lock()) {
            found = users.authenticate(token);
        }
        found.ifPresent(u -> {
            if (verified.size() < 10_000) {
                verified.put(token, u);
            }
        });
        return found;
    }

    /** The session's CSRF token, from the X-CSRF-Token header or the form's _csrf field; and no other site's Origin. */
    private static void requireCsrf(Context ctx, Sessions.Session session) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        // "null": a browser that hides the origin (a privacy setting); the token below still has to match
        if (origin != null && host != null && !origin.equals("null") && !origin.equals("http://" + host) && !origin.equals("https://" + host)) {
            throw new ApiError(403, "this request comes from another site", null, List.of());
        }
        String sent = ctx.header("X-CSRF-Token");
        if (sent == null && ctx.contentType() != null && (ctx.contentType().startsWith("application/x-www-form-urlencoded")
                || ctx.contentType().startsWith("multipart/form-data"))) {
            sent = ctx.formParam("_csrf");
        }
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), session.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(403, "missing or wrong CSRF token: reload the page and try again", "_csrf", List.of());
        }
    }

    /** The user who made this request (set by {@link #authenticate}). */
    static User user(Context ctx) {
        User user = ctx.attribute(USER);
        if (user == null) {
            throw ApiError.unauthorized();
        }
        return user;
    }

    static String pathAndQuery(Context ctx) {
        return ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    }

    /** A user's text quoted back in a message: at most 80 characters. */
    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Marks a response as the page's own, so that a 404 it chose (an unknown survey link) is not replaced by the no-route page. */
    static void answered(Context ctx) {
        ctx.attribute(ANSWERED, true);
    }

    private void error(Context ctx, ApiError error) {
        answered(ctx);
        if (error.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        if (!ctx.path().startsWith("/api/") && error.status() != 401) {
            dashboard.error(ctx, error);
            return;
        }
        ObjectNode node = ApiHandlers.MAPPER.createObjectNode();
        node.put("error", error.getMessage());
        node.put("field", error.field());
        ArrayNode valid = node.putArray("valid");
        error.valid().forEach(valid::add);
        json(ctx, error.status(), node.toPrettyString() + "\n");
    }

    static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body);
    }
}
