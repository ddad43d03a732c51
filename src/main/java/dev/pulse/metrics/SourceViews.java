package dev.pulse.metrics;

import dev.pulse.config.PulseConfig;
import dev.pulse.config.SlaTarget;
import dev.pulse.engine.Dialect;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The SQL of each {@link Source}: the stored table with the columns metrics use derived once
 * (account attributes, durations, SLA deadlines), plus {@code event_local}, the wall-clock time in
 * the reporting zone that places a row in a period.
 */
final class SourceViews {
    private final Dialect dialect;
    private final PulseConfig config;

    SourceViews(Dialect dialect, PulseConfig config) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.config = requireNonNull(config, "config is null");
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

    Sql view(Source source) {
        return switch (source) {
            case SURVEYS -> new Sql.Builder()
                    .add("SELECT s.*, a.type, a.segment, a.tier, a.region, a.partner_id,"
                            + " t.channel, t.priority, t.category, t.journey, ")
                    .add(dialect.localTimestamp("s.responded_at", config.zone().getId())).add(" AS event_local")
                    .add(" FROM surveys s LEFT JOIN accounts a ON a.account_id = s.account_id"
                            + " LEFT JOIN tickets t ON t.ticket_id = s.ticket_id")
                    .build();
            case TICKETS -> tickets();
            case INTERACTIONS -> new Sql.Builder()
                    .add("SELECT i.*, CASE WHEN i.talk_seconds IS NULL AND i.hold_seconds IS NULL AND i.wrap_seconds IS NULL THEN NULL"
                            + " ELSE coalesce(i.talk_seconds, 0) + coalesce(i.hold_seconds, 0) + coalesce(i.wrap_seconds, 0) END"
                            + " AS handle_seconds, ")
                    .add(dialect.secondsBetween("i.offered_at", "i.answered_at")).add(" AS answer_seconds, ")
                    .add(Sql.of("coalesce(i.abandoned AND " + dialect.secondsBetween("i.offered_at", "i.ended_at")
                            + " <= ?, FALSE) AS short_abandon, ", config.shortAbandonSeconds()))
                    .add(Sql.of("CAST(? AS DOUBLE) AS threshold_seconds, ", config.serviceLevelSeconds()))
                    .add(dialect.localTimestamp("i.offered_at", config.zone().getId())).add(" AS event_local")
                    .add(" FROM interactions i")
                    .build();
            case AGENT_ACTIVITY -> Sql.of("SELECT g.*, CAST(g.date AS TIMESTAMP) AS event_local FROM agent_activity g");
            case QA_REVIEWS -> new Sql.Builder().add("SELECT q.*, ")
                    .add(dialect.localTimestamp("q.reviewed_at", config.zone().getId())).add(" AS event_local FROM qa_reviews q")
                    .build();
            case COSTS -> Sql.of("SELECT c.*, CAST(c.month AS TIMESTAMP) AS event_local FROM costs c");
            case ACCOUNTS -> Sql.of("SELECT * FROM accounts");
            case COMMENTS -> new Sql.Builder().add("SELECT sv.*, ca.language, ca.sentiment, ca.label, ca.terms FROM (").add(view(Source.SURVEYS))
                    .add(") sv JOIN " + Schema.COMMENT_ANALYSES + " ca ON ca.response_id = sv.response_id").build();
            case COMMENT_THEMES -> new Sql.Builder().add("SELECT c.*, ct.theme, ct.theme_sentiment, ct.theme_label FROM (").add(view(Source.COMMENTS))
                    .add(") c JOIN " + Schema.COMMENT_THEMES + " ct ON ct.response_id = c.response_id").build();
        };
    }

    private Sql tickets() {
        // The priority's targets, matched case-insensitively; a ticket's own due time overrides them.
        List<Sql> responseCases = new ArrayList<>();
        List<Sql> resolutionCases = new ArrayList<>();
        for (Map.Entry<String, SlaTarget> entry : config.slaByPriority().entrySet()) {
            if (entry.getValue().responseMinutes() != null) {
                responseCases.add(Sql.of(" WHEN ? THEN ?", entry.getKey(), entry.getValue().responseMinutes() * 60)); // seconds
            }
            if (entry.getValue().resolutionHours() != null) {
                resolutionCases.add(Sql.of(" WHEN ? THEN ?", entry.getKey(), entry.getValue().resolutionHours() * 3600));
            }
        }
        return new Sql.Builder()
                .add("SELECT t.*, a.type, a.segment, a.tier, a.region, a.partner_id, ")
                .add(dialect.secondsBetween("t.created_at", "t.first_response_at") + " / 60.0 AS frt_minutes, ")
                .add(dialect.secondsBetween("t.created_at", "t.resolved_at") + " / 3600.0 AS resolution_hours, ")
                .add("coalesce(t.response_due_at, ").add(deadline(responseCases)).add(") AS response_deadline, ")
                .add("coalesce(t.resolution_due_at, ").add(deadline(resolutionCases)).add(") AS resolution_deadline, ")
                .add(dialect.localTimestamp("t.created_at", config.zone().getId())).add(" AS event_local")
                .add(" FROM tickets t LEFT JOIN accounts a ON a.account_id = t.account_id")
                .build();
    }

    private Sql deadline(List<Sql> cases) {
        if (cases.isEmpty()) {
            return Sql.of("CAST(NULL AS TIMESTAMPTZ)");
        }
        Sql seconds = new Sql.Builder().add("CASE lower(t.priority)").add(Sql.join("", cases)).add(" END").build();
        return dialect.addSeconds("t.created_at", seconds);
    }
}
