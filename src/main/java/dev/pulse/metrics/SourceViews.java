package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.config.SlaTarget;
import dev.pulse.engine.Database;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.InstantRange;
import dev.pulse.engine.Sql;
import dev.pulse.config.BusinessHours;
import dev.pulse.ingest.Schema;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The SQL of each {@link Source}: the stored table with the columns metrics use derived once
 * (account attributes, durations, SLA deadlines), plus {@code event_local}, the wall-clock time in
 * the reporting zone that places a row in a period.
 */
final class SourceViews {
    private final Dialect dialect;
    private final PulseConfig config;
    private final InstantRange eventWindow;
    private final Scope scope;
    private final java.time.Clock clock;

    /**
     * Views whose events lie within {@code eventWindow} (null: not known; see {@link #eventWindow}), each
     * reading only the rows {@code scope} shows.
     */
    SourceViews(Dialect dialect, PulseConfig config, InstantRange eventWindow, Scope scope, java.time.Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.config = requireNonNull(config, "config is null");
        this.eventWindow = eventWindow;
        this.scope = requireNonNull(scope, "scope is null");
    }

    /** Views over the events of a database as it is now, as the scope shows them. */
    static SourceViews of(Database database, PulseConfig config, Scope scope, java.time.Clock clock) throws SQLException {
        BusinessTime.ensure(database, config);
        return new SourceViews(database.dialect(), config, eventWindow(database, config), scope, clock);
    }

