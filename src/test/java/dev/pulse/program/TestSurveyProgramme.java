package dev.pulse.program;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pulse.config.ProgramSettings;
import dev.pulse.config.PulseConfig;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.testing.MovableClock;
import dev.pulse.testing.TestingFolder;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The programme of shared/spec/program.md: plans, resumable sending, answers and the closed loop. */
class TestSurveyProgramme {
    private static final Instant AS_OF = Instant.parse("2024-12-01T00:00:00Z");

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path temp;
    TestingFolder folder;
    final MovableClock clock = new MovableClock();
    final ProgramSettings settings = ProgramSettings.defaults();

    @BeforeEach
    void setUp() throws Exception {
        folder = new TestingFolder(temp);
        folder.file("accounts.csv", "account_id,name,type,segment,tier,partner_id,started_at,ended_at,owner",
                "A1,Acme,customer,Enterprise,Gold,,2023-01-01,,ana@pulse.test",
                "A2,Beta,customer,SMB,Silver,P1,,,bo@pulse.test",
                "A3,Gone,customer,SMB,Silver,,,2024-06-01,",
                "A4,Down,customer,SMB,Silver,,,,",
                "A5,Later,customer,SMB,Silver,,2025-02-01,,",
                "P1,Partner,partner,,,,,,");
        folder.file("contacts.csv", "contact_id,account_id,email,name,role,language,opted_out,bounced",
                "K1,A1,k1@acme.test,Kay,business,en,,",
                "K2,A1,k2@acme.test,Lu,Technical,es,,",
                "K3,A2,k3@beta.test,Mo,operational,,true,true",
                "K4,A2,k4@beta.test,No,,,,true",
                "K5,A3,k5@gone.test,Old,business,,,",
                "K6,A4,k6@down.test,Dee,business,,,",
                "K7,A5,k7@later.test,Lee,business,,,",
                "K8,A2,k8@beta.test,Bea,business,,,");
        folder.file("tickets.csv", "ticket_id,account_id,created_at,priority,resolved_at,contact_id",
                "T1,A1,2024-11-25T10:00:00Z,P3,2024-11-28T10:00:00Z,K1",
                "T0,A1,2024-11-25T10:00:00Z,P3,2024-11-28T10:00:00Z,K1",      // same time as T1: T0 first (ticket_id)
                "T2,A1,2024-11-25T10:00:00Z,P3,2024-11-29T10:00:00Z,K1",
                "T3,A2,2024-11-25T10:00:00Z,P3,2024-11-29T10:00:00Z,K3",
                "T4,A2,2024-11-25T10:00:00Z,P3,2024-11-29T11:00:00Z,K4",
                "T5,A1,2024-11-25T10:00:00Z,P3,2024-11-30T10:00:00Z,",
                "T6,A4,2024-11-25T10:00:00Z,P3,2024-11-30T10:00:00Z,K6",
                "T7,A4,2024-11-30T10:00:00Z,P1,,",                            // an open P1 of A4 at T
                "T8,A1,2024-11-20T10:00:00Z,P3,2024-11-24T00:00:00Z,K2",      // resolved exactly at T - 7 days: outside
                "T9,A1,2024-11-20T10:00:00Z,P3,2024-12-01T00:00:00Z,K2",      // resolved exactly at T: inside
                "T10,A2,2024-11-20T10:00:00Z,P1,2024-11-24T10:00:00Z,K8",     // an earlier P1 of A2, resolved before T
                "T11,A2,2024-11-20T10:00:00Z,P3,2024-11-29T10:00:00Z,K8");
        try (Database database = folder.open()) {
            folder.importInto(database, PulseConfig.defaults());
        }
    }

    private static String line(PlanEntry entry) {
        return entry.ticketId() + " " + entry.contactId() + " " + (entry.invite() ? "invite" : entry.reason());
    }

    @Test
    void aTransactionalPlanGivesEachCandidateTheFirstReasonInTheSpecsOrder() throws Exception {
        try (Database database = folder.open()) {
            List<PlanEntry> plan = new Planner(database, settings, ZoneOffset.UTC).plan("transactional", null, AS_OF);
            assertThat(plan).extracting(TestSurveyProgramme::line).containsExactly(
                    "T10 K8 invite",
                    "T0 K1 invite",
                    "T1 K1 one_per_contact",
                    "T11 K8 one_per_contact",
                    "T2 K1 one_per_contact",
                    "T3 K3 opted_out",
                    "T4 K4 bounced",
                    "T5 null no_contact",
                    "T6 K6 open_p1",
                    "T9 K2 invite");
        }
    }

