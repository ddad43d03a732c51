package dev.pulse.program;

import dev.pulse.config.ProgramSettings;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The closed loop's cases and their workflow (shared/spec/program.md): {@code open -> contacted ->
 * resolved}, or {@code closed_unreachable} from open or contacted; {@code withdrawn} only by the
 * respondent's own edit. The first move to contacted sets first_contacted_at; resolved and
 * closed_unreachable set closed_at; resolved needs a root cause of program.root_causes. Every change
 * is a row of the case's history, with who made it and the note.
 */
public final class Cases {
    public static final List<String> STATUSES = List.of("open", "contacted", "resolved", "closed_unreachable", "withdrawn");
    private static final Set<String> CLOSED = Set.of("resolved", "closed_unreachable", "withdrawn");

    private final Database database;
    private final ProgramSettings settings;
    private final Clock clock;

    public Cases(Database database, ProgramSettings settings, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One case as `pulse cases --format json` prints it. */
    public record Case(String caseId, String responseId, String contactId, String accountId, String owner, String status, Integer score,
                       Instant openedAt, Instant dueAt, Instant firstContactedAt, Instant closedAt, String rootCause, String accountName,
                       String tier, String segment, String program, String comment) {
        /** Open or contacted and past its due time without a first contact. */
        public boolean overdue(Instant now) {
            return firstContactedAt == null && !CLOSED.contains(status) && dueAt != null && now.isAfter(dueAt);
        }
    }

    /**
     * The cases that meet every filter given (null: any), open and overdue first, then by due time.
     *
     * @param partnerId only the cases of this partner's customers and its own account; null: all
     */
    public List<Case> list(String status, String owner, String tier, String segment, String rootCause, String partnerId)
            throws SQLException, ProgramException {
        Schema.createProgramTables(database);
        if (status != null && !STATUSES.contains(status) && !status.equals("overdue")) {
            throw new ProgramException("--status: '" + status + "' must be one of " + String.join(", ", STATUSES) + " or overdue");
        }
        List<String> conditions = new ArrayList<>();
        List<Object> binds = new ArrayList<>();
        Instant now = clock.instant();
        if ("overdue".equals(status)) {
            conditions.add("c.first_contacted_at IS NULL AND c.status IN ('open', 'contacted') AND c.due_at < CAST(? AS TIMESTAMPTZ)");
            binds.add(now.toString());
        } else if (status != null) {
            conditions.add("c.status = ?");
            binds.add(status);
        }
        addEquals(conditions, binds, "c.owner", owner);
        addEquals(conditions, binds, "a.tier", tier);
        addEquals(conditions, binds, "a.segment", segment);
        addEquals(conditions, binds, "c.root_cause", rootCause);
        if (partnerId != null) {
            conditions.add("(a.partner_id = ? OR a.account_id = ?)");
            binds.add(partnerId);
            binds.add(partnerId);
        }
        binds.add(now.toString());
        String sql = "SELECT c.*, a.name AS account_name, a.tier, a.segment, s.comment FROM " + Schema.CASES + " c"
                + " LEFT JOIN accounts a ON a.account_id = c.account_id LEFT JOIN surveys s ON s.response_id = c.response_id"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY CASE WHEN c.status IN ('open', 'contacted') AND c.first_contacted_at IS NULL AND c.due_at < CAST(? AS TIMESTAMPTZ)"
                + " THEN 0 WHEN c.status = 'open' THEN 1 WHEN c.status = 'contacted' THEN 2 ELSE 3 END, c.due_at, c.seq";
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> row : database.query(new Sql(sql, binds))) {
            cases.add(caseOf(row));
        }
        return cases;
    }

    private static void addEquals(List<String> conditions, List<Object> binds, String column, String value) {
        if (value != null) {
            conditions.add(column + " = ?");
            binds.add(value);
        }
    }

    /** One case, if it exists (and, for a partner, is one of its customers'). */
    public java.util.Optional<Case> find(String caseId, String partnerId) throws SQLException {
        Schema.createProgramTables(database);
        List<Object> binds = new ArrayList<>(List.of(caseId));
        String partner = "";
        if (partnerId != null) {
            partner = " AND (a.partner_id = ? OR a.account_id = ?)";
            binds.add(partnerId);
            binds.add(partnerId);
        }
        List<Map<String, Object>> rows = database.query(new Sql("SELECT c.*, a.name AS account_name, a.tier, a.segment, s.comment FROM "
                + Schema.CASES + " c LEFT JOIN accounts a ON a.account_id = c.account_id LEFT JOIN surveys s ON s.response_id = c.response_id"
                + " WHERE c.case_id = ?" + partner, binds));
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(caseOf(rows.get(0)));
    }