    /**
     * The first and last event instants of the stored tables, for the engine to prepare the reporting
     * zone's offsets over (null for a zone with a fixed offset, which needs none, or without events).
     * Rows imported later may fall outside it; they are still converted right, only more slowly.
     */
    private static InstantRange eventWindow(Database database, PulseConfig config) throws SQLException {
        if (config.zone().getRules().isFixedOffset()) {
            return null;
        }
        List<Sql> parts = new ArrayList<>();
        for (Map.Entry<String, String> event : EVENT_INSTANTS.entrySet()) {
            parts.add(Sql.of("SELECT min(" + event.getValue() + ") AS first_instant, max(" + event.getValue() + ") AS last_instant FROM "
                    + event.getKey()));
        }
        Map<String, Object> row = database.query(new Sql.Builder()
                .add("SELECT " + database.dialect().epochMicros("min(first_instant)") + " AS first_us, "
                        + database.dialect().epochMicros("max(last_instant)") + " AS last_us FROM (")
                .add(Sql.join(" UNION ALL ", parts)).add(") e").build()).get(0);
        if (row.get("first_us") == null || row.get("last_us") == null) {
            return null;
        }
        return new InstantRange(instant(((Number) row.get("first_us")).longValue()), instant(((Number) row.get("last_us")).longValue()));
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * Rows whose local event timestamp (a column of {@link #view}) falls on the range's days:
     * from the first day's midnight, inclusive, to the midnight after the last day, exclusive.
     * The bounds are bound as text the engine casts, which keeps JDBC time-zone conversions out.
     */
    static Sql eventInRange(String eventLocal, PeriodRange range) {
        return Sql.of(eventLocal + " >= CAST(? AS TIMESTAMP) AND " + eventLocal + " < CAST(? AS TIMESTAMP)",
                range.first() + " 00:00:00", range.last().plusDays(1) + " 00:00:00");
    }

    /**
     * The stored tables whose event is an instant, with that instant's column: a row's event_local
     * is it in the reporting zone. (Agent activity and costs are dated by a local day or month.)
     */
    private static final Map<String, String> EVENT_INSTANTS = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.of(
            "tickets", "created_at", "surveys", "responded_at", "interactions", "offered_at", "qa_reviews", "reviewed_at"))); // same SQL every run

    /** The local time of the event of a row of {@code table} (read under {@code alias}). */
    private Sql eventLocal(String alias, String table) {
        return dialect.localTimestamp(alias + "." + EVENT_INSTANTS.get(table), config.zone().getId(), eventWindow);
    }

    /**
     * The programme's tables are dated by their own instants; they are left out of the data's range
     * (the report's latest quarter is the support data's, not the day invitations went out).
     */
    private Sql programLocal(String instant) {
        return dialect.localTimestamp(instant, config.zone().getId(), null);
    }

    /**
     * The first and last local days with any event (tickets, surveys, interactions, reviews,
     * activity), as one row (first_day, last_day). The earliest and latest local times are among the
     * events within two days of the earliest and latest instants (a zone's offset never went back by
     * a day), so only those few rows are converted to the reporting zone: under 0.1 s instead of
     * 1.1-1.4 s at 10 M tickets.
     */
    Sql dataRange() {
        List<Sql> parts = new ArrayList<>();
        for (Map.Entry<String, String> event : EVENT_INSTANTS.entrySet()) {
            String table = event.getKey();
            String instant = "e." + event.getValue();
            Sql rows = scope.table(table);
            parts.add(new Sql.Builder()
                    .add("SELECT (SELECT min(").add(eventLocal("e", table)).add(") FROM ").add(rows).add(" e WHERE " + instant
                            + " <= (SELECT min(" + event.getValue() + ") FROM ").add(rows).add(") + INTERVAL '2' DAY) AS first_time,")
                    .add(" (SELECT max(").add(eventLocal("e", table)).add(") FROM ").add(rows).add(" e WHERE " + instant
                            + " >= (SELECT max(" + event.getValue() + ") FROM ").add(rows).add(") - INTERVAL '2' DAY) AS last_time")
                    .build());
        }
        parts.add(new Sql.Builder().add("SELECT CAST(min(date) AS TIMESTAMP) AS first_time, CAST(max(date) AS TIMESTAMP) AS last_time"
                + " FROM ").add(scope.table("agent_activity")).add(scope.isEverything() ? "" : " g").build());
        return new Sql.Builder()
                .add("SELECT CAST(min(first_time) AS DATE) AS first_day, CAST(max(last_time) AS DATE) AS last_day FROM (")
                .add(Sql.join(" UNION ALL ", parts)).add(") r").build();
    }

    /**
     * The ticket durations of the tickets view, each a column in its unit and, beside it, the same
     * duration in whole microseconds. A percentile is taken of the integer and divided after (the same
     * value: a positive scale keeps the order and the interpolation): DuckDB sorts 10 M integers in
     * about half the time of as many doubles.
     */
    private static final List<ScaledColumn> TICKET_DURATIONS = List.of(
            new ScaledColumn("frt_minutes", "frt_us", "first_response_at", "60000000.0"),
            new ScaledColumn("resolution_hours", "resolution_us", "resolved_at", "3600000000.0"));

    /**
     * A view column {@code name} that equals {@code integerColumn / divisor}, where the integer column
     * is the microseconds from the ticket's creation to {@code end}.
     */
    record ScaledColumn(String name, String integerColumn, String end, String divisor) {
        ScaledColumn {
            requireNonNull(name, "name is null");
            requireNonNull(integerColumn, "integerColumn is null");
            requireNonNull(end, "end is null");
            requireNonNull(divisor, "divisor is null");
        }
    }

    /** The duration column a metric value names, if it is one of {@link #TICKET_DURATIONS}. */
    static Optional<ScaledColumn> scaledColumn(String value) {
        return TICKET_DURATIONS.stream().filter(column -> column.name().equals(value.trim())).findFirst();
    }

    /**
     * What a view takes from its row's account. A query that asks only the account's type (customer or
     * partner NPS, the contact rate's customer tickets) gets it from a semi-join with the partner
     * accounts, a few thousand, instead of a join with all of them: at 10 M tickets 0.40 s instead of
     * 0.47-0.53 s, at 4 M surveys 0.19 s instead of 0.30 s. It is the same value because the importer
     * stores a ticket or survey only with an account that exists, and an account's type is required
     * and one of the two.
     */
    private enum AccountColumns { NONE, TYPE, ALL }

    private static String accountColumns(AccountColumns accounts, String alias) {
        return switch (accounts) {
            case NONE -> "";
            case TYPE -> "CASE WHEN " + alias + ".account_id IN (SELECT account_id FROM accounts WHERE type = 'partner')"
                    + " THEN 'partner' ELSE 'customer' END AS " + ACCOUNT_TYPE + ", ";
            case ALL -> "a." + ACCOUNT_TYPE + ", " + JOINED_ACCOUNT_COLUMNS.stream().map(column -> "a." + column + ", ")
                    .collect(java.util.stream.Collectors.joining());
        };
    }

    /** Columns the comments view takes from the comment analyses. */
    private static final List<String> COMMENT_COLUMNS = List.of("language", "sentiment", "label", "terms");

    /** The account column a semi-join can bring alone, and those only the join with accounts brings. */
    private static final String ACCOUNT_TYPE = "type";
    private static final List<String> JOINED_ACCOUNT_COLUMNS = List.of("segment", "tier", "region", "partner_id");
    /** Columns a view takes from tickets by a join. */
    private static final List<String> TICKET_COLUMNS = List.of("channel", "priority", "category", "journey");
    private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*");

    /** The whole view of a source. */
    Sql view(Source source) {
        return view(source, null);
    }

    /**
     * The view of a source for a query whose expressions are {@code used} (SQL text; null: any
     * column may be used). A join that brings only columns the query does not mention is left
     * out: most survey metrics need neither the ticket a survey was about nor the account's
     * attributes, and at ten million tickets that join costs seconds. Leaving one in is only slower.
     */
    Sql view(Source source, String used) {
        Set<String> words = used == null ? null : words(used);
        AccountColumns accounts = words == null || JOINED_ACCOUNT_COLUMNS.stream().anyMatch(words::contains) ? AccountColumns.ALL
                : words.contains(ACCOUNT_TYPE) ? AccountColumns.TYPE : AccountColumns.NONE;
        boolean tickets = words == null || TICKET_COLUMNS.stream().anyMatch(words::contains);
        return switch (source) {
            case SURVEYS -> surveys(accounts, tickets);
            case TICKETS -> tickets(accounts);
            case INTERACTIONS -> new Sql.Builder()
                    .add("SELECT i.*, CASE WHEN i.talk_seconds IS NULL AND i.hold_seconds IS NULL AND i.wrap_seconds IS NULL THEN NULL"
                            + " ELSE coalesce(i.talk_seconds, 0) + coalesce(i.hold_seconds, 0) + coalesce(i.wrap_seconds, 0) END"
                            + " AS handle_seconds, ")
                    .add(dialect.secondsBetween("i.offered_at", "i.answered_at")).add(" AS answer_seconds, ")
                    .add(Sql.of("coalesce(i.abandoned AND " + dialect.secondsBetween("i.offered_at", "i.ended_at")
                            + " <= ?, FALSE) AS short_abandon, ", config.shortAbandonSeconds()))
                    .add(Sql.of("CAST(? AS DOUBLE) AS threshold_seconds, ", config.serviceLevelSeconds()))
                    .add(eventLocal("i", "interactions")).add(" AS event_local")
                    .add(" FROM ").add(scope.table("interactions")).add(" i")
                    .build();
            case AGENT_ACTIVITY -> new Sql.Builder().add("SELECT g.*, CAST(g.date AS TIMESTAMP) AS event_local FROM ")
                    .add(scope.table("agent_activity")).add(" g").build();
            case QA_REVIEWS -> new Sql.Builder().add("SELECT q.*, ")
                    .add(eventLocal("q", "qa_reviews")).add(" AS event_local FROM ").add(scope.table("qa_reviews")).add(" q")
                    .build();
            case COSTS -> new Sql.Builder().add("SELECT c.*, CAST(c.month AS TIMESTAMP) AS event_local FROM ").add(scope.table("costs"))
                    .add(" c").build();
            case INVITATIONS -> new Sql.Builder()
                    .add("SELECT i.invitation_id, i.program, i.wave, i.contact_id, i.account_id, i.ticket_id, i.language, i.status, i.sent_at,"
                            + " i.expires_at, i.response_id IS NOT NULL AS answered, a.type, a.segment, a.tier, a.region, a.partner_id, ")
                    .add(programLocal("i.sent_at")).add(" AS event_local FROM ").add(scope.table(Schema.INVITATIONS))
                    .add(" i LEFT JOIN accounts a ON a.account_id = i.account_id WHERE i.sent_at IS NOT NULL").build();
            case CASES -> cases();
            case ACCOUNTS -> new Sql.Builder().add("SELECT * FROM ").add(scope.table("accounts")).add(scope.isEverything() ? "" : " a").build();
            case COMMENTS -> new Sql.Builder().add("SELECT sv.*, ca.language, ca.sentiment, ca.label, ca.terms FROM (")
                    .add(surveys(accounts, tickets)).add(") sv JOIN " + Schema.COMMENT_ANALYSES + " ca ON ca.response_id = sv.response_id")
                    .build();
            // Every theme row has its comment's analysis row (the comment store keeps them together), so a
            // theme query that asks nothing of the analysis joins the answers to the themes directly: at
            // 1.7 M themes of 1.3 M comments, 0.19 s instead of 0.31-0.42 s.
            case COMMENT_THEMES -> new Sql.Builder().add("SELECT c.*, ct.theme, ct.theme_sentiment, ct.theme_label FROM (")
                    .add(words == null || COMMENT_COLUMNS.stream().anyMatch(words::contains) ? view(Source.COMMENTS, used)
                            : surveys(accounts, tickets))
                    .add(") c JOIN " + Schema.COMMENT_THEMES + " ct ON ct.response_id = c.response_id")
                    .build();
        };
    }

    /**
     * The cases, withdrawn ones included (the catalogue's filters leave them out). A case is due for
     * follow-up when it was contacted or is past its due time now (the query's time, from the clock); its
     * next score is the first NPS answer of its contact (same account, same e-mail compared trimmed and
     * lower-cased, any programme) after it closed.
     */
    private Sql cases() {
        return new Sql.Builder()
                .add("SELECT c.case_id, c.response_id, c.contact_id, c.account_id, c.owner, c.status, c.score, c.opened_at, c.due_at,"
                        + " c.first_contacted_at, c.closed_at, c.root_cause, c.program, a.type, a.segment, a.tier, a.region, a.partner_id,")
                .add(Sql.of(" (c.first_contacted_at IS NOT NULL OR c.due_at < CAST(? AS TIMESTAMPTZ)) AS followup_due,", clock.instant().toString()))
                .add(" coalesce(c.first_contacted_at <= c.due_at, FALSE) AS on_time, "
                        + dialect.microsBetween("c.opened_at", "c.closed_at") + " / 3600000000.0 AS close_hours,"
                        + " (SELECT s.score FROM surveys s JOIN contacts k ON k.contact_id = c.contact_id WHERE s.kind = 'nps'"
                        + " AND s.account_id = c.account_id AND lower(trim(s.contact_email)) = lower(trim(k.email)) AND s.responded_at > c.closed_at"
                        + " ORDER BY s.responded_at, s.response_id LIMIT 1) AS next_score, ")
                .add(programLocal("c.opened_at")).add(" AS event_local FROM ").add(scope.table(Schema.CASES))
                .add(" c LEFT JOIN accounts a ON a.account_id = c.account_id").build();
    }

    private Sql surveys(AccountColumns accounts, boolean tickets) {
        Sql.Builder sql = new Sql.Builder().add("SELECT s.*, ");
        sql.add(accountColumns(accounts, "s"));
        sql.add(tickets ? "t.channel, t.priority, t.category, t.journey, " : "");
        sql.add(eventLocal("s", "surveys")).add(" AS event_local FROM ").add(scope.table("surveys")).add(" s");
        sql.add(accounts == AccountColumns.ALL ? " LEFT JOIN accounts a ON a.account_id = s.account_id" : "");
        if (tickets) {
            // the ticket an answer was about, only when the scope shows that ticket too
            sql.add(" LEFT JOIN ").add(scope.table("tickets")).add(" t ON t.ticket_id = s.ticket_id");
        }
        return sql.build();
    }

    private static Set<String> words(String sql) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(sql.toLowerCase(java.util.Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private Sql tickets(AccountColumns accounts) {
        // The priority's targets, matched case-insensitively; a ticket's own due time overrides them.
        // Deadlines and the instants compared with them are microseconds since the epoch (exact).
        List<Sql> responseCases = new ArrayList<>();
        List<Sql> resolutionCases = new ArrayList<>();
        for (Map.Entry<String, SlaTarget> entry : new java.util.TreeMap<>(config.slaByPriority()).entrySet()) { // same SQL every run
            if (entry.getValue().responseMinutes() != null) {
                responseCases.add(Sql.of(" WHEN ? THEN CAST(? AS BIGINT)", entry.getKey(),
                        Math.round(entry.getValue().responseMinutes() * 60_000_000)));
            }
            if (entry.getValue().resolutionHours() != null) {
                resolutionCases.add(Sql.of(" WHEN ? THEN CAST(? AS BIGINT)", entry.getKey(),
                        Math.round(entry.getValue().resolutionHours() * 3_600_000_000L)));
            }
        }
        return new Sql.Builder()
                .add("SELECT t.*, ").add(accountColumns(accounts, "t"))
                .add(durations())
                .add(dialect.epochMicros("t.first_response_at") + " AS first_response_us, ")
                .add(dialect.epochMicros("t.resolved_at") + " AS resolved_us, ")
                .add("coalesce(" + dialect.epochMicros("t.response_due_at") + ", ").add(deadline(responseCases))
                .add(") AS response_deadline, ")
                .add("coalesce(" + dialect.epochMicros("t.resolution_due_at") + ", ").add(deadline(resolutionCases))
                .add(") AS resolution_deadline, ")
                .add(businessColumns(responseCases, resolutionCases))
                .add(eventLocal("t", "tickets")).add(" AS event_local")
                .add(" FROM ").add(scope.table("tickets")).add(" t")
                .add(accounts == AccountColumns.ALL ? " LEFT JOIN accounts a ON a.account_id = t.account_id" : "")
                .build();
    }

    private String durations() {
        StringBuilder columns = new StringBuilder();
        for (ScaledColumn duration : TICKET_DURATIONS) {
            String micros = dialect.microsBetween("t.created_at", "t." + duration.end());
            columns.append(micros).append(" AS ").append(duration.integerColumn()).append(", ")
                    .append(micros).append(" / ").append(duration.divisor()).append(" AS ").append(duration.name()).append(", ");
        }
        return columns.toString();
    }

    /**
     * Business time (pulse.yaml calendars: and business_hours:): the ticket's calendar, its first response
     * and resolution in business time (the opening hours of its calendar between creation and the event:
     * time before opening, after closing, on a closed weekday or a holiday does not count), and its
     * priority's targets. Without calendars, or on the calendar "always", business time is calendar time.
     */
    private Sql businessColumns(List<Sql> responseCases, List<Sql> resolutionCases) {
        BusinessHours hours = config.businessHours();
        Sql calendar;
        if (!hours.configured()) {
            calendar = Sql.of("CAST(? AS VARCHAR)", BusinessHours.ALWAYS);
        } else {
            // its priority's calendar, else its queue's, else the default (BusinessHours.calendarFor)
            List<Sql> cases = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> assignment : List.of(Map.entry("priority", hours.byPriority()),
                    Map.entry("queue", hours.byQueue()))) {
                for (Map.Entry<String, String> entry : new java.util.TreeMap<>(assignment.getValue()).entrySet()) {
                    cases.add(Sql.of(" WHEN lower(t." + assignment.getKey() + ") = ? THEN CAST(? AS VARCHAR)", entry.getKey(), entry.getValue()));
                }
            }
            calendar = cases.isEmpty() ? Sql.of("CAST(? AS VARCHAR)", hours.defaultCalendar())
                    : new Sql.Builder().add("CASE").add(Sql.join("", cases)).add(Sql.of(" ELSE CAST(? AS VARCHAR) END",
                    hours.defaultCalendar())).build();
        }
        Sql.Builder columns = new Sql.Builder();
        columns.add(calendar).add(" AS business_calendar, ");
        for (String[] duration : new String[][] {{"first_response_at", "frt_business_us", "frt_business_minutes", "60000000.0"},
                {"resolved_at", "resolution_business_us", "resolution_business_hours", "3600000000.0"}}) {
            String start = dialect.epochMicros("t.created_at");
            String end = dialect.epochMicros("t." + duration[0]);
            Sql micros;
            if (!hours.configured()) {
                micros = Sql.of(dialect.microsBetween("t.created_at", "t." + duration[0]));
            } else {
                micros = new Sql.Builder().add("CASE WHEN t." + duration[0] + " IS NULL THEN NULL WHEN ").add(calendar)
                        .add(" = 'always' THEN " + dialect.microsBetween("t.created_at", "t." + duration[0])
                                + " ELSE coalesce((SELECT sum(least(b.close_us, " + end + ") - greatest(b.open_us, " + start + ")) FROM "
                                + BusinessTime.TABLE + " b WHERE b.calendar = ").add(calendar)
                        .add(" AND b.open_us < " + end + " AND b.close_us > " + start + "), 0) END").build();
            }
            columns.add(micros).add(" AS " + duration[1] + ", (").add(micros).add(") / " + duration[3] + " AS " + duration[2] + ", ");
        }
        columns.add(target(responseCases, 60_000_000.0)).add(" AS response_target_minutes, ");
        columns.add(target(resolutionCases, 3_600_000_000.0)).add(" AS resolution_target_hours, ");
        return columns.build();
    }

    /** The priority's target in the unit of {@code divisor} (the cases give microseconds); null without one. */
    private static Sql target(List<Sql> cases, double divisor) {
        if (cases.isEmpty()) {
            return Sql.of("CAST(NULL AS DOUBLE)");
        }
        return new Sql.Builder().add("(CASE lower(t.priority)").add(Sql.join("", cases)).add(" END) / " + divisor).build();
    }

    /** created_at plus the priority's target, in microseconds since the epoch; null for a priority without one. */
    private Sql deadline(List<Sql> cases) {
        if (cases.isEmpty()) {
            return Sql.of("CAST(NULL AS BIGINT)");
        }
        return new Sql.Builder().add(dialect.epochMicros("t.created_at") + " + CASE lower(t.priority)").add(Sql.join("", cases))
                .add(" END").build();
    }
}
