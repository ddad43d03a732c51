package dev.pulse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.access.PasswordHasher;
import dev.pulse.access.Role;
import dev.pulse.access.UserStore;
import dev.pulse.cli.PulseCommand;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.ingest.PostgresStaging;
import dev.pulse.metrics.Catalogue;
import dev.pulse.metrics.MetricEngine;
import dev.pulse.metrics.MetricJson;
import dev.pulse.metrics.MetricQuery;
import dev.pulse.metrics.MetricRequest;
import dev.pulse.metrics.Scope;
import dev.pulse.testing.SameJson;
import dev.pulse.testing.TestingClock;
import dev.pulse.testing.TestingFolder;
import dev.pulse.testing.TestingPostgres;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17: pulse serve on PostgreSQL. The API answers as the engine does on DuckDB, for the team and for
 * a partner; requests run side by side on the readers' pool; what another process writes (a user's
 * token revoked, a user removed, a ticket stored) is seen at the next request; an import that would put
 * back an older copy of data another writer changed meanwhile stores nothing.
 */
class TestServerOnPostgres {
    @TempDir
    static Path temp;
    static String url;
    static Database duck;
    static Database pg;
    static Database.PostgresPool pool;
    static PulseConfig config;
    static Javalin app;
    static UserStore users;
    static String analystToken;
    static String partnerToken;
    static String adminToken;
    static String partner;
    static TestingFolder folder;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        folder = new TestingFolder(temp);
        new DemoDataGenerator(GeneratorOptions.standard(0.02)).generate(folder.data());
        config = PulseConfig.defaults();
        Path duckFile = temp.resolve("cx.duckdb");
        assertThat(cli("import", folder.data().toString(), "--db", duckFile.toString())).isZero(); // comments analysed, as on PostgreSQL
        duck = Database.openDuckDb(duckFile, null);
        url = TestingPostgres.get().newDatabase();
        assertThat(cli("import", folder.data().toString(), "--db", url)).isZero();
        Files.deleteIfExists(Path.of(url.replaceFirst("^.*/", "") + ".quarantine.csv"));
        pg = TestingPostgres.get().open(url);
        pool = Database.openPostgresPool(url, 3);
        partner = (String) pg.query(Sql.of("SELECT partner_id FROM accounts WHERE partner_id IS NOT NULL"
                + " GROUP BY partner_id ORDER BY count(*) DESC, partner_id LIMIT 1")).get(0).get("partner_id");
        users = new UserStore(pg, new PasswordHasher(), TestingClock.CLOCK);
        users.add("test", "ana@example.com", Role.ANALYST, null, "a long enough password");
        users.add("test", "socio@example.com", Role.PARTNER, partner, "a long enough password");
        users.add("test", "admin@example.com", Role.ADMIN, null, "a long enough password");
        analystToken = users.createToken("test", "ana@example.com", "test");
        partnerToken = users.createToken("test", "socio@example.com", "test");
        adminToken = users.createToken("test", "admin@example.com", "test");
        PulseServer server = new PulseServer(pg, pool, config, Catalogue.standard(), users, TestingClock.CLOCK, false);
        app = server.start("127.0.0.1", 0);
        server.awaitWarm();
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        pool.close();
        pg.close();
        duck.close();
    }

    /** Runs the command line as a user would (its output is not needed here). */
    private static int cli(String... args) {
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return PulseCommand.commandLine(TestingClock.CLOCK).execute(args);
        } finally {
            System.setOut(out);
        }
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What pulse metrics --format json gives on the DuckDB file of the same data. */
    private static String onDuckDb(Scope scope, String metrics, String by) throws Exception {
        MetricEngine engine = new MetricEngine(duck, Catalogue.standard(), config, scope);
        MetricQuery query = new MetricRequest(Arrays.asList(metrics.split(",")), by.isEmpty() ? List.of() : Arrays.asList(by.split(",")), null,
                null, null, List.of(), "--").resolve(engine, note -> { });
        return MetricJson.values(engine.compute(query));
    }

    @Test
    void theApiOnPostgreSqlAnswersAsTheEngineDoesOnDuckDbSideBySide() throws Exception {
        String[][] requests = {{"all", "quarter"}, {"all", "quarter,segment"}, {"customer_nps,csat,fcr", "channel"}, {"sla_response", "priority"},
                {"csat,ces", "month"}, {"tickets,aht", "quarter,channel"}};
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String[] request : requests) {
                answers.add(clients.submit(() -> get("/api/metrics?metric=" + request[0] + "&by=" + request[1], analystToken)));
            }
            for (int i = 0; i < requests.length; i++) {
                HttpResponse<String> response = answers.get(i).get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                SameJson.within1e9(response.body(), onDuckDb(Scope.everything(), requests[i][0], requests[i][1]));
            }
        } finally {
            clients.shutdownNow();
        }
        HttpResponse<String> partners = get("/api/metrics?metric=customer_nps,csat,tickets&by=quarter", partnerToken);
        assertThat(partners.statusCode()).as(partners.body()).isEqualTo(200);
        SameJson.within1e9(partners.body(), onDuckDb(Scope.partner(partner, config.accessMinN()), "customer_nps,csat,tickets", "quarter"));
        String cell = "/api/rows/tickets?metric=tickets&group=quarter:2024-Q4&limit=1000";
        HttpResponse<String> rows = get(cell, partnerToken);
        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
        java.util.Set<String> mine = new java.util.HashSet<>();
        duck.query(Sql.of("SELECT account_id FROM accounts WHERE partner_id = ? OR account_id = ?", partner, partner))
                .forEach(r -> mine.add(r.get("account_id").toString()));
        var page = new ObjectMapper().readTree(rows.body());
        assertThat(page.get("total").asLong()).isPositive()
                .isLessThan(new ObjectMapper().readTree(get(cell, analystToken).body()).get("total").asLong());
        page.get("rows").forEach(r -> assertThat(mine).as("a partner's rows: its customers' only").contains(r.get("account_id").asText()));
    }

    @Test
    void whatAnotherProcessWritesIsSeenAtTheNextRequest() throws Exception {
        String path = "/api/metrics?metric=tickets&by=";
        long before = new ObjectMapper().readTree(get(path, analystToken).body()).get(0).get("value").asLong();
        get(path, analystToken); // cached now
        try (Database other = Database.openPostgres(url)) { // as another server or a psql session would
            other.execute("CREATE TEMP TABLE one AS SELECT * FROM tickets LIMIT 1");
            other.execute("UPDATE one SET ticket_id = 'T-FROM-ELSEWHERE'");
            other.execute("INSERT INTO tickets SELECT * FROM one");
        }
        try {
            long after = new ObjectMapper().readTree(get(path, analystToken).body()).get(0).get("value").asLong();
            assertThat(after).as("the cached answer is not served after the change").isEqualTo(before + 1);
        } finally {
            try (Database other = Database.openPostgres(url)) {
                other.execute("DELETE FROM tickets WHERE ticket_id = 'T-FROM-ELSEWHERE'");
            }
        }

        // a token revoked and a user removed by another process are refused at once, though verified before
        String doomed = users.createToken("test", "ana@example.com", "doomed");
        users.add("test", "leaving@example.com", Role.ANALYST, null, "a long enough password");
        String leaving = users.createToken("test", "leaving@example.com", "test");
        assertThat(get("/api/catalogue", doomed).statusCode()).isEqualTo(200);
        assertThat(get("/api/catalogue", leaving).statusCode()).isEqualTo(200);
        try (Database other = Database.openPostgres(url)) {
            UserStore elsewhere = new UserStore(other, new PasswordHasher(), TestingClock.CLOCK);
            String id = elsewhere.tokens().stream().filter(t -> t.name().equals("doomed")).findFirst().orElseThrow().id();
            elsewhere.revokeToken("test", id);
            elsewhere.remove("test", "leaving@example.com");
        }
        assertThat(get("/api/catalogue", doomed).statusCode()).isEqualTo(401);
        assertThat(get("/api/catalogue", leaving).statusCode()).isEqualTo(401);
        assertThat(get("/api/catalogue", analystToken).statusCode()).isEqualTo(200);
    }

    /** Logs in as a browser does (the form's token and cookie, then the post); the session cookie's value. */
    private static String logIn(String email) throws Exception {
        String base = "http://127.0.0.1:" + app.port();
        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String form = "_csrf=" + csrf.group(1) + "&email=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode("a long enough password", StandardCharsets.UTF_8) + "&next=%2F";
        HttpResponse<String> login = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "pulse_login=" + cookie(page, "pulse_login"))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        return cookie(login, "pulse_session");
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .map(h -> h.substring(name.length() + 1, h.indexOf(';'))).orElseThrow();
    }

    private static int overview(String session) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/")).header("Cookie", "pulse_session=" + session)
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aSessionEndsWhenAnotherProcessGivesItsUserANewPasswordOrRemovesIt() throws Exception {
        for (String email : List.of("bea@example.com", "cleo@example.com", "dan@example.com")) {
            users.add("test", email, Role.ANALYST, null, "a long enough password");
        }
        String bea = logIn("bea@example.com");
        String cleo = logIn("cleo@example.com");
        String dan = logIn("dan@example.com");
        assertThat(List.of(overview(bea), overview(cleo), overview(dan))).containsOnly(200);
        try (Database other = Database.openPostgres(url)) { // the command line, while the server runs
            UserStore elsewhere = new UserStore(other, new PasswordHasher(), TestingClock.CLOCK);
            elsewhere.setPassword("cli", "bea@example.com", "another long enough password");
            elsewhere.remove("cli", "dan@example.com");
        }
        assertThat(overview(bea)).as("a new password ends the sessions of the old one").isEqualTo(302);
        assertThat(overview(dan)).as("a removed user's session ends").isEqualTo(302);
        assertThat(overview(cleo)).as("another user's session goes on").isEqualTo(200);
        assertThat(overview(bea)).as("and stays ended").isEqualTo(302);
    }

    @Test
    void anImportStoresNothingWhenAnotherWriterChangedTheDataMeanwhile() throws Exception {
        try (Database importer = Database.openPostgres(url);
             PostgresStaging staging = PostgresStaging.begin(importer, config.memoryLimit(), true)) {
            try (Database other = Database.openPostgres(url)) { // an answer arrives through a server meanwhile
                other.execute("UPDATE cases SET owner = owner WHERE false"); // a statement that writes nothing still counts
                other.execute("CREATE TEMP TABLE one AS SELECT * FROM surveys LIMIT 1");
                other.execute("UPDATE one SET response_id = 'R-MEANWHILE'");
                other.execute("INSERT INTO surveys SELECT * FROM one");
            }
            assertThatThrownBy(() -> staging.store(config.memoryLimit())).isInstanceOf(PostgresStaging.ChangedMeanwhile.class);
        }
        try (Database check = Database.openPostgres(url)) {
            assertThat(check.queryLong(Sql.of("SELECT count(*) FROM surveys WHERE response_id = 'R-MEANWHILE'")))
                    .as("the answer stored meanwhile is still there").isEqualTo(1);
            check.execute("DELETE FROM surveys WHERE response_id = 'R-MEANWHILE'");
        }
    }

    @Test
    void theServerWritesAgainAfterPostgreSqlEndedItsConnection() throws Exception {
        HttpResponse<String> before = get("/api/cases", adminToken);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        long pid = pg.queryLong(Sql.of("SELECT pg_backend_pid()"));
        try (Database admin = Database.openPostgres(url)) { // as a restart of PostgreSQL, or an administrator, would
            admin.query(Sql.of("SELECT pg_terminate_backend(CAST(? AS INTEGER))", pid));
        }
        // the request that meets the ended connection fails (its statement is not retried: it may have been a write);
        // the next ones are answered on a new connection
        get("/api/cases", adminToken);
        HttpResponse<String> after = get("/api/cases", adminToken);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(pg.queryLong(Sql.of("SELECT pg_backend_pid()"))).isNotEqualTo(pid);
        users.audit("test", "a write", "on the new connection"); // and writes go through
    }

    @Test
    void aCasesHistoryReadsOnPostgreSql() throws Exception {
        // DuckDB's rowid broke the case page on PostgreSQL: the tiebreak of events at the same instant is the dialect's
        assertThat(new dev.pulse.program.Cases(pg, config.program(), TestingClock.CLOCK).history("C-none")).isEmpty();
    }

    @Test
    void anAdminUploadsFilesToTheServerOnPostgreSql() throws Exception {
        String accounts = "account_id,name,type,segment,tier,partner_id,region,started_at,ended_at,owner\n"
                + "CUPLOAD1,Uploaded Ltda,customer,SMB,,,Metropolitana,2023-01-01,,Ana\n";
        String boundary = "pulse42";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"accounts.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + accounts + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/imports"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).get("files").get(0).get("loaded").asLong()).isEqualTo(1);
        try (Database check = Database.openPostgres(url)) {
            assertThat(check.queryLong(Sql.of("SELECT count(*) FROM accounts WHERE account_id = 'CUPLOAD1'"))).isEqualTo(1);
            assertThat(check.queryLong(Sql.of("SELECT count(*) FROM pulse_users"))).as("users never travel with an import").isPositive();
            check.execute("DELETE FROM accounts WHERE account_id = 'CUPLOAD1'");
        } finally {
            Files.deleteIfExists(Path.of(url.replaceFirst("^.*/", "") + ".quarantine.csv"));
        }
    }
}