    @Test
    void sentInvitationsMakeTheirTicketsAlreadySurveyedAndTheirContactsQuiet() throws Exception {
        try (Database database = folder.open()) {
            send(database, "transactional", null, AS_OF, new OutboxDelivery(temp.resolve("outbox")));
            // Two days later: T10, T0, T9 were surveyed; their contacts were invited within 30 days.
            clock.advance(Duration.ofDays(1));
            Instant later = clock.instant().plus(Duration.ofDays(2));
            database.execute(Sql.of("UPDATE tickets SET resolved_at = CAST(? AS TIMESTAMPTZ) WHERE ticket_id IN ('T1', 'T0', 'T10', 'T11')",
                    later.minus(Duration.ofHours(1)).toString()));
            List<PlanEntry> plan = new Planner(database, settings, ZoneOffset.UTC).plan("transactional", null, later);
            assertThat(plan).extracting(TestSurveyProgramme::line).containsExactly("T0 K1 already_surveyed", "T1 K1 quiet_period",
                    "T10 K8 already_surveyed", "T11 K8 quiet_period");
        }
    }

    @Test
    void aRelationshipWaveInvitesThePrimaryContactsOfActiveAccountsOnce() throws Exception {
        Instant january = Instant.parse("2025-01-15T00:00:00Z");
        try (Database database = folder.open()) {
            Planner planner = new Planner(database, settings, ZoneOffset.UTC);
            assertThat(planner.plan("relationship", "2025-H1", january)).extracting(e -> e.contactId() + " " + (e.invite() ? "invite" : e.reason()))
                    .containsExactly("K1 invite", "K2 invite", "K3 opted_out", "K6 invite", "K8 invite");
            send(database, "relationship", "2025-H1", january, new OutboxDelivery(temp.resolve("outbox")));
            Instant later = clock.instant().plus(Duration.ofDays(40));
            assertThat(planner.plan("relationship", "2025-H1", later)).extracting(e -> e.contactId() + " " + (e.invite() ? "invite" : e.reason()))
                    .containsExactly("K1 already_in_wave", "K2 already_in_wave", "K3 opted_out", "K6 already_in_wave", "K7 invite",
                            "K8 already_in_wave"); // A5 started in February
            assertThat(planner.plan("relationship", "2025-H2", clock.instant().plus(Duration.ofDays(10))))
                    .extracting(e -> e.contactId() + " " + (e.invite() ? "invite" : e.reason()))
                    .containsExactly("K1 quiet_period", "K2 quiet_period", "K3 opted_out", "K6 quiet_period", "K7 invite", "K8 quiet_period");
            assertThatThrownBy(() -> planner.plan("relationship", null, january)).isInstanceOf(ProgramException.class).hasMessageContaining("--wave");
            assertThatThrownBy(() -> planner.plan("nope", null, january)).isInstanceOf(ProgramException.class)
                    .hasMessageContaining("configured: transactional, relationship");
        }
    }

    @Test
    void recordedOptOutsSurviveAReimportThatSaysOtherwiseUntilAnAdminClearsThem() throws Exception {
        Instant january = Instant.parse("2025-01-15T00:00:00Z");
        try (Database database = folder.open()) {
            ContactFlags.record(database, "K1", ContactFlags.OPTED_OUT, clock.instant(), "test");
            folder.importInto(database, PulseConfig.defaults());
            Planner planner = new Planner(database, settings, ZoneOffset.UTC);
            assertThat(planner.plan("relationship", "W", january).get(0).reason()).isEqualTo("opted_out");
            ContactFlags.clear(database, "K1", ContactFlags.OPTED_OUT);
            assertThat(planner.plan("relationship", "W", january).get(0).reason()).isNull();
        }
    }

    private Invitations.SendReport send(Database database, String program, String wave, Instant asOf, Delivery delivery) throws Exception {
        return new Invitations(database, settings, Tokens.forDatabase(folder.databaseFile()), clock, ZoneOffset.UTC, "Acme Telecom")
                .send(program, wave, asOf, delivery, "https://cx.example.com", "surveys@example.com");
    }

    /** An outbox that dies (as a killed process would) after handing over {@code survivors} messages. */
    private static final class CrashingOutbox implements Delivery {
        private final OutboxDelivery outbox;
        private int survivors;

        CrashingOutbox(OutboxDelivery outbox, int survivors) {
            this.outbox = outbox;
            this.survivors = survivors;
        }

        @Override
        public String kind() {
            return outbox.kind();
        }

        @Override
        public boolean delivered(String id) {
            return outbox.delivered(id);
        }

