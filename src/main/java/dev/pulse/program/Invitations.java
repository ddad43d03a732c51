package dev.pulse.program;

import dev.pulse.config.ProgramSettings;
import dev.pulse.engine.Database;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * Records a plan's invitations and delivers them (shared/spec/program.md, "survey send").
 *
 * <p>Resumable: the invitations of a plan are recorded (status {@code pending}, each with its token's
 * hash) in one transaction before any is delivered; each is then marked {@code sending}, handed
 * over, and marked {@code sent} with its sent_at. A run that stops anywhere is finished by the next
 * {@code survey send}, which first delivers every invitation left pending or sending: none is
 * skipped, and none is recorded twice (the plan then finds its ticket already_surveyed or its contact
 * already_in_wave). To an outbox, nothing is ever handed over twice (a message whose file exists is
 * only marked sent). To an SMTP server, the one message that was being handed over when the process
 * died is handed over again, with the same Message-ID and token: the one case where the server may
 * have taken it without Pulse knowing.
 */
public final class Invitations {
    private final Database database;
    private final Dialect dialect;
    private final ProgramSettings settings;
    private final Tokens tokens;
    private final Clock clock;
    private final ZoneId zone;
    private final String company;

    public Invitations(Database database, ProgramSettings settings, Tokens tokens, Clock clock, ZoneId zone, String company) {
        this.database = requireNonNull(database, "database is null");
        this.dialect = database.dialect();
        this.settings = requireNonNull(settings, "settings is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.company = company;
    }

    /** What a send did. {@code notSent}: invitations left pending (the mail server unreachable): the next send retries them. */
    public record SendReport(int planned, int recorded, int resumed, int sent, int bounced, int notSent, Map<String, Integer> skipped,
                             List<String> problems) {
        public SendReport {
            skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
            problems = List.copyOf(problems);
        }
    }

    /**
     * Plans, records and delivers a programme's invitations at {@code asOf}.
     *
     * @param baseUrl the server's address the links start with (no trailing slash)
     * @param from    the sender's address
     */
    public SendReport send(String program, String wave, Instant asOf, Delivery delivery, String baseUrl, String from)
            throws SQLException, ProgramException {
        requireNonNull(delivery, "delivery is null");
        Schema.createProgramTables(database);
        // Whatever an earlier run left half done goes first, so that the plan below sees it as sent.
        int resumed = pendingCount();
        Delivered before = deliverPending(delivery, baseUrl, from);
        String rule = settings.rule(program).orElse(null);
        String waveName = ProgramSettings.RELATIONSHIP.equals(rule) ? Planner.requireWave(wave) : null;
        List<PlanEntry> plan = new Planner(database, settings, zone).plan(program, waveName, asOf);
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<PlanEntry> invited = new ArrayList<>();
        for (PlanEntry entry : plan) {
            if (entry.invite()) {
                invited.add(entry);
            } else {
                skipped.merge(entry.reason(), 1, Integer::sum);
            }
        }
        record(invited, waveName);
        Delivered now = deliverPending(delivery, baseUrl, from);
        List<String> problems = new ArrayList<>(before.problems());
        problems.addAll(now.problems());
        return new SendReport(plan.size(), invited.size(), resumed, before.sent() + now.sent(), before.bounced() + now.bounced(),
                now.notSent(), skipped, problems);
    }

    private int pendingCount() throws SQLException {
        return (int) database.queryLong(Sql.of("SELECT count(*) FROM " + Schema.INVITATIONS + " WHERE status IN ('pending', 'sending')"));
    }

    /** The plan's invitations, all or none, as pending. */
    private void record(List<PlanEntry> invited, String wave) throws SQLException {
        if (invited.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        inTransaction(() -> {
            for (PlanEntry entry : invited) {
                String id = Tokens.newInvitationId();
                database.execute(Sql.of("INSERT INTO " + Schema.INVITATIONS + " (invitation_id, program, wave, contact_id, account_id,"
                                + " ticket_id, email, language, token_hash, status, created_at, attempts)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', CAST(? AS TIMESTAMPTZ), 0)",
                        id, entry.program(), wave, entry.contactId(), entry.accountId(), entry.ticketId(), entry.email().strip(),
                        entry.language(), Tokens.hash(tokens.token(id)), now.toString()));
            }
        });
        database.execute(dialect.checkpoint());
    }

    private record Delivered(int sent, int bounced, int notSent, List<String> problems) {
    }

    /** Delivers every pending (or interrupted) invitation, oldest first. */
    private Delivered deliverPending(Delivery delivery, String baseUrl, String from) throws SQLException {
        List<Map<String, Object>> pending = database.query(Sql.of("SELECT i.invitation_id, i.email, i.language, i.ticket_id, c.name"
                + " FROM " + Schema.INVITATIONS + " i LEFT JOIN contacts c ON c.contact_id = i.contact_id"
                + " WHERE i.status IN ('pending', 'sending') ORDER BY i.created_at, i.invitation_id"));
        Session session = delivery instanceof SmtpDelivery smtp ? smtp.session() : Session.getInstance(new Properties());
        int sent = 0;
        int bounced = 0;
        int failuresInARow = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Map<String, Object> row = pending.get(i);
            String id = (String) row.get("invitation_id");
            if (delivery.delivered(id)) {
                markSent(id, delivery.kind());
                sent++;
                continue;
            }
            if (failuresInARow >= 3) {
                break; // the server is down: the rest stay pending for the next send
            }
            database.execute(Sql.of("UPDATE " + Schema.INVITATIONS + " SET status = 'sending', attempts = attempts + 1 WHERE invitation_id = ?",
                    id));
            Instant now = clock.instant();
            Instant expires = now.plus(Duration.ofDays(settings.tokenDays()));
            String token = tokens.token(id);
            try {
                MimeMessage message = InvitationMail.compose(session, from, id, (String) row.get("email"), (String) row.get("name"),
                        (String) row.get("ticket_id"), new Wording((String) row.get("language"), company), baseUrl + "/s/" + token,
                        baseUrl + "/s/" + token + "/opt-out", now, expires, zone);
                delivery.deliver(id, message);
                markSent(id, delivery.kind());
                sent++;
                failuresInARow = 0;
            } catch (MessagingException e) {
                // an address the mail library cannot even parse: never deliverable
                bounce(id, "the address cannot be used: " + e.getMessage());
                bounced++;
            } catch (Delivery.DeliveryException e) {
                if (e.permanent()) {
                    bounce(id, e.getMessage());
                    bounced++;
                } else {
                    database.execute(Sql.of("UPDATE " + Schema.INVITATIONS + " SET status = 'pending', last_error = ? WHERE invitation_id = ?",
                            e.getMessage(), id));
                    failuresInARow++;
                    if (problems.size() < 5) {
                        problems.add(id + ": " + e.getMessage());
                    }
                }
            }
        }
        return new Delivered(sent, bounced, pendingCount(), problems);
    }

    private void markSent(String id, String kind) throws SQLException {
        Instant now = clock.instant();
        database.execute(Sql.of("UPDATE " + Schema.INVITATIONS + " SET status = 'sent', sent_at = CAST(? AS TIMESTAMPTZ),"
                        + " expires_at = CAST(? AS TIMESTAMPTZ), delivery = ?, last_error = NULL WHERE invitation_id = ?",
                now.toString(), now.plus(Duration.ofDays(settings.tokenDays())).toString(), kind, id));
    }

    /** A refused address: the invitation bounced and its contact is not invited again (until an admin clears it). */
    private void bounce(String id, String error) throws SQLException {
        inTransaction(() -> {
            database.execute(Sql.of("UPDATE " + Schema.INVITATIONS + " SET status = 'bounced', last_error = ? WHERE invitation_id = ?", error, id));
            database.execute(Sql.of("INSERT INTO " + Schema.CONTACT_FLAGS + " SELECT contact_id, 'bounced', CAST(? AS TIMESTAMPTZ), 'delivery'"
                    + " FROM " + Schema.INVITATIONS + " WHERE invitation_id = ?", clock.instant().toString(), id));
        });
    }

    private void inTransaction(SqlWork work) throws SQLException {
        database.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private interface SqlWork {
        void run() throws SQLException;
    }
}
