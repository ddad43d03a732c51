package dev.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.access.PasswordHasher;
import dev.pulse.access.Role;
import dev.pulse.access.UserStore;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.generate.DemoDataGenerator;
import dev.pulse.generate.GeneratorOptions;
import dev.pulse.metrics.Catalogue;
import dev.pulse.program.Invitations;
import dev.pulse.program.OutboxDelivery;
import dev.pulse.program.Tokens;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programme through the running server: the answer page without login, answers submitted by many
 * clients at once (valid, repeated, forged), each valid one stored once with one case per detractor,
 * and the cases API as each role may see it.
 */
class TestSurveyServer {
    private static final String PASSWORD = "a long enough password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    @TempDir
    static Path temp;
    static Database database;
    static Javalin app;
    static final MovableClock clock = new MovableClock();
    static List<String> tokens = new ArrayList<>();
    static String partner;
    static String partnerToken;
    static String viewerToken;
    static String analystToken;

    @BeforeAll
    static void start() throws Exception {
        TestingFolder folder = new TestingFolder(temp);
        new DemoDataGenerator(GeneratorOptions.standard(0.03)).generate(folder.data());
        database = folder.open();
        folder.importInto(database, PulseConfig.defaults());
        PulseConfig config = PulseConfig.defaults();
        Invitations invitations = new Invitations(database, config.program(), Tokens.forDatabase(folder.databaseFile()), clock,
                ZoneOffset.UTC, null);
        invitations.send("relationship", "2025-H1", Instant.parse("2024-12-15T00:00:00Z"), new OutboxDelivery(temp.resolve("outbox")),
                "http://127.0.0.1", "surveys@example.com");
        Tokens keys = Tokens.forDatabase(folder.databaseFile());
        // English ones first: the first test reads the English page
        for (Map<String, Object> row : database.query(Sql.of("SELECT invitation_id FROM invitations ORDER BY language, invitation_id"))) {
            tokens.add(keys.token((String) row.get("invitation_id")));
        }
        partner = database.query(Sql.of("SELECT partner_id FROM accounts WHERE partner_id IS NOT NULL GROUP BY partner_id"
                + " ORDER BY count(*) DESC, partner_id LIMIT 1")).get(0).get("partner_id").toString();
        UserStore users = new UserStore(database, new PasswordHasher(), clock);
        users.add("test", "ana@example.com", Role.ANALYST, null, PASSWORD);
        users.add("test", "socio@example.com", Role.PARTNER, partner, PASSWORD);
        users.add("test", "vera@example.com", Role.VIEWER, null, PASSWORD);
        analystToken = users.createToken("test", "ana@example.com", "test");
        partnerToken = users.createToken("test", "socio@example.com", "test");
        viewerToken = users.createToken("test", "vera@example.com", "test");
        app = new PulseServer(database, config, Catalogue.standard(), users, clock, false).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        database.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> api(String path, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> answer(String token, String form) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/s/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAnswerPageNeedsNoLoginAndRefusesWhatItCannotStore() throws Exception {
        String token = tokens.get(0);
        long answersBefore = database.queryLong(Sql.of("SELECT count(*) FROM surveys WHERE response_id LIKE 'ans_%'"));
        HttpResponse<String> page = get("/s/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("How likely are you to recommend").contains("name=\"score\" value=\"10\"")
                .contains("Not at all likely").doesNotContain("<script");
        assertThat(answer(token, "score=eleven").statusCode()).isEqualTo(400);
        assertThat(get("/s/" + "x".repeat(32))).satisfies(r -> assertThat(r.statusCode()).isEqualTo(404))
                .satisfies(r -> assertThat(r.body()).contains("We could not find this survey"));
        assertThat(get("/s/short").statusCode()).isEqualTo(404);
        assertThat(answer("y".repeat(32), "score=3").statusCode()).isEqualTo(404);
        assertThat(database.queryLong(Sql.of("SELECT count(*) FROM surveys WHERE response_id LIKE 'ans_%'"))).isEqualTo(answersBefore);
    }

    @Test
    void manyClientsAtOnceStoreEachValidAnswerOnceAndOneCasePerDetractor() throws Exception {
        List<String> batch = tokens.subList(1, Math.min(tokens.size(), 201));
        // what the other tests of this class stored before this one (their order is not fixed)
        long answersBefore = database.queryLong(Sql.of("SELECT count(*) FROM surveys WHERE response_id LIKE 'ans_%'"));
        long casesBefore = database.queryLong(Sql.of("SELECT count(*) FROM cases WHERE status <> 'withdrawn'"));
        ExecutorService clients = Executors.newFixedThreadPool(16);
        Map<String, Integer> scores = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String token = batch.get(i);
            int score = i % 11;
            scores.put(token, score);
            for (int repeat = 0; repeat < 3; repeat++) { // the same answer sent three times, as an impatient double click does
                done.add(clients.submit(() -> {
                    HttpResponse<String> response = answer(token, "score=" + score + "&comment=" + URLEncoder.encode("try " + score,
                            StandardCharsets.UTF_8));
                    if (response.statusCode() == 200) {
                        acknowledged.incrementAndGet();
                    }
                    return null;
                }));
            }
            String forged = token.substring(0, 31) + (token.charAt(31) == 'A' ? 'B' : 'A');
            done.add(clients.submit(() -> {
                if (answer(forged, "score=0").statusCode() == 404) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();
        long detractors = scores.values().stream().filter(s -> s <= 6).count();
        System.out.printf("concurrent answers: %d submits of %d answers (each 3 times) and %d forged by 16 clients; %d acknowledged,"
                + " %d forged refused%n", batch.size() * 3, batch.size(), batch.size(), acknowledged.get(), refused.get());
        assertThat(acknowledged.get()).isEqualTo(batch.size() * 3); // repeats within the edit window are edits of the same answer
        assertThat(refused.get()).isEqualTo(batch.size());
        assertThat(database.queryLong(Sql.of("SELECT count(*) FROM surveys WHERE response_id LIKE 'ans_%'"))).isEqualTo(answersBefore + batch.size());
        assertThat(database.queryLong(Sql.of("SELECT count(*) FROM cases WHERE status <> 'withdrawn'"))).isEqualTo(casesBefore + detractors);
        assertThat(database.queryLong(Sql.of("SELECT count(*) FROM (SELECT response_id FROM cases GROUP BY response_id HAVING count(*) > 1) d")))
                .isZero();
        assertThat(database.queryLong(Sql.of("SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM surveys s"
                + " WHERE s.response_id = c.response_id)"))).isZero();

        // The cases API: the analyst sees them all, the partner only its customers', the viewer none.
        JsonNode all = JSON.readTree(api("/api/cases", analystToken).body());
        assertThat(all.size()).isEqualTo((int) (casesBefore + detractors));
        assertThat(all.get(0).fieldNames()).toIterable().containsExactly("case_id", "response_id", "contact_id", "account_id", "owner",
                "status", "score", "opened_at", "due_at", "first_contacted_at", "closed_at", "root_cause");
        JsonNode mine = JSON.readTree(api("/api/cases", partnerToken).body());
        List<String> visible = database.query(Sql.of("SELECT account_id FROM accounts WHERE partner_id = ? OR account_id = ?", partner, partner))
                .stream().map(r -> (String) r.get("account_id")).toList();
        mine.forEach(c -> assertThat(visible).contains(c.get("account_id").asText()));
        for (JsonNode c : all) {
            if (!visible.contains(c.get("account_id").asText())) {
                assertThat(api("/api/cases/" + c.get("case_id").asText(), partnerToken).statusCode()).isEqualTo(404);
                break;
            }
        }
        assertThat(api("/api/cases", viewerToken).statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(api("/api/metrics?metric=response_rate,cases", analystToken).body()).get(1).get("n").asLong())
                .isEqualTo(casesBefore + detractors);
    }

    @Test
    void whileTheServerHoldsTheDatabaseTheClosedLoopIsWorkedFromTheCommandLineThroughItsSocket() throws Exception {
        String token = tokens.get(tokens.size() - 1);
        assertThat(answer(token, "score=1&comment=from+the+socket+test").statusCode()).isEqualTo(200);
        dev.pulse.program.ProgramAdministration remote = AdminSocket.programClient(AdminSocket.socketOf(database.file()));
        dev.pulse.program.Cases.Case mine = remote.cases("open", null, null, null, null).stream()
                .filter(c -> "from the socket test".equals(c.comment())).findFirst().orElseThrow();
        assertThat(mine.score()).isEqualTo(1);
        assertThat(mine.accountName()).isNotNull();

        dev.pulse.program.Cases.Case contacted = remote.updateCase("cli:test", mine.caseId(), "contacted", null, "left a voicemail");
        assertThat(contacted.status()).isEqualTo("contacted");
        assertThat(contacted.firstContactedAt()).isNotNull();
        JsonNode seen = JSON.readTree(api("/api/cases/" + mine.caseId(), analystToken).body());
        assertThat(seen.get("status").asText()).as("the server's own view of the case, at once").isEqualTo("contacted");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> remote.updateCase("cli:test", mine.caseId(), "resolved", null, null))
                .isInstanceOf(dev.pulse.program.ProgramException.class).hasMessageContaining("needs a root cause");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> remote.updateCase("cli:test", "C-999999", "contacted", null, null))
                .isInstanceOf(dev.pulse.program.ProgramException.class).hasMessageContaining("C-999999");
        assertThat(remote.updateCase("cli:test", mine.caseId(), "resolved", "billing", null).rootCause()).isEqualTo("billing");

        String contact = mine.contactId();
        remote.flagContact("cli:test", contact, "opted_out");
        assertThat(database.queryLong(Sql.of("SELECT count(*) FROM contact_flags WHERE contact_id = ? AND flag = 'opted_out'", contact))).isEqualTo(1);
        assertThat(remote.clearContactFlag(contact, "opted_out")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> remote.flagContact("cli:test", "K-nobody", "bounced"))
                .isInstanceOf(dev.pulse.program.ProgramException.class).hasMessageContaining("no such contact");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> remote.clearContactFlag(contact, "angry"))
                .isInstanceOf(dev.pulse.program.ProgramException.class).hasMessageContaining("must be opted_out or bounced");
    }
}
