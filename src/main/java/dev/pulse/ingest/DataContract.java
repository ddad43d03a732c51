package dev.pulse.ingest;

import java.util.List;
import java.util.Optional;

import static dev.pulse.ingest.ColumnSpec.optional;
import static dev.pulse.ingest.ColumnSpec.required;
import static dev.pulse.ingest.ColumnType.BOOLEAN;
import static dev.pulse.ingest.ColumnType.CATEGORY;
import static dev.pulse.ingest.ColumnType.DATE;
import static dev.pulse.ingest.ColumnType.DECIMAL;
import static dev.pulse.ingest.ColumnType.EMAIL;
import static dev.pulse.ingest.ColumnType.ENUM;
import static dev.pulse.ingest.ColumnType.ID;
import static dev.pulse.ingest.ColumnType.INTEGER;
import static dev.pulse.ingest.ColumnType.MONTH;
import static dev.pulse.ingest.ColumnType.TEXT;
import static dev.pulse.ingest.ColumnType.TIMESTAMP;

/**
 * The input data folder of {@code shared/spec/data-contract.md} (and the contacts of
 * {@code shared/spec/program.md}), as data. Files are listed in load order: accounts first, since the
 * others are checked against it; contacts before the tickets that name them; tickets before the
 * files that refer to tickets.
 */
public final class DataContract {
    public static final FileSpec ACCOUNTS = new FileSpec("accounts.csv", "accounts", List.of(
            required("account_id", ID),
            optional("name", TEXT),
            required("type", ENUM).oneOf("customer", "partner"),
            optional("segment", CATEGORY),
            optional("tier", CATEGORY),
            optional("partner_id", ID),
            optional("region", CATEGORY),
            optional("started_at", DATE),
            optional("ended_at", DATE),
            optional("owner", TEXT)), List.of("account_id"), List.of(), null, List.of());

    public static final FileSpec TICKETS = new FileSpec("tickets.csv", "tickets", List.of(
            required("ticket_id", ID),
            required("account_id", ID),
            required("created_at", TIMESTAMP),
            optional("channel", CATEGORY),
            optional("priority", CATEGORY),
            optional("category", CATEGORY),
            optional("product", CATEGORY),
            optional("journey", CATEGORY),
            optional("first_response_at", TIMESTAMP),
            optional("resolved_at", TIMESTAMP),
            optional("contacts", INTEGER).min(1).withDefault("1"),
            optional("reopens", INTEGER).min(0).withDefault("0"),
            optional("escalated", BOOLEAN).withDefault("false"),
            optional("agent_id", ID),
            optional("handle_seconds", INTEGER).min(0),
            optional("response_due_at", TIMESTAMP),
            optional("resolution_due_at", TIMESTAMP),
            optional("contact_id", ID),
            optional("queue", CATEGORY)), List.of("ticket_id"), List.of(), "account_id", List.of(
            new RowRule("first_response_at < created_at",
                    "'first_response_at: ' || CAST(first_response_at AS VARCHAR) || ' is before created_at ' || CAST(created_at AS VARCHAR)"),
            new RowRule("resolved_at < created_at",
                    "'resolved_at: ' || CAST(resolved_at AS VARCHAR) || ' is before created_at ' || CAST(created_at AS VARCHAR)")),
            List.of(new FileSpec.Reference("contact_id", "contacts", "contact_id", "contacts.csv")), List.of());

    /**
     * The people surveys go to (shared/spec/program.md). An e-mail is compared trimmed and lower-cased:
     * within one account the first contact keeps it; the same e-mail in two accounts is allowed.
     */
    public static final FileSpec CONTACTS = new FileSpec("contacts.csv", "contacts", List.of(
            required("contact_id", ID),
            required("account_id", ID),
            required("email", EMAIL),
            optional("name", TEXT),
            optional("role", TEXT),
            optional("language", ENUM).oneOf("en", "es").withDefault("en"),
            optional("opted_out", BOOLEAN).withDefault("false"),
            optional("bounced", BOOLEAN).withDefault("false")), List.of("contact_id"), List.of(), "account_id", List.of(), List.of(),
            List.of(new FileSpec.UniqueValue("account_id", "email",
                    "duplicate e-mail: an earlier contact of this account has the same e-mail")));

    public static final FileSpec INTERACTIONS = new FileSpec("interactions.csv", "interactions", List.of(
            required("interaction_id", ID),
            optional("ticket_id", ID),
            optional("channel", CATEGORY),
            optional("queue", CATEGORY),
            required("offered_at", TIMESTAMP),
            optional("answered_at", TIMESTAMP),
            optional("ended_at", TIMESTAMP),
            optional("abandoned", BOOLEAN),
            optional("talk_seconds", INTEGER).min(0),
            optional("hold_seconds", INTEGER).min(0),
            optional("wrap_seconds", INTEGER).min(0),
            optional("agent_id", ID)), List.of("interaction_id"), List.of(), null, List.of());

    public static final FileSpec SURVEYS = new FileSpec("surveys.csv", "surveys", List.of(
            required("response_id", ID),
            required("account_id", ID),
            optional("contact_email", TEXT),
            required("kind", ENUM).oneOf("nps", "csat", "ces"),
            optional("program", CATEGORY),
            optional("ticket_id", ID),
            optional("touchpoint", CATEGORY),
            optional("product", CATEGORY),
            required("responded_at", TIMESTAMP),
            required("score", INTEGER),
            optional("comment", TEXT)), List.of("response_id"), List.of(), "account_id", List.of(
            new RowRule("(kind = 'nps' AND (score < 0 OR score > 10)) OR (kind = 'csat' AND (score < 1 OR score > 5))"
                    + " OR (kind = 'ces' AND (score < 1 OR score > 7))",
                    "'score: ' || CAST(score AS VARCHAR) || ' is outside the range of a ' || kind || ' answer"
                    + " (nps 0-10, csat 1-5, ces 1-7)'")));

    public static final FileSpec AGENT_ACTIVITY = new FileSpec("agent_activity.csv", "agent_activity", List.of(
            required("agent_id", ID),
            required("date", DATE),
            optional("team", CATEGORY),
            required("staffed_seconds", INTEGER).min(0),
            required("handling_seconds", INTEGER).min(0)), List.of("agent_id", "date"), List.of(), null, List.of());

    public static final FileSpec QA_REVIEWS = new FileSpec("qa_reviews.csv", "qa_reviews", List.of(
            required("review_id", ID),
            optional("ticket_id", ID),
            optional("agent_id", ID),
            required("reviewed_at", TIMESTAMP),
            required("score", DECIMAL).min(0).max(100)), List.of("review_id"), List.of(), null, List.of());

    public static final FileSpec COSTS = new FileSpec("costs.csv", "costs", List.of(
            required("month", MONTH),
            required("amount", DECIMAL),
            optional("currency", CATEGORY)), List.of(), List.of("month"), null, List.of());

    public static final FileSpec OPS_METRICS = new FileSpec("ops_metrics.csv", "ops_metrics", List.of(
            required("date", DATE),
            required("metric", CATEGORY),
            optional("product", CATEGORY),
            required("value", DECIMAL)), List.of("date", "metric", "product"), List.of(), null, List.of());

    public static final List<FileSpec> FILES = List.of(
            ACCOUNTS, CONTACTS, TICKETS, INTERACTIONS, SURVEYS, AGENT_ACTIVITY, QA_REVIEWS, COSTS, OPS_METRICS);

    private DataContract() {
    }

    public static Optional<FileSpec> forFile(String fileName) {
        return FILES.stream().filter(f -> f.fileName().equalsIgnoreCase(fileName)).findFirst();
    }
}