    /** A case's history, oldest first: happened_at, actor, from_status, to_status, root_cause, note. */
    public List<Map<String, Object>> history(String caseId) throws SQLException {
        return database.query(Sql.of("SELECT happened_at, actor, from_status, to_status, root_cause, note FROM " + Schema.CASE_EVENTS
                + " WHERE case_id = ? ORDER BY happened_at, " + database.dialect().insertionOrder(), caseId));
    }

    private static Case caseOf(Map<String, Object> row) {
        Object score = row.get("score");
        return new Case((String) row.get("case_id"), (String) row.get("response_id"), (String) row.get("contact_id"),
                (String) row.get("account_id"), (String) row.get("owner"), (String) row.get("status"),
                score == null ? null : ((Number) score).intValue(), Instants.of(row.get("opened_at")), Instants.of(row.get("due_at")),
                Instants.of(row.get("first_contacted_at")), Instants.of(row.get("closed_at")), (String) row.get("root_cause"),
                (String) row.get("account_name"), (String) row.get("tier"), (String) row.get("segment"), (String) row.get("program"),
                (String) row.get("comment"));
    }

    /**
     * Moves a case and/or sets its root cause or adds a note. {@code status}, {@code rootCause}, {@code note}:
     * null for no change; at least one is given.
     *
     * @param actor who made the change (a user name, or "cli")
     */
    public Case update(String caseId, String status, String rootCause, String note, String actor, String partnerId)
            throws SQLException, ProgramException {
        if (status == null && rootCause == null && (note == null || note.isBlank())) {
            throw new ProgramException("nothing to change: give --status, --root-cause or --note");
        }
        if (rootCause != null && !settings.rootCauses().contains(rootCause)) {
            throw new ProgramException("--root-cause: '" + rootCause + "' must be one of " + String.join(", ", settings.rootCauses())
                    + " (program.root_causes)");
        }
        String cleanNote = note == null ? null : Answers.clean(note);
        if (cleanNote != null && cleanNote.length() > Answers.MAX_COMMENT) {
            throw new ProgramException("--note: at most " + Answers.MAX_COMMENT + " characters");
        }
        return database.inTransaction(() -> {
            Case current = find(caseId, partnerId).orElseThrow(() -> new ProgramException("case " + caseId + ": no such case"));
            String from = current.status();
            String to = status == null ? from : status;
            if (status != null) {
                checkMove(caseId, from, status);
            } else if (CLOSED.contains(from) && rootCause != null) {
                throw new ProgramException("case " + caseId + " is " + from + ": its root cause can no longer change");
            }
            String cause = rootCause != null ? rootCause : current.rootCause();
            if (to.equals("resolved") && cause == null) {
                throw new ProgramException("case " + caseId + ": a resolved case needs a root cause (one of "
                        + String.join(", ", settings.rootCauses()) + ")");
            }
            Instant now = clock.instant();
            List<String> sets = new ArrayList<>(List.of("status = ?", "root_cause = ?"));
            List<Object> binds = new ArrayList<>(java.util.Arrays.asList(to, cause));
            if (to.equals("contacted") && current.firstContactedAt() == null) {
                sets.add("first_contacted_at = CAST(? AS TIMESTAMPTZ)");
                binds.add(now.toString());
            }
            if ((to.equals("resolved") || to.equals("closed_unreachable")) && !from.equals(to)) {
                sets.add("closed_at = CAST(? AS TIMESTAMPTZ)");
                binds.add(now.toString());
            }
            binds.add(caseId);
            database.execute(new Sql("UPDATE " + Schema.CASES + " SET " + String.join(", ", sets) + " WHERE case_id = ?", binds));
            event(database, caseId, now, actor, from, to, rootCause, cleanNote);
            return find(caseId, partnerId).orElseThrow();
        });
    }

    private static void checkMove(String caseId, String from, String to) throws ProgramException {
        boolean allowed = switch (from) {
            case "open" -> to.equals("contacted") || to.equals("closed_unreachable");
            case "contacted" -> to.equals("resolved") || to.equals("closed_unreachable");
            default -> false;
        };
        if (!STATUSES.contains(to) || to.equals("open") || to.equals("withdrawn")) {
            throw new ProgramException("--status: '" + to + "' must be contacted, resolved or closed_unreachable");
        }
        if (!allowed) {
            String next = switch (from) {
                case "open" -> "contacted or closed_unreachable";
                case "contacted" -> "resolved or closed_unreachable";
                default -> "nothing (it is closed)";
            };
            throw new ProgramException("case " + caseId + " is " + from + ": it cannot become " + to + " (it can become " + next + ")");
        }
    }

    static void event(Database database, String caseId, Instant at, String actor, String from, String to, String rootCause, String note)
            throws SQLException {
        database.execute(Sql.of("INSERT INTO " + Schema.CASE_EVENTS + " VALUES (?, CAST(? AS TIMESTAMPTZ), ?, ?, ?, ?, ?)", caseId,
                at.toString(), actor, from, to, rootCause, note));
    }
}
