package dev.pulse.program;

import dev.pulse.config.ProgramSettings;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Who a programme invites at a moment, and why not the others (shared/spec/program.md,
 * "Invitations"). All facts of a candidate are read in one query; the rules are then applied in
 * the spec's order, in Java, where the order of candidates matters (one invitation per contact).
 */
public final class Planner {
    private final Database database;
    private final ProgramSettings settings;
    private final ZoneId zone;

    /** @param zone the reporting zone: an account's start and end dates are days there */
    public Planner(Database database, ProgramSettings settings, ZoneId zone) {
        this.database = requireNonNull(database, "database is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.zone = requireNonNull(zone, "zone is null");
    }

    /**
     * The plan of a programme at {@code asOf}; {@code wave} names a relationship wave (required for one,
     * ignored for a transactional programme).
     */
    public List<PlanEntry> plan(String program, String wave, Instant asOf) throws SQLException, ProgramException {
        String rule = settings.rule(program).orElseThrow(() -> new ProgramException("--program: '" + program
                + "' is not a programme (configured: " + String.join(", ", settings.programs().keySet()) + ")"));
        Schema.createProgramTables(database);
        return switch (rule) {
            case ProgramSettings.TRANSACTIONAL -> transactional(program, asOf);
            case ProgramSettings.RELATIONSHIP -> relationship(program, requireWave(wave), asOf);
            default -> throw new IllegalStateException("unknown rule " + rule);
        };
    }

    static String requireWave(String wave) throws ProgramException {
        if (wave == null || wave.isBlank()) {
            throw new ProgramException("--wave: a relationship programme needs the wave's name (e.g. --wave 2025-H1)");
        }
        if (wave.length() > 40 || !wave.strip().matches("[A-Za-z0-9][A-Za-z0-9 ._-]*")) {
            throw new ProgramException("--wave: '" + wave + "' must be 1-40 letters, digits, spaces, '.', '_' or '-'");
        }
        return wave.strip();
    }

    /** A contact's opt-out or bounce: the contacts.csv flag or one Pulse recorded itself. */
    private static String flag(String alias, String flag) {
        return "(coalesce(" + alias + "." + flag + ", FALSE) OR EXISTS (SELECT 1 FROM " + Schema.CONTACT_FLAGS + " f WHERE f.contact_id = "
                + alias + ".contact_id AND f.flag = '" + flag + "'))";
    }

    /** The fatigue rule: an invitation to the contact in (asOf - quiet_days, asOf]; one recorded but not yet sent counts from then. */
    private String quiet(String contact) {
        return "EXISTS (SELECT 1 FROM " + Schema.INVITATIONS + " q WHERE q.contact_id = " + contact
                + " AND coalesce(q.sent_at, q.created_at) > CAST(? AS TIMESTAMPTZ) AND coalesce(q.sent_at, q.created_at) <= CAST(? AS TIMESTAMPTZ))";
    }

    private List<PlanEntry> transactional(String program, Instant asOf) throws SQLException {
        Instant windowStart = asOf.minus(Duration.ofDays(settings.transactionalWindowDays()));
        Instant quietStart = asOf.minus(Duration.ofDays(settings.quietDays()));
        String t = at(asOf);
        Sql sql = Sql.of("SELECT t.ticket_id, t.contact_id, c.contact_id AS known_contact, c.account_id, c.email, c.language, "
                        + flag("c", "opted_out") + " AS opted_out, " + flag("c", "bounced") + " AS bounced,"
                        + " EXISTS (SELECT 1 FROM " + Schema.INVITATIONS + " i WHERE i.ticket_id = t.ticket_id) AS surveyed,"
                        + " EXISTS (SELECT 1 FROM tickets p WHERE p.account_id = t.account_id AND lower(p.priority) = 'p1'"
                        + " AND p.created_at <= CAST(? AS TIMESTAMPTZ) AND (p.resolved_at IS NULL OR p.resolved_at > CAST(? AS TIMESTAMPTZ)))"
                        + " AS open_p1, " + quiet("t.contact_id") + " AS quiet"
                        + " FROM tickets t LEFT JOIN contacts c ON c.contact_id = t.contact_id"
                        + " WHERE t.resolved_at > CAST(? AS TIMESTAMPTZ) AND t.resolved_at <= CAST(? AS TIMESTAMPTZ)"
                        + " ORDER BY t.resolved_at, t.ticket_id",
                t, t, at(quietStart), t, at(windowStart), t);
        List<PlanEntry> plan = new ArrayList<>();
        Set<String> invited = new HashSet<>();
        for (Map<String, Object> row : database.query(sql)) {
            String contact = (String) row.get("contact_id");
            String reason;
            if (contact == null || row.get("known_contact") == null) {
                reason = "no_contact";
            } else if (Boolean.TRUE.equals(row.get("opted_out"))) {
                reason = "opted_out";
            } else if (Boolean.TRUE.equals(row.get("bounced"))) {
                reason = "bounced";
            } else if (Boolean.TRUE.equals(row.get("surveyed"))) {
                reason = "already_surveyed";
            } else if (Boolean.TRUE.equals(row.get("open_p1"))) {
                reason = "open_p1";
            } else if (Boolean.TRUE.equals(row.get("quiet"))) {
                reason = "quiet_period";
            } else if (invited.contains(contact)) {
                reason = "one_per_contact";
            } else {
                reason = null;
                invited.add(contact);
            }
            plan.add(new PlanEntry(contact, (String) row.get("ticket_id"), program, reason == null, reason,
                    (String) row.get("account_id"), (String) row.get("email"), language(row.get("language"))));
        }
        return plan;
    }

    private List<PlanEntry> relationship(String program, String wave, Instant asOf) throws SQLException {
        Instant quietStart = asOf.minus(Duration.ofDays(settings.quietDays()));
        LocalDate day = asOf.atZone(zone).toLocalDate();
        List<Object> binds = new ArrayList<>(List.of(program, wave, at(quietStart), at(asOf)));
        List<String> marks = new ArrayList<>();
        for (String role : settings.relationshipRoles()) {
            marks.add("?");
            binds.add(role);
        }
        binds.add(day.toString());
        binds.add(day.toString());
        // An account's dates are days of the reporting zone: started_at <= T and ended_at > T compare their midnights with T.
        Sql sql = new Sql("SELECT c.contact_id, c.account_id, c.email, c.language, " + flag("c", "opted_out") + " AS opted_out, "
                + flag("c", "bounced") + " AS bounced,"
                + " EXISTS (SELECT 1 FROM " + Schema.INVITATIONS + " i WHERE i.contact_id = c.contact_id AND i.program = ? AND i.wave = ?)"
                + " AS in_wave, " + quiet("c.contact_id") + " AS quiet"
                + " FROM contacts c JOIN accounts a ON a.account_id = c.account_id"
                + " WHERE lower(trim(coalesce(c.role, ''))) IN (" + String.join(", ", marks) + ")"
                + " AND (a.started_at IS NULL OR a.started_at <= CAST(? AS DATE)) AND (a.ended_at IS NULL OR a.ended_at > CAST(? AS DATE))"
                + " ORDER BY c.contact_id", binds);
        List<PlanEntry> plan = new ArrayList<>();
        for (Map<String, Object> row : database.query(sql)) {
            String reason = Boolean.TRUE.equals(row.get("opted_out")) ? "opted_out"
                    : Boolean.TRUE.equals(row.get("bounced")) ? "bounced"
                    : Boolean.TRUE.equals(row.get("in_wave")) ? "already_in_wave"
                    : Boolean.TRUE.equals(row.get("quiet")) ? "quiet_period" : null;
            plan.add(new PlanEntry((String) row.get("contact_id"), null, program, reason == null, reason, (String) row.get("account_id"),
                    (String) row.get("email"), language(row.get("language"))));
        }
        return plan;
    }

    private static String language(Object language) {
        return "es".equals(language) ? "es" : "en";
    }

    /** An instant as text the engine casts to a timestamp with time zone (no JDBC zone conversion in between). */
    static String at(Instant instant) {
        return instant.toString();
    }
}
