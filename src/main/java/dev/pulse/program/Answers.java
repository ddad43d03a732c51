package dev.pulse.program;

import dev.pulse.config.ProgramSettings;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The answers to invitations (shared/spec/program.md, "Answers" and "The closed loop"). A token
 * answers once; a second submit within edit_hours of the first replaces the score and comment of the
 * same response; anything later, or an expired, forged or unknown token, is refused and stores
 * nothing. The response, its invitation's mark and the detractor's case (with its alerts) are written
 * in one transaction, committed before the respondent is told: an acknowledged answer is stored, and
 * nothing is ever half-written.
 */
public final class Answers {
    /** The longest comment kept, in characters. */
    public static final int MAX_COMMENT = 5_000;

    private final Database database;
    private final ProgramSettings settings;
    private final Clock clock;

    public Answers(Database database, ProgramSettings settings, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public enum State { OPEN, EDITABLE, USED, EXPIRED, UNKNOWN }

    /**
     * What a token can do now, with what the respondent sees.
     *
     * @param editableUntil for EDITABLE (and after a store): until when the answer may still change
     * @param caseId        the case the answer opened, if any (not shown to the respondent)
     */
    public record Status(State state, String language, Integer score, String comment, Instant editableUntil, String ticketId,
                         String caseId) {
        public Status {
            requireNonNull(state, "state is null");
        }

        static Status unknown() {
            return new Status(State.UNKNOWN, "en", null, null, null, null, null);
        }
    }

    /** The outcome of a submit: STORED (first answer), UPDATED (an edit), or why nothing was stored. */
    public enum Outcome { STORED, UPDATED, USED, EXPIRED, UNKNOWN }

    /** @param responseId the stored survey response (null when nothing was stored) */
    public record Result(Outcome outcome, Status status, String responseId) {
        Result(Outcome outcome, Status status) {
            this(outcome, status, null);
        }
    }

    public Status status(String token) throws SQLException {
        Map<String, Object> invitation = invitation(token);
        return invitation == null ? Status.unknown() : statusOf(invitation, clock.instant());
    }

    private Map<String, Object> invitation(String token) throws SQLException {
        if (!Tokens.wellFormed(token)) {
            return null;
        }
        // two lookups, not a join: the token's is a point lookup (token_hash is unique, so indexed); a join
        // would scan every survey response for each answer
        List<Map<String, Object>> rows = database.query(Sql.of("SELECT invitation_id, program, contact_id, account_id, ticket_id, email,"
                + " language, expires_at, response_id, answered_at FROM " + Schema.INVITATIONS + " WHERE token_hash = ? AND status = 'sent'",
                Tokens.hash(token)));
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> invitation = new java.util.HashMap<>(rows.get(0));
        if (invitation.get("response_id") != null) {
            List<Map<String, Object>> answer = database.query(Sql.of("SELECT score, comment FROM surveys WHERE response_id = ?",
                    invitation.get("response_id")));
            if (!answer.isEmpty()) {
                invitation.putAll(answer.get(0));
            }
        }
        return invitation;
    }

    private Status statusOf(Map<String, Object> invitation, Instant now) {
        String language = (String) invitation.get("language");
        String ticket = (String) invitation.get("ticket_id");
        Instant expires = Instants.of(invitation.get("expires_at"));
        if (expires == null || now.isAfter(expires)) {
            return new Status(State.EXPIRED, language, null, null, null, ticket, null);
        }
        Instant answered = Instants.of(invitation.get("answered_at"));
        if (answered == null) {
            return new Status(State.OPEN, language, null, null, null, ticket, null);
        }
        Instant until = answered.plus(Duration.ofHours(settings.editHours()));
        if (now.isAfter(until)) {
            return new Status(State.USED, language, null, null, null, ticket, null);
        }
        Object score = invitation.get("score");
        return new Status(State.EDITABLE, language, score == null ? null : ((Number) score).intValue(), (String) invitation.get("comment"),
                until, ticket, null);
    }

    /**
     * Stores an answer. The score must be 0-10 and the comment at most {@link #MAX_COMMENT} characters
     * (the caller checks the form's fields and says so to the respondent).
     */
    public Result submit(String token, int score, String comment) throws SQLException {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("score must be 0-10");
        }
        String text = clean(comment);
        return database.inTransaction(() -> {
            Map<String, Object> invitation = invitation(token);
            Instant now = clock.instant();
            if (invitation == null) {
                return new Result(Outcome.UNKNOWN, Status.unknown());
            }
            Status status = statusOf(invitation, now);
            return switch (status.state()) {
                case UNKNOWN -> new Result(Outcome.UNKNOWN, status);
                case EXPIRED -> new Result(Outcome.EXPIRED, status);
                case USED -> new Result(Outcome.USED, status);
                case OPEN -> first(invitation, score, text, now);
                case EDITABLE -> edit(invitation, score, text, now, status.editableUntil());
            };
        });
    }

    private Result first(Map<String, Object> invitation, int score, String comment, Instant now) throws SQLException {
        String invitationId = (String) invitation.get("invitation_id");
        String responseId = "ans_" + invitationId.substring(4);
        database.execute(Sql.of("INSERT INTO surveys (response_id, account_id, contact_email, kind, program, ticket_id, touchpoint, product,"
                        + " responded_at, score, comment) VALUES (?, ?, ?, 'nps', ?, ?, NULL, NULL, CAST(? AS TIMESTAMPTZ), ?, ?)",
                responseId, invitation.get("account_id"), invitation.get("email"), invitation.get("program"), invitation.get("ticket_id"),
                now.toString(), (long) score, comment));
        database.execute(Sql.of("UPDATE " + Schema.INVITATIONS + " SET response_id = ?, answered_at = CAST(? AS TIMESTAMPTZ),"
                + " last_answered_at = CAST(? AS TIMESTAMPTZ) WHERE invitation_id = ?", responseId, now.toString(), now.toString(), invitationId));
        String caseId = score <= settings.detractorMax() ? openCase(invitation, responseId, score, now) : null;
        Instant until = now.plus(Duration.ofHours(settings.editHours()));
        return new Result(Outcome.STORED, new Status(State.EDITABLE, (String) invitation.get("language"), score, comment, until,
                (String) invitation.get("ticket_id"), caseId), responseId);
    }

