package dev.pulse.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pulse.config.ProgramSettings;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.testing.MovableClock;
import dev.pulse.testing.TestingFolder;
import dev.pulse.testing.TestingWebhook;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts of new cases: signed webhook posts and owner e-mails, retried with back-off, every attempt recorded. */
class TestCaseAlerts {
    private static final String SECRET = "test-webhook-secret";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path temp;
    TestingFolder folder;
    final MovableClock clock = new MovableClock();

    @BeforeEach
    void setUp() throws Exception {
        folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,name,type,segment,tier,partner_id,started_at,ended_at,owner",
                "A1,Acme,customer,Enterprise,Gold,,,,ana@pulse.test",
                "A2,Beta,customer,SMB,Silver,,,,bo@pulse.test",
                "A3,Gamma,customer,SMB,Silver,,,,Team Gamma",
                "A4,Delta,customer,SMB,Silver,,,,",
                "A5,Epsilon,customer,SMB,Gold,,,,ana@pulse.test",
                "A6,Zeta,customer,SMB,Gold,,,, cy@pulse.test ");
        folder.file("contacts.csv", "contact_id,account_id,email,name,role",
                "K1,A1,k1@acme.test,Kay,business", "K2,A2,k2@beta.test,Lu,business", "K3,A3,k3@gamma.test,Mo,business",
                "K4,A4,k4@delta.test,No,business", "K5,A5,k5@eps.test,Ed,business", "K6,A6,k6@zeta.test,Zed,business");
        folder.file("tickets.csv", "ticket_id,account_id,created_at,priority,resolved_at,contact_id",
                "T1,A1,2024-11-25T10:00:00Z,P3,2024-11-28T10:00:00Z,K1");
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
        }
    }

    private static ProgramSettings settings(String webhookUrl, boolean smtp) {
        ProgramSettings d = ProgramSettings.defaults();
        return new ProgramSettings(d.tokenDays(), d.quietDays(), d.transactionalWindowDays(), d.relationshipRoles(), d.editHours(),
                d.detractorMax(), d.caseDueHours(), d.rootCauses(), d.programs(), "https://cx.example.com/", smtp
                ? new ProgramSettings.Smtp("127.0.0.1", ServerSetupTest.SMTP.getPort(), "pulse@example.com", null, null, "none") : null,
                webhookUrl, "PULSE_TEST_WEBHOOK_SECRET", true);
    }

    /** Every contact answers the relationship wave with a detractor's score: six cases, their alerts queued. */
    private void sixDetractors(Database database, ProgramSettings settings) throws Exception {
        new Invitations(database, settings, Tokens.forDatabase(folder.databaseFile()), clock, ZoneOffset.UTC, "Acme Telecom")
                .send("relationship", "W", Instant.parse("2025-01-15T00:00:00Z"), new OutboxDelivery(temp.resolve("outbox")),
                        "https://cx.example.com", "surveys@example.com");
        Tokens tokens = Tokens.forDatabase(folder.databaseFile());
        Answers answers = new Answers(database, settings, clock);
        int score = 0;
        for (Map<String, Object> row : database.query(Sql.of("SELECT invitation_id FROM invitations ORDER BY contact_id"))) {
            assertThat(answers.submit(tokens.token((String) row.get("invitation_id")), score++, "comment " + score).outcome())
                    .isEqualTo(Answers.Outcome.STORED);
        }
        assertThat(database.queryLong(Sql.of("SELECT count(*) FROM cases"))).isEqualTo(6);
    }

    @Test
    void alertsWaitForAWebhookThatIsDownAndArriveOnceItIsBackNoneLostNoneWithANewId() throws Exception {
        int port = TestingWebhook.freePort();
        ProgramSettings settings = settings("http://127.0.0.1:" + port + "/hook", true);
        try (Database database = folder.open()) {
            sixDetractors(database, settings);
            AlertDispatcher dispatcher = new AlertDispatcher(database, settings, Map.of("PULSE_TEST_WEBHOOK_SECRET", SECRET), clock,
                    new Object(), Duration.ofMillis(1_000));
            assertThat(dispatcher.configurationProblem()).isNull();
            Set<String> webhookAlerts = ids(database, "webhook");
            assertThat(webhookAlerts).hasSize(6);
            assertThat(ids(database, "email")).hasSize(4); // ana twice, bo, cy (trimmed); "Team Gamma" and no owner are not addresses

            // 1. nothing listens: every webhook post fails; the e-mails go
            AlertDispatcher.Pass first = dispatcher.dispatchDue();
            assertThat(first.delivered()).isEqualTo(4);
            assertThat(first.failed()).isEqualTo(6);
            assertThat(dispatcher.dispatchDue().attempts()).isZero();             // not due again yet
            clock.advance(Duration.ofSeconds(29));
            assertThat(dispatcher.dispatchDue().attempts()).isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(dispatcher.dispatchDue().failed()).isEqualTo(6);          // 30 s after the first failure
            assertThat(dispatcher.nextDue()).isEqualTo(clock.instant().plusSeconds(60));

            try (TestingWebhook receiver = new TestingWebhook(port, SECRET, TestingWebhook.Mode.FAIL)) {
                // 2. it answers 503 for a while
                int failedBeforeBack = 12;
                for (int wait : new int[]{60, 120, 240}) {
                    clock.advance(Duration.ofSeconds(wait));
                    assertThat(dispatcher.dispatchDue().failed()).isEqualTo(6);
                    failedBeforeBack += 6;
                }
                assertThat(receiver.refused.get()).isEqualTo(18);
                // 3. it is back; the first post is taken but answered too late, so that one alert is sent again
                receiver.mode.set(TestingWebhook.Mode.SLOW_ONCE);
                clock.advance(Duration.ofSeconds(480));
                AlertDispatcher.Pass back = dispatcher.dispatchDue();
                assertThat(back.delivered()).isEqualTo(5);
                assertThat(back.failed()).isEqualTo(1);
                assertThat(dispatcher.nextDue()).isEqualTo(clock.instant().plus(AlertDispatcher.retryAfter(6)));
                clock.advance(AlertDispatcher.retryAfter(6));
                assertThat(dispatcher.dispatchDue().delivered()).isEqualTo(1);
                assertThat(dispatcher.nextDue()).isNull();

                assertThat(receiver.badPosts).isEmpty();
                List<String> receivedIds = receiver.received.stream().map(alert -> alert.get("alert_id").asText()).toList();
                assertThat(new TreeSet<>(receivedIds)).isEqualTo(new TreeSet<>(webhookAlerts)); // none lost
                assertThat(receivedIds).hasSize(7);                                             // one repeat...
                Map<String, List<JsonNode>> byId = receiver.received.stream().collect(Collectors.groupingBy(a -> a.get("alert_id").asText()));
                byId.values().forEach(copies -> assertThat(Set.copyOf(copies)).hasSize(1));      // ...with the same id and body
                JsonNode one = receiver.received.get(0);
                assertThat(one.get("event").asText()).isEqualTo("case.opened");
                assertThat(one.get("case_url").asText()).matches("https://cx.example.com/cases/C-\\d+");
                assertThat(one.get("case").get("score").isInt()).isTrue();

                long attempts = database.queryLong(Sql.of("SELECT count(*) FROM alert_attempts"));
                long counted = database.queryLong(Sql.of("SELECT sum(attempts) FROM alerts"));
                assertThat(attempts).isEqualTo(counted).isEqualTo(4 + 6 * 6 + 1);
                assertThat(database.queryLong(Sql.of("SELECT count(*) FROM alerts WHERE delivered_at IS NULL"))).isZero();
                System.out.printf("webhook down then back: %d alerts (%d webhook, %d e-mail), %d attempts, %d failed while it was down,"
                                + " %d sent again with the same id after a lost answer, %d lost%n", webhookAlerts.size() + 4, webhookAlerts.size(),
                        4, attempts, failedBeforeBack, receivedIds.size() - byId.size(), webhookAlerts.size() - byId.size());
            }
        }
        MimeMessage[] mails = mail.getReceivedMessages();
        assertThat(mails).hasSize(4);
        assertThat(java.util.Arrays.stream(mails).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList()).containsExactly("ana@pulse.test", "ana@pulse.test", "bo@pulse.test", "cy@pulse.test");
        assertThat(mails[0].getSubject()).startsWith("Detractor: ");
        assertThat(mails[0].getMessageID()).matches("<alr_.+@pulse>");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mails[0])).contains("https://cx.example.com/cases/C-");
    }

    @Test
    void anAlertIsGivenUpAfterItsLastAttemptAndEveryAttemptIsOnRecord() throws Exception {
        int port = TestingWebhook.freePort();
        ProgramSettings settings = settings("http://127.0.0.1:" + port + "/hook", false);
        try (Database database = folder.open()) {
            sixDetractors(database, settings);
            AlertDispatcher dispatcher = new AlertDispatcher(database, settings, Map.of("PULSE_TEST_WEBHOOK_SECRET", SECRET), clock,
                    new Object(), Duration.ofMillis(500));
            Duration waited = Duration.ZERO;
            int passes = 0;
            while (dispatcher.nextDue() != null) {
                Duration wait = Duration.between(clock.instant(), dispatcher.nextDue());
                clock.advance(wait);
                waited = waited.plus(wait);
                dispatcher.dispatchDue();
                passes++;
            }
            assertThat(passes).isEqualTo(AlertDispatcher.MAX_ATTEMPTS);
            assertThat(waited).isBetween(Duration.ofHours(30), Duration.ofHours(40));
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM alert_attempts WHERE outcome = 'gave_up'"))).isEqualTo(6);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM alert_attempts"))).isEqualTo(6L * AlertDispatcher.MAX_ATTEMPTS);
            assertThat(database.query(Sql.of("SELECT DISTINCT last_error FROM alerts")).get(0).get("last_error").toString())
                    .startsWith("the receiver could not be reached");
        }
    }

    @Test
    void withoutItsSecretAWebhookIsNeverPostedUnsignedAndItsAlertsWait() throws Exception {
        int port = TestingWebhook.freePort();
        ProgramSettings settings = settings("http://127.0.0.1:" + port + "/hook", false);
        try (Database database = folder.open(); TestingWebhook receiver = new TestingWebhook(port, SECRET, TestingWebhook.Mode.OK)) {
            sixDetractors(database, settings);
            AlertDispatcher unsigned = new AlertDispatcher(database, settings, Map.of(), clock, new Object(), Duration.ofSeconds(1));
            assertThat(unsigned.configurationProblem()).contains("PULSE_TEST_WEBHOOK_SECRET");
            assertThat(unsigned.dispatchDue().failed()).isEqualTo(6);
            assertThat(receiver.received).isEmpty();
            assertThat(receiver.refused.get()).isZero();
            clock.advance(Duration.ofMinutes(1));
            AlertDispatcher signed = new AlertDispatcher(database, settings, Map.of("PULSE_TEST_WEBHOOK_SECRET", SECRET), clock, new Object(),
                    Duration.ofSeconds(1));
            assertThat(signed.dispatchDue().delivered()).isEqualTo(6);
            assertThat(receiver.received).hasSize(6);
            assertThat(receiver.badPosts).isEmpty();
        }
    }

    @Test
    void theRetryWaitDoublesFromThirtySecondsToAnHour() {
        assertThat(AlertDispatcher.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(AlertDispatcher.retryAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(AlertDispatcher.retryAfter(7)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(AlertDispatcher.retryAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(AlertDispatcher.retryAfter(39)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anOwnerIsAnAddressOnlyWithOneAtAndADottedDomainAndTheCheckIsLinear() {
        assertThat(CaseAlerts.isAddress(" ana@pulse.test ")).isTrue();
        assertThat(CaseAlerts.isAddress("Team Gamma")).isFalse();
        assertThat(CaseAlerts.isAddress("a@b@c.d")).isFalse();
        assertThat(CaseAlerts.isAddress("a@b")).isFalse();
        assertThat(CaseAlerts.isAddress("a b@c.d")).isFalse();
        assertThat(CaseAlerts.isAddress("@c.d")).isFalse();
        assertThat(CaseAlerts.isAddress("a@.d")).isFalse();
        assertThat(CaseAlerts.isAddress(null)).isFalse();
        assertThat(CaseAlerts.isAddress("a@" + "b".repeat(1_000_000))).isFalse();
    }

    private static Set<String> ids(Database database, String channel) throws Exception {
        return database.query(Sql.of("SELECT alert_id FROM alerts WHERE channel = ?", channel)).stream()
                .map(row -> (String) row.get("alert_id")).collect(Collectors.toCollection(TreeSet::new));
    }
}