        @Override
        public void deliver(String id, MimeMessage message) throws DeliveryException {
            if (survivors-- == 0) {
                outbox.deliver(id, message); // handed over, then the process dies before recording it
                throw new IllegalStateException("killed");
            }
            outbox.deliver(id, message);
        }
    }

    @Test
    void aSendInterruptedMidWaveIsFinishedByTheNextWithNothingSentTwiceOrSkipped() throws Exception {
        Path outbox = temp.resolve("outbox");
        try (Database database = folder.open()) {
            assertThatThrownBy(() -> send(database, "relationship", "2025-H1", Instant.parse("2025-01-15T00:00:00Z"),
                    new CrashingOutbox(new OutboxDelivery(outbox), 1))).hasMessage("killed");
        }
        try (Database database = folder.open()) {
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM invitations"))).isEqualTo(4);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM invitations WHERE status = 'sent'"))).isEqualTo(1);
            Invitations.SendReport report = send(database, "relationship", "2025-H1", Instant.parse("2025-01-15T00:00:00Z"),
                    new OutboxDelivery(outbox));
            assertThat(report.resumed()).isEqualTo(3);
            assertThat(report.recorded()).isZero();
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM invitations WHERE status = 'sent'"))).isEqualTo(4);
            assertThat(database.queryLong(Sql.of("SELECT count(DISTINCT contact_id) FROM invitations"))).isEqualTo(4);
        }
        try (var files = Files.list(outbox)) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(4);
        }
    }

    @Test
    void invitationsGoThroughSmtpInTheContactsLanguageWithTheirLinksAndUnsubscribeHeaders() throws Exception {
        ProgramSettings.Smtp smtp = new ProgramSettings.Smtp("127.0.0.1", ServerSetupTest.SMTP.getPort(), "surveys@example.com", null, null, "none");
        try (Database database = folder.open()) {
            Invitations.SendReport report = send(database, "transactional", null, AS_OF, new SmtpDelivery(smtp, Map.of()));
            assertThat(report.sent()).isEqualTo(3);
        }
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(3);
        Map<String, MimeMessage> byRecipient = new java.util.HashMap<>();
        for (MimeMessage message : received) {
            byRecipient.put(message.getAllRecipients()[0].toString(), message);
        }
        MimeMessage spanish = byRecipient.get("k2@acme.test");
        assertThat(spanish.getSubject()).isEqualTo("Una pregunta sobre su experiencia");
        assertThat(spanish.getHeader("List-Unsubscribe")[0]).matches("<https://cx.example.com/s/[A-Za-z0-9_-]{32}/opt-out>");
        assertThat(spanish.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(spanish);
        assertThat(body).contains("recomiende Acme Telecom");
        String token = spanish.getHeader("List-Unsubscribe")[0].replaceAll(".*/s/([^/]+)/opt-out>", "$1");
        try (Database database = folder.open()) {
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM invitations WHERE token_hash = ?", Tokens.hash(token)))).isEqualTo(1);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM invitations WHERE token_hash = ?", token))).isZero();
        }
    }

    private String sendOneAndGetToken(Database database) throws Exception {
        send(database, "relationship", "W", Instant.parse("2025-01-15T00:00:00Z"), new OutboxDelivery(temp.resolve("outbox")));
        String id = (String) database.query(Sql.of("SELECT invitation_id FROM invitations WHERE contact_id = 'K1'")).get(0).get("invitation_id");
        return Tokens.forDatabase(folder.databaseFile()).token(id);
    }

    @Test
    void anAnswerIsStoredOnceEditableWithinTheWindowAndADetractorOpensExactlyOneCase() throws Exception {
        try (Database database = folder.open()) {
            String token = sendOneAndGetToken(database);
            Answers answers = new Answers(database, settings, clock);
            assertThat(answers.status(token).state()).isEqualTo(Answers.State.OPEN);

            Answers.Result first = answers.submit(token, 3, " Slow portal \u0007");
            assertThat(first.outcome()).isEqualTo(Answers.Outcome.STORED);
            Map<String, Object> response = database.query(Sql.of("SELECT response_id, account_id, contact_email, kind, program, score, comment"
                    + " FROM surveys")).get(0);
            assertThat(response).containsEntry("account_id", "A1").containsEntry("contact_email", "k1@acme.test")
                    .containsEntry("kind", "nps").containsEntry("program", "relationship").containsEntry("score", 3L)
                    .containsEntry("comment", "Slow portal");
            Cases cases = new Cases(database, settings, clock);
            List<Cases.Case> open = cases.list("open", null, null, null, null, null);
            assertThat(open).singleElement().satisfies(c -> {
                assertThat(c.owner()).isEqualTo("ana@pulse.test");
                assertThat(c.dueAt()).isEqualTo(c.openedAt().plus(Duration.ofHours(48)));
                assertThat(c.responseId()).isEqualTo(response.get("response_id"));
            });

            clock.advance(Duration.ofHours(23));
            assertThat(answers.submit(token, 9, "fine now").outcome()).isEqualTo(Answers.Outcome.UPDATED);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM surveys"))).isEqualTo(1);
            assertThat(cases.list(null, null, null, null, null, null)).singleElement().extracting(Cases.Case::status).isEqualTo("withdrawn");
            assertThat(answers.submit(token, 2, "no, bad").outcome()).isEqualTo(Answers.Outcome.UPDATED);
            assertThat(cases.list(null, null, null, null, null, null)).singleElement().extracting(Cases.Case::status).isEqualTo("open");

            clock.advance(Duration.ofHours(2));
            assertThat(answers.submit(token, 10, "too late").outcome()).isEqualTo(Answers.Outcome.USED);
            assertThat(database.queryLong(Sql.of("SELECT score FROM surveys"))).isEqualTo(2);
            assertThat(answers.submit("A".repeat(32), 10, null).outcome()).isEqualTo(Answers.Outcome.UNKNOWN);
            assertThat(answers.submit(token.substring(1) + "x", 10, null).outcome()).isEqualTo(Answers.Outcome.UNKNOWN);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM cases"))).isEqualTo(1);
        }
    }

    @Test
    void anExpiredTokenStoresNothing() throws Exception {
        try (Database database = folder.open()) {
            String token = sendOneAndGetToken(database);
            clock.advance(Duration.ofDays(14).plusSeconds(1));
            Answers answers = new Answers(database, settings, clock);
            assertThat(answers.submit(token, 0, "x").outcome()).isEqualTo(Answers.Outcome.EXPIRED);
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM surveys"))).isZero();
            assertThat(database.queryLong(Sql.of("SELECT count(*) FROM cases"))).isZero();
            assertThat(answers.optOut(token)).isTrue();
            assertThat(new Planner(database, settings, ZoneOffset.UTC).plan("relationship", "W2", clock.instant().plus(Duration.ofDays(60)))
                    .get(0).reason()).isEqualTo("opted_out");
        }
    }

    @Test
    void theCaseWorkflowIsTheSpecsAndAResolvedCaseNeedsAKnownRootCause() throws Exception {
        try (Database database = folder.open()) {
            String token = sendOneAndGetToken(database);
            new Answers(database, settings, clock).submit(token, 1, null);
            Cases cases = new Cases(database, settings, clock);
            String id = cases.list(null, null, null, null, null, null).get(0).caseId();
            assertThatThrownBy(() -> cases.update(id, "resolved", "billing", null, "t", null)).isInstanceOf(ProgramException.class)
                    .hasMessageContaining("it can become contacted or closed_unreachable");
            clock.advance(Duration.ofHours(5));
            Cases.Case contacted = cases.update(id, "contacted", null, "called", "t", null);
            assertThat(contacted.firstContactedAt()).isEqualTo(clock.instant());
            assertThatThrownBy(() -> cases.update(id, "resolved", null, null, "t", null)).hasMessageContaining("needs a root cause (one of product_defect");
            assertThatThrownBy(() -> cases.update(id, "resolved", "weather", null, "t", null)).hasMessageContaining("must be one of product_defect");
            clock.advance(Duration.ofHours(5));
            Cases.Case resolved = cases.update(id, "resolved", "billing", "refund issued", "t", null);
            assertThat(resolved.closedAt()).isEqualTo(clock.instant());
            assertThat(resolved.firstContactedAt()).isEqualTo(contacted.firstContactedAt());
            assertThatThrownBy(() -> cases.update(id, "contacted", null, null, "t", null)).hasMessageContaining("it is closed");
            assertThat(cases.history(id)).extracting(h -> h.get("from_status") + ">" + h.get("to_status"))
                    .containsExactly("null>open", "open>contacted", "contacted>resolved");
            assertThat(cases.find(id, "P1")).isEmpty(); // A1 is not a customer of partner P1
        }
    }

    @Test
    void theProgrammeMetricsCountAsTheSpecSays() throws Exception {
        try (Database database = folder.open()) {
            var engine = closeSomeLoops(database);
            var values = engine.compute(new dev.pulse.metrics.MetricQuery(List.of("invitations", "response_rate", "cases", "followup_on_time",
                    "case_close_median", "recovery_rate"), List.of("quarter"), null));
            Map<String, String> shown = values.stream().collect(Collectors.toMap(v -> v.metric(), v -> v.value() + " n=" + v.n()));
            assertThat(shown).containsEntry("invitations", "4.0 n=4").containsEntry("response_rate", "75.0 n=4").containsEntry("cases", "2.0 n=2")
                    .containsEntry("followup_on_time", "50.0 n=2").containsEntry("case_close_median", "30.0 n=1")
                    .containsEntry("recovery_rate", "100.0 n=1");
            assertThat(values).allSatisfy(v -> assertThat(v.group()).containsEntry("quarter", "2025-Q2"));
        }
    }

    @Test
    void theReportsClosedLoopSectionShowsTheProgrammeMetrics() throws Exception {
        try (Database database = folder.open()) {
            var engine = closeSomeLoops(database);
            var analyzer = new dev.pulse.voc.CommentAnalyzer(new dev.pulse.voc.ThemeTaxonomy(PulseConfig.defaults().themes()));
            var report = new dev.pulse.report.QuarterlyReport(database, engine, analyzer).build("2025-Q2", java.time.LocalDate.of(2025, 7, 1));
            String markdown = dev.pulse.report.MarkdownRenderer.render(report);
            String section = markdown.substring(markdown.indexOf("## Closed loop"), markdown.indexOf("\n## ", markdown.indexOf("## Closed loop") + 3));
            assertThat(section)
                    .contains("**2 detractor cases** opened in 2025-Q2 (now 1 open, 1 resolved)")
                    .contains("| Relationship | 4 † | 75.0% (30.1 – 95.4) † |") // 3 of 4 answered: Wilson 30.1 - 95.4
                    .contains("| Followed up within 48 h | 50.0% ±40.5 † | 2 |")       // Wilson 9.5 - 90.5
                    .contains("| ana@pulse.test | 1 † | 100.0% (20.7 – 100.0) † | 30.0 h † | 100.0% (20.7 – 100.0) † |")
                    .contains("| Time to close (median) | 30.0 h † | 1 |")
                    .contains("| Recovered (next answer 7 or more) | 100.0% (20.7 – 100.0) † | 1 |")
                    .contains("| Billing | 1 | 100.0% (20.7 – 100.0) | 100.0% |")
                    .contains("1 more without one yet");
            String html = dev.pulse.report.HtmlRenderer.render(report);
            assertThat(html).contains("<h2>Closed loop</h2>").contains("Root causes of detractor cases, 2025-Q2");
        }
    }

    /**
     * A relationship wave of four, three answers (two detractors), one case contacted on time and resolved
     * (billing) after 30 h, the other past due, and the resolved case's contact answering 8 afterwards.
     */
    private dev.pulse.metrics.MetricEngine closeSomeLoops(Database database) throws Exception {
        send(database, "relationship", "W", Instant.parse("2025-01-15T00:00:00Z"), new OutboxDelivery(temp.resolve("outbox")));
        Tokens tokens = Tokens.forDatabase(folder.databaseFile());
        Map<String, String> token = new java.util.HashMap<>();
        for (Map<String, Object> row : database.query(Sql.of("SELECT contact_id, invitation_id FROM invitations"))) {
            token.put((String) row.get("contact_id"), tokens.token((String) row.get("invitation_id")));
        }
        assertThat(token.keySet()).containsExactlyInAnyOrder("K1", "K2", "K6", "K8");
        Answers answers = new Answers(database, settings, clock);
        answers.submit(token.get("K1"), 3, "billing is wrong");
        answers.submit(token.get("K2"), 9, null);
        clock.advance(Duration.ofHours(1));
        answers.submit(token.get("K6"), 5, null);
        Cases cases = new Cases(database, settings, clock);
        String first = cases.list(null, "ana@pulse.test", null, null, null, null).get(0).caseId();
        clock.advance(Duration.ofHours(9));
        cases.update(first, "contacted", null, null, "t", null);      // 10 h after it opened: on time
        clock.advance(Duration.ofHours(20));
        cases.update(first, "resolved", "billing", null, "t", null);  // closed 30 h after it opened
        clock.advance(Duration.ofHours(20));                          // the other case is now 49 h old: past due
        database.execute(Sql.of("INSERT INTO surveys (response_id, account_id, contact_email, kind, responded_at, score)"
                + " VALUES ('later', 'A1', ' K1@Acme.test ', 'nps', CAST(? AS TIMESTAMPTZ), 8)", clock.instant().toString()));

        return new dev.pulse.metrics.MetricEngine(database, dev.pulse.metrics.Catalogue.standard(), PulseConfig.defaults(),
                dev.pulse.metrics.Scope.everything(), clock);
    }
}