    private Result edit(Map<String, Object> invitation, int score, String comment, Instant now, Instant until) throws SQLException {
        String responseId = (String) invitation.get("response_id");
        database.execute(Sql.of("UPDATE surveys SET score = ?, comment = ? WHERE response_id = ?", (long) score, comment, responseId));
        database.execute(Sql.of("UPDATE " + Schema.INVITATIONS + " SET last_answered_at = CAST(? AS TIMESTAMPTZ) WHERE invitation_id = ?",
                now.toString(), invitation.get("invitation_id")));
        List<Map<String, Object>> cases = database.query(Sql.of("SELECT case_id, status FROM " + Schema.CASES + " WHERE response_id = ?",
                responseId));
        boolean detractor = score <= settings.detractorMax();
        String caseId = cases.isEmpty() ? null : (String) cases.get(0).get("case_id");
        String caseStatus = cases.isEmpty() ? null : (String) cases.get(0).get("status");
        if (detractor && caseId == null) {
            caseId = openCase(invitation, responseId, score, now);
        } else if (detractor && "withdrawn".equals(caseStatus)) {
            // a detractor again: its one case opens anew, from now
            database.execute(Sql.of("UPDATE " + Schema.CASES + " SET status = 'open', score = ?, opened_at = CAST(? AS TIMESTAMPTZ),"
                            + " due_at = CAST(? AS TIMESTAMPTZ), first_contacted_at = NULL, closed_at = NULL, root_cause = NULL WHERE case_id = ?",
                    (long) score, now.toString(), now.plus(Duration.ofHours(settings.caseDueHours())).toString(), caseId));
            Cases.event(database, caseId, now, "respondent", "withdrawn", "open", null, "the answer was changed to " + score);
            CaseAlerts.queue(database, settings, caseId, "case.opened", now);
        } else if (detractor) {
            database.execute(Sql.of("UPDATE " + Schema.CASES + " SET score = ? WHERE case_id = ?", (long) score, caseId));
            Cases.event(database, caseId, now, "respondent", caseStatus, caseStatus, null, "the answer was changed to " + score);
        } else if (caseId != null && !"withdrawn".equals(caseStatus)) {
            database.execute(Sql.of("UPDATE " + Schema.CASES + " SET status = 'withdrawn', score = ? WHERE case_id = ?", (long) score, caseId));
            Cases.event(database, caseId, now, "respondent", caseStatus, "withdrawn", null,
                    "the answer was changed to " + score + ": no longer a detractor");
        }
        return new Result(Outcome.UPDATED, new Status(State.EDITABLE, (String) invitation.get("language"), score, comment, until,
                (String) invitation.get("ticket_id"), caseId), responseId);
    }

    /** The detractor's one case: owner = the account's owner, due case_due_hours after now. */
    private String openCase(Map<String, Object> invitation, String responseId, int score, Instant now) throws SQLException {
        long seq = database.queryLong(Sql.of("SELECT coalesce(max(seq), 0) + 1 FROM " + Schema.CASES));
        String caseId = "C-" + seq;
        database.execute(Sql.of("INSERT INTO " + Schema.CASES + " (case_id, seq, response_id, invitation_id, contact_id, account_id, owner,"
                        + " status, score, opened_at, due_at, program) SELECT ?, ?, ?, ?, ?, ?, a.owner, 'open', ?, CAST(? AS TIMESTAMPTZ),"
                        + " CAST(? AS TIMESTAMPTZ), ? FROM (SELECT 1) one LEFT JOIN accounts a ON a.account_id = ?",
                caseId, seq, responseId, invitation.get("invitation_id"), invitation.get("contact_id"), invitation.get("account_id"),
                (long) score, now.toString(), now.plus(Duration.ofHours(settings.caseDueHours())).toString(), invitation.get("program"),
                invitation.get("account_id")));
        Cases.event(database, caseId, now, "pulse", null, "open", null, "a detractor's answer (score " + score + ")");
        CaseAlerts.queue(database, settings, caseId, "case.opened", now);
        return caseId;
    }

    /**
     * Records the opt-out of the token's contact (the e-mail's opt-out link works for as long as the
     * invitation exists, expired or answered). False for an unknown token.
     */
    public boolean optOut(String token) throws SQLException {
        if (!Tokens.wellFormed(token)) {
            return false;
        }
        List<Map<String, Object>> rows = database.query(Sql.of("SELECT contact_id FROM " + Schema.INVITATIONS
                + " WHERE token_hash = ? AND status = 'sent'", Tokens.hash(token)));
        if (rows.isEmpty()) {
            return false;
        }
        ContactFlags.record(database, (String) rows.get(0).get("contact_id"), ContactFlags.OPTED_OUT, clock.instant(), "opt-out link");
        return true;
    }

    /** A comment as stored: control characters other than line breaks and tabs removed, trimmed; empty is null. */
    static String clean(String comment) {
        if (comment == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(comment.length());
        comment.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                out.appendCodePoint(c);
            }
        });
        String text = out.toString().replace("\r", "").strip();
        return text.isEmpty() ? null : text;
    }
}
