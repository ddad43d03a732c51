package dev.pulse.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The row sets metrics are computed over, with the columns their expressions may use and the
 * dimensions they can be grouped by (besides the calendar periods).
 */
public enum Source {
    SURVEYS(List.of("response_id", "account_id", "contact_email", "kind", "program", "ticket_id", "touchpoint", "product",
            "responded_at", "score", "comment", "type", "segment", "tier", "region", "partner_id", "channel", "priority",
            "category", "journey"),
            List.of("program", "touchpoint", "product", "channel", "priority", "category", "journey", "type", "segment", "tier",
                    "region", "partner_id")),
    TICKETS(List.of("ticket_id", "account_id", "created_at", "channel", "priority", "category", "product", "journey",
            "first_response_at", "resolved_at", "contacts", "reopens", "escalated", "agent_id", "handle_seconds", "response_due_at",
            "resolution_due_at", "contact_id", "queue", "type", "segment", "tier", "region", "partner_id", "frt_minutes", "resolution_hours",
            "first_response_us", "resolved_us", "response_deadline", "resolution_deadline", "business_calendar", "frt_business_us",
            "frt_business_minutes", "resolution_business_us", "resolution_business_hours", "response_target_minutes", "resolution_target_hours"),
            List.of("channel", "priority", "category", "product", "journey", "queue", "agent_id", "type", "segment", "tier", "region",
                    "partner_id")),
    INTERACTIONS(List.of("interaction_id", "ticket_id", "channel", "queue", "offered_at", "answered_at", "ended_at", "abandoned",
            "talk_seconds", "hold_seconds", "wrap_seconds", "agent_id", "handle_seconds", "answer_seconds", "short_abandon",
            "threshold_seconds"),
            List.of("channel", "queue", "agent_id")),
    AGENT_ACTIVITY(List.of("agent_id", "date", "team", "staffed_seconds", "handling_seconds"), List.of("team", "agent_id")),
    QA_REVIEWS(List.of("review_id", "ticket_id", "agent_id", "reviewed_at", "score"), List.of("agent_id")),
    COSTS(List.of("month", "amount", "currency"), List.of()),
    ACCOUNTS(List.of("account_id", "type", "segment", "tier", "region", "partner_id", "started_at", "ended_at"),
            List.of("segment", "tier", "region", "partner_id")),
    /** Survey invitations sent (shared/spec/program.md), dated by sent_at, with their account's attributes. */
    INVITATIONS(List.of("invitation_id", "program", "wave", "contact_id", "account_id", "ticket_id", "language", "status", "sent_at",
            "expires_at", "answered", "type", "segment", "tier", "region", "partner_id"),
            List.of("program", "wave", "language", "type", "segment", "tier", "region", "partner_id")),
    /**
     * The closed loop's cases, dated by opened_at: followup_due (contacted, or past due at the time of the
     * query), on_time (first contact at or before due), close_hours, and next_score (the contact's next NPS
     * answer after the case closed).
     */
    CASES(List.of("case_id", "response_id", "contact_id", "account_id", "owner", "status", "score", "opened_at", "due_at",
            "first_contacted_at", "closed_at", "root_cause", "program", "type", "segment", "tier", "region", "partner_id", "followup_due",
            "on_time", "close_hours", "next_score"),
            List.of("root_cause", "status", "owner", "program", "type", "segment", "tier", "region", "partner_id")),
    /** Survey rows with an analysed comment (voice of the customer): the survey columns plus language, sentiment, label. */
    COMMENTS(withSurveyColumns("language", "sentiment", "label"), withSurveyDimensions("language", "label")),
    /** One row per theme a comment mentions: the comment's columns plus theme and the sentiment of its clauses. */
    COMMENT_THEMES(withSurveyColumns("language", "sentiment", "label", "theme", "theme_sentiment", "theme_label"),
            withSurveyDimensions("theme", "language", "theme_label"));

    private final List<String> columns;
    private final List<String> dimensions;

    Source(List<String> columns, List<String> dimensions) {
        this.columns = List.copyOf(columns);
        this.dimensions = List.copyOf(dimensions);
    }

    private static List<String> withSurveyColumns(String... more) {
        List<String> columns = new java.util.ArrayList<>(SURVEYS.columns);
        columns.addAll(List.of(more));
        return columns;
    }

    private static List<String> withSurveyDimensions(String... more) {
        List<String> dimensions = new java.util.ArrayList<>(List.of(more));
        dimensions.addAll(SURVEYS.dimensions);
        return dimensions;
    }

    /**
     * Whether the rows are survey comments as analysed by Pulse (voice of the customer): the metrics
     * over them are Pulse's own, not the spec's, and need the comment analyses brought up to date first.
     */
    public boolean isComments() {
        return this == COMMENTS || this == COMMENT_THEMES;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Set<String> columns() {
        return Set.copyOf(columns);
    }

    /** The columns in the order the data contract lists them, then the derived ones. */
    public List<String> columnList() {
        return columns;
    }

    /** Group-by dimensions other than the calendar periods. */
    public List<String> dimensions() {
        return dimensions;
    }

    public static Optional<Source> fromId(String id) {
        for (Source source : values()) {
            if (source.id().equals(id)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
