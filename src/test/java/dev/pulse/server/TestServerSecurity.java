package dev.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.access.PasswordHasher;
import dev.pulse.access.Role;
import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.metrics.Catalogue;
import dev.pulse.testing.MovableClock;
import dev.pulse.testing.TestingFolder;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as an attacker meets it: forged, expired and fixed sessions, a missing or wrong CSRF
 * token, a foreign origin, brute-forced logins, open redirects, and a partner reaching for another
 * partner's rows through every parameter of the drill-through.
 */
class TestServerSecurity {
    private static final String PASSWORD = "a long enough password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path temp;
    static Database database;
    static Javalin app;
    static MovableClock clock = new MovableClock();
    static String partner;
    static String otherPartner;
    static String partnerToken;
    static String viewerToken;
    static String analystToken;
    static String adminToken;
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        new DemoDataGenerator(GeneratorOptions.standard(0.03)).generate(folder.data());
        database = folder.open();
        folder.importInto(database, PulseConfig.defaults());
        List<Object> partners = database.query(dev.pulse.engine.Sql.of("SELECT partner_id FROM accounts WHERE partner_id IS NOT NULL"
                + " GROUP BY partner_id ORDER BY count(*) DESC, partner_id LIMIT 2")).stream().map(r -> r.get("partner_id")).toList();
        partner = partners.get(0).toString();
        otherPartner = partners.get(1).toString();
        UserStore users = new UserStore(database, new PasswordHasher(), clock);
        for (String name : List.of("ana", "bea", "carl", "dora", "eve")) {
            users.add("test", name + "@example.com", Role.ANALYST, null, PASSWORD);
        }
        users.add("test", "socio@example.com", Role.PARTNER, partner, PASSWORD);
        users.add("test", "vera@example.com", Role.VIEWER, null, PASSWORD);
        users.add("test", "root@example.com", Role.ADMIN, null, PASSWORD);
        users.add("test", "gone@example.com", Role.ANALYST, null, PASSWORD);
        adminToken = users.createToken("test", "root@example.com", "test");
        partnerToken = users.createToken("test", "socio@example.com", "test");
        viewerToken = users.createToken("test", "vera@example.com", "test");
        analystToken = users.createToken("test", "ana@example.com", "test");
        app = new PulseServer(database, PulseConfig.defaults(), Catalogue.standard(), users, clock, false).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        database.close();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static HttpResponse<String> get(String path, String cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> token(String path, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String cookies, String form, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                return header.substring(name.length() + 1, header.indexOf(';'));
            }
        }
        return null;
    }

    private static String form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(i == 0 ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /** A login attempt as a browser makes it: the form, its token and cookie, then the post. */
    private static HttpResponse<String> attempt(String email, String password, String sessionCookie, String address) throws Exception {
        HttpResponse<String> page = get("/login", null);
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        String cookies = "pulse_login=" + cookie(page, "pulse_login") + (sessionCookie == null ? "" : "; pulse_session=" + sessionCookie);
        return address == null ? post("/login", cookies, form("_csrf", m.group(1), "email", email, "password", password, "next", "/"))
                : post("/login", cookies, form("_csrf", m.group(1), "email", email, "password", password), "X-Test-Address", address);
    }

    /** Logs in; returns the session cookie's value. */
    private static String logIn(String email) throws Exception {
        HttpResponse<String> response = attempt(email, PASSWORD, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return cookie(response, "pulse_session");
    }

    private static String csrf(String session) throws Exception {
        Matcher m = CSRF.matcher(get("/", "pulse_session=" + session).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void sessionCookiesAreHttpOnlySameSiteAndServerSideAndAForgedOneIsNothing() throws Exception {
        HttpResponse<String> login = attempt("bea@example.com", PASSWORD, null, null);
        String header = login.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("pulse_session=")).findFirst().orElseThrow();
        assertThat(header).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Max-Age");
        String session = cookie(login, "pulse_session");
        assertThat(session).hasSize(43);
        assertThat(get("/", "pulse_session=" + session).statusCode()).isEqualTo(200);
        for (String forged : new String[]{"x", session.substring(0, 42) + (session.charAt(42) == 'A' ? 'B' : 'A'), "A".repeat(43), session + "A"}) {
            HttpResponse<String> page = get("/", "pulse_session=" + forged);
            assertThat(page.statusCode()).as(forged).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValue("/login");
            assertThat(get("/api/metrics?metric=nps", "pulse_session=" + forged).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void sessionsExpireWhenIdleAndAfterTheirAbsoluteLifetime() throws Exception {
        String idle = logIn("carl@example.com");
        clock.advance(Sessions.IDLE.plusSeconds(1));
        assertThat(get("/api/metrics?metric=nps", "pulse_session=" + idle).statusCode()).isEqualTo(401);
        String busy = logIn("carl@example.com");
        for (Duration used = Duration.ZERO; used.compareTo(Sessions.ABSOLUTE) < 0; used = used.plus(Duration.ofMinutes(20))) {
            assertThat(get("/api/metrics?metric=nps", "pulse_session=" + busy).statusCode()).as("after " + used).isEqualTo(200);
            clock.advance(Duration.ofMinutes(20));
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(get("/api/metrics?metric=nps", "pulse_session=" + busy).statusCode()).as("past 12 h").isEqualTo(401);
    }

    @Test
    void aLoginGetsANewSessionAndALogoutEndsIt() throws Exception {
        String first = logIn("dora@example.com");
        HttpResponse<String> again = attempt("dora@example.com", PASSWORD, first, null);
        String second = cookie(again, "pulse_session");
        assertThat(second).isNotEqualTo(first);
        assertThat(get("/", "pulse_session=" + first).statusCode()).as("the session a login replaces ends").isEqualTo(302);
        String token = csrf(second);
        assertThat(post("/logout", "pulse_session=" + second, form("_csrf", token)).statusCode()).isEqualTo(302);
        assertThat(get("/", "pulse_session=" + second).statusCode()).isEqualTo(302);
        assertThat(get("/api/catalogue", "pulse_session=" + second).statusCode()).isEqualTo(401);
    }

    @Test
    void aStateChangingRequestWithTheSessionCookieNeedsItsCsrfTokenAndThisSitesOrigin() throws Exception {
        String session = logIn("eve@example.com");
        String token = csrf(session);
        String cookies = "pulse_session=" + session;
        assertThat(post("/logout", cookies, "").statusCode()).as("no token").isEqualTo(403);
        assertThat(post("/logout", cookies, form("_csrf", token + "x")).statusCode()).as("a wrong token").isEqualTo(403);
        assertThat(post("/logout", cookies, form("_csrf", csrf(logIn("bea@example.com")))).statusCode()).as("another session's token")
                .isEqualTo(403);
        assertThat(post("/logout", cookies, form("_csrf", token), "Origin", "https://evil.example").statusCode()).as("another site")
                .isEqualTo(403);
        assertThat(get("/", cookies).statusCode()).as("still logged in after every refusal").isEqualTo(200);
        assertThat(post("/logout", cookies, "", "X-CSRF-Token", token).statusCode()).as("the header form").isEqualTo(302);
        // the login form itself: no token, or one without its cookie, is refused
        assertThat(post("/login", null, form("email", "ana@example.com", "password", PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(post("/login", "pulse_login=abc", form("_csrf", "abd", "email", "ana@example.com", "password", PASSWORD)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void bruteForcingALoginIsSlowedPerAccountAndTheMessageNeverSaysWhetherTheAccountExists() throws Exception {
        HttpResponse<String> unknown = attempt("nobody@example.com", "wrong password", null, null);
        HttpResponse<String> wrong = attempt("socio@example.com", "wrong password", null, null);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(message(unknown)).isEqualTo(message(wrong)).isEqualTo("The e-mail or the password is wrong.");
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(attempt("socio@example.com", "guess " + i, null, null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = attempt("socio@example.com", PASSWORD, null, null);
        assertThat(blocked.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(attempt("socio@example.com", "guess 6", null, null).statusCode()).isEqualTo(401);
        assertThat(attempt("socio@example.com", PASSWORD, null, null).statusCode()).as("the delay doubled to 2 s").isEqualTo(429);
        clock.advance(Duration.ofSeconds(3));
        assertThat(attempt("socio@example.com", PASSWORD, null, null).statusCode()).isEqualTo(302);
        assertThat(attempt("socio@example.com", "wrong again", null, null).statusCode()).as("a success clears the count").isEqualTo(401);
    }

    private static String message(HttpResponse<String> page) {
        Matcher m = Pattern.compile("role=\"alert\">([^<]+)<").matcher(page.body());
        return m.find() ? m.group(1) : null;
    }

    @Test
    void oneAddressTryingManyAccountsIsSlowedToo() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES; i++) {
            assertThat(throttle.wait("user" + i + "@example.com", "203.0.113.9")).as("attempt " + i).isEmpty();
            throttle.failed("user" + i + "@example.com", "203.0.113.9");
        }
        assertThat(throttle.wait("someone.new@example.com", "203.0.113.9")).isPresent();
        assertThat(throttle.wait("someone.new@example.com", "198.51.100.7")).as("another address").isEmpty();
        throttle.succeeded("user1@example.com");
        assertThat(throttle.wait("someone.new@example.com", "203.0.113.9")).as("a success of one account clears no address").isPresent();
        clock.advance(LoginThrottle.FORGOTTEN_AFTER.plus(LoginThrottle.MAX_DELAY));
        assertThat(throttle.wait("someone.new@example.com", "203.0.113.9")).isEmpty();
    }

    @Test
    void aUsersRequestsAreLimitedToItsAllowanceAMinute() {
        RequestThrottle requests = new RequestThrottle(clock, 60); // a burst of 6, then one a second
        for (int i = 0; i < 6; i++) {
            assertThat(requests.take("ana@example.com")).as("request " + i).isEmpty();
        }
        assertThat(requests.take("ana@example.com")).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofMillis(1),
                Duration.ofSeconds(1)));
        assertThat(requests.take("bea@example.com")).as("another user's allowance").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(requests.take("ana@example.com")).isEmpty();
        assertThat(requests.take("ana@example.com")).isPresent();
        RequestThrottle unlimited = new RequestThrottle(clock, 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(unlimited.take("ana@example.com")).isEmpty();
        }
    }

    @Test
    void afterLoginOnlyAPathOfThisSiteIsFollowed() {
        assertThat(LoginHandlers.safeNext("/breakdown?metric=fcr")).isEqualTo("/breakdown?metric=fcr");
        for (String hostile : new String[]{"//evil.example/", "https://evil.example/", "/\\evil.example", "/\r\nSet-Cookie: x=y", "javascript:alert(1)"}) {
            assertThat(LoginHandlers.safeNext(hostile)).as(hostile).isEqualTo("/");
        }
    }

    @Test
    void aPartnerReachesNoOtherPartnersRowsThroughAnyParameter() throws Exception {
        String cell = "/api/rows/tickets?metric=tickets&group=quarter:2024-Q4";
        JsonNode own = JSON.readTree(token(cell, partnerToken).body());
        assertThat(own.get("total").asLong()).isPositive();
        java.util.Set<String> mine = new java.util.HashSet<>();
        database.query(dev.pulse.engine.Sql.of("SELECT account_id FROM accounts WHERE partner_id = ? OR account_id = ?", partner, partner))
                .forEach(r -> mine.add(r.get("account_id").toString()));
        for (String path : new String[]{
                "/api/rows/tickets?metric=tickets&group=partner_id:" + otherPartner,
                "/api/rows/tickets?metric=tickets&group=quarter:2024-Q4&filter=partner_id:" + otherPartner,
                "/api/rows/tickets?metric=tickets&group=quarter:2024-Q4&group=partner_id:" + otherPartner}) {
            HttpResponse<String> response = token(path, partnerToken);
            assertThat(response.statusCode()).as(path + " " + response.body()).isIn(200, 403);
            if (response.statusCode() == 200) {
                assertThat(JSON.readTree(response.body()).get("total").asLong()).as(path).isZero();
            }
        }
        // a cursor, however made, pages through the partner's rows only
        for (long offset : new long[]{0, 50, own.get("total").asLong() - 1, 1_000_000}) {
            JsonNode page = JSON.readTree(token(cell + "&limit=1000&cursor=" + ApiHandlers.cursor(offset), partnerToken).body());
            page.get("rows").forEach(r -> assertThat(mine).contains(r.get("account_id").asText()));
        }
        for (String cursor : new String[]{"o-1", "x", "bzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI", ApiHandlers.cursor(-5)}) {
            assertThat(token(cell + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8), partnerToken).statusCode()).as(cursor)
                    .isEqualTo(400);
        }
        // no rows without a shown value, none of the team's tables, no contact e-mail
        assertThat(token("/api/rows/tickets", partnerToken).statusCode()).isEqualTo(403);
        assertThat(token("/api/rows/qa_reviews?metric=qa_score", partnerToken).statusCode()).isIn(200, 403);
        JsonNode answers = JSON.readTree(token("/api/rows/responses?metric=customer_nps&group=year:2024", partnerToken).body());
        assertThat(answers.get("columns").toString()).doesNotContain("contact_email");
        assertThat(answers.toString()).doesNotContain("@");
        // a viewer sees no row at all
        assertThat(token(cell, viewerToken).statusCode()).isEqualTo(403);
    }

    @Test
    void sqlAndPathFragmentsInEveryDrillThroughParameterAreRefusedOrMatchNothing() throws Exception {
        String[] hostile = {"x' OR '1'='1", "1; DROP TABLE tickets; --", "../../etc/passwd", "%00", "ticket_id) UNION SELECT * FROM pulse_users --"};
        String[] parameters = {"metric", "group", "period", "from", "to", "filter", "sort", "order", "limit", "cursor", "format"};
        for (String parameter : parameters) {
            for (String value : hostile) {
                String path = "/api/rows/tickets?metric=tickets&" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                if (parameter.equals("metric")) {
                    path = "/api/rows/tickets?metric=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                }
                HttpResponse<String> response = token(path, analystToken);
                assertThat(response.statusCode()).as(path).isIn(200, 400, 404);
                // a message may quote the value back (shortened); nothing else of SQL, code or stored data
                assertThat(response.body().replace(value, "").replace(value.substring(0, Math.min(value.length(), 77)), "")).as(path).doesNotContain("SELECT").doesNotContain("Exception").doesNotContain("dev.pulse")
                        .doesNotContain("password_hash");
                if (response.statusCode() == 200 && (parameter.equals("group") || parameter.equals("filter"))) {
                    assertThat(JSON.readTree(response.body()).get("total").asLong()).as(path).isZero();
                }
            }
        }
        for (String source : new String[]{"..%2Faccounts", "pulse_users", "tickets%3B", "quarantine"}) {
            assertThat(token("/api/rows/" + source, analystToken).statusCode()).as(source).isEqualTo(404);
        }
        assertThat(database.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM tickets"))).isPositive();
    }

    /** A multipart/form-data body of files (name, content). */
    private static HttpRequest.BodyPublisher multipart(String boundary, String... files) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < files.length; i += 2) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"files\"; filename=\"").append(files[i])
                    .append("\"\r\nContent-Type: text/csv\r\n\r\n").append(files[i + 1]).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }

    private static HttpResponse<String> upload(String token, String... files) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/imports")).header("Content-Type", "multipart/form-data; boundary=pulse42")
                .POST(multipart("pulse42", files));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminImportsThroughTheApiWithTheSameQuarantineAndTheAnswersFollowTheNewData() throws Exception {
        String accounts = "account_id,name,type,segment,tier,partner_id,region,started_at,ended_at,owner\n"
                + "CUPLOAD1,Uploaded Ltda,customer,SMB,,,Metropolitana,2023-01-01,,Ana\n";
        String tickets = "ticket_id,account_id,created_at,channel,priority,category,product,journey,first_response_at,resolved_at,contacts,"
                + "reopens,escalated,agent_id,handle_seconds,response_due_at,resolution_due_at\n"
                + "TUP0001,CUPLOAD1,2024-11-05T10:00:00-03:00,email,P3,Billing,SIP Trunking,billing,2024-11-05T11:00:00-03:00,,1,0,false,A001,600,,\n"
                + "TUP0002,CUPLOAD1,not a time,email,P3,Billing,SIP Trunking,billing,,,1,0,false,A001,600,,\n";
        String before = token("/api/rows/tickets?metric=tickets&group=segment:SMB&limit=1", analystToken).body();
        assertThat(upload(analystToken, "accounts.csv", accounts).statusCode()).as("an analyst").isEqualTo(403);
        assertThat(upload(partnerToken, "accounts.csv", accounts).statusCode()).as("a partner").isEqualTo(403);
        assertThat(upload(null, "accounts.csv", accounts).statusCode()).as("nobody").isEqualTo(401);
        HttpResponse<String> response = upload(adminToken, "accounts.csv", accounts, "tickets.csv", tickets, "../../notes.txt", "x");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode summary = JSON.readTree(response.body());
        JsonNode ticketFile = null;
        for (JsonNode file : summary.get("files")) {
            if (file.get("file").asText().equals("tickets.csv")) {
                ticketFile = file;
            }
        }
        assertThat(ticketFile).isNotNull();
        assertThat(ticketFile.get("read").asLong()).isEqualTo(2);
        assertThat(ticketFile.get("loaded").asLong()).isEqualTo(1);
        assertThat(ticketFile.get("quarantined").asLong()).isEqualTo(1);
        assertThat(summary.get("ignored_files").toString()).contains("notes.txt");
        assertThat(token("/api/rows/tickets?metric=tickets&group=segment:SMB&limit=1", analystToken).body()).as("the cache follows the data")
                .isNotEqualTo(before);
        assertThat(JSON.readTree(token("/api/rows/tickets?filter=segment:SMB&sort=ticket_id&order=desc&limit=1&period=2024-11", analystToken)
                .body()).toString()).contains("TUP0001");
        assertThat(database.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM pulse_audit WHERE action = 'import'"))).isPositive();
        // the same import again changes nothing
        HttpResponse<String> again = upload(adminToken, "accounts.csv", accounts, "tickets.csv", tickets);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(database.queryLong(dev.pulse.engine.Sql.of("SELECT count(*) FROM tickets WHERE ticket_id = 'TUP0001'"))).isEqualTo(1);
        // without accounts.csv, the importer's own message, as a 400
        HttpResponse<String> missing = upload(adminToken, "tickets.csv", tickets);
        assertThat(missing.statusCode()).as(missing.body()).isIn(200, 400);
        assertThat(missing.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anOversizedUploadIsRefusedWith413BeforeItIsRead() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            String head = "POST /api/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + adminToken
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + (AdminHandlers.MAX_UPLOAD_BYTES + 1)
                    + "\r\n\r\n--x\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void anImportWithTheSessionCookieNeedsTheCsrfTokenAndRemovingAUserEndsItsSessionsAndTokens() throws Exception {
        String root = logIn("root@example.com");
        HttpResponse<String> forged = CLIENT.send(HttpRequest.newBuilder(uri("/admin/import")).header("Cookie", "pulse_session=" + root)
                .header("Content-Type", "multipart/form-data; boundary=pulse42").POST(multipart("pulse42", "accounts.csv", "account_id\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        String gone = logIn("gone@example.com");
        String goneToken;
        HttpResponse<String> created = post("/admin/tokens", "pulse_session=" + root, form("_csrf", csrf(root), "email", "gone@example.com",
                "name", "etl"));
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile("shown this once: (pulse_[A-Za-z0-9_-]+)").matcher(created.body());
        assertThat(token.find()).as(created.body()).isTrue();
        goneToken = token.group(1);
        assertThat(token("/api/catalogue", goneToken).statusCode()).isEqualTo(200);
        assertThat(get("/", "pulse_session=" + gone).statusCode()).isEqualTo(200);
        assertThat(post("/admin/users/remove", "pulse_session=" + gone, form("_csrf", csrf(gone), "email", "bea@example.com")).statusCode())
                .as("an analyst removes nobody").isEqualTo(403);
        HttpResponse<String> removed = post("/admin/users/remove", "pulse_session=" + root, form("_csrf", csrf(root), "email", "gone@example.com"));
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(get("/", "pulse_session=" + gone).statusCode()).as("the removed user's session").isEqualTo(302);
        assertThat(token("/api/catalogue", goneToken).statusCode()).as("the removed user's token").isEqualTo(401);
        assertThat(get("/admin", "pulse_session=" + root).body()).contains("removed").doesNotContain("password_hash");
    }

    @Test
    void whileTheServerHoldsTheDatabaseTheCommandLineManagesUsersAndTokensThroughItsSocket() throws Exception {
        Path socket = AdminSocket.socketOf(database.file());
        assertThat(socket).exists();
        assertThat(java.nio.file.Files.getPosixFilePermissions(socket.getParent()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        dev.pulse.access.UserAdministration remote = AdminSocket.client(socket);
        remote.add("cli:test", "remote@example.com", Role.ANALYST, null, PASSWORD);
        assertThat(remote.list()).anySatisfy(u -> assertThat(u.email()).isEqualTo("remote@example.com"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> remote.add("cli:test", "remote@example.com", Role.ANALYST, null, PASSWORD))
                .isInstanceOf(UserStore.AccessException.class).hasMessageContaining("already");
        String token = remote.createToken("cli:test", "remote@example.com", "etl");
        assertThat(token("/api/catalogue", token).statusCode()).isEqualTo(200);
        String session = logIn("remote@example.com");
        remote.revokeToken("cli:test", remote.tokens().stream().filter(t -> t.email().equals("remote@example.com")).findFirst().orElseThrow().id());
        assertThat(token("/api/catalogue", token).statusCode()).as("a token revoked at the command line").isEqualTo(401);
        remote.setPassword("cli:test", "remote@example.com", "another long password");
        assertThat(get("/", "pulse_session=" + session).statusCode()).as("a new password ends the sessions").isEqualTo(302);
        String again = cookie(attempt("remote@example.com", "another long password", null, null), "pulse_session");
        remote.remove("cli:test", "remote@example.com");
        assertThat(get("/", "pulse_session=" + again).statusCode()).as("a user removed at the command line").isEqualTo(302);
    }
}
