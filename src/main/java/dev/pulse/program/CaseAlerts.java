package dev.pulse.program;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.config.ProgramSettings;
import dev.pulse.engine.Database;
import dev.pulse.engine.Sql;
import dev.pulse.ingest.Schema;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Queues the alerts of a new case in the same transaction that opens it (so an alert exists exactly
 * when its case does): a webhook post when program.webhook is set, an e-mail to the owner when
 * SMTP is set and the owner is an e-mail address. {@link AlertDispatcher} delivers them.
 */
final class CaseAlerts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseAlerts() {
    }

    static void queue(Database database, ProgramSettings settings, String caseId, String event, Instant now) throws SQLException {
        var rows = database.query(Sql.of("SELECT c.case_id, c.response_id, c.contact_id, c.account_id, c.owner, c.status, c.score,"
                + " c.opened_at, c.due_at, c.program, s.comment, a.name AS account_name"
                + " FROM " + Schema.CASES + " c LEFT JOIN surveys s ON s.response_id = c.response_id"
                + " LEFT JOIN accounts a ON a.account_id = c.account_id WHERE c.case_id = ?", caseId));
        if (rows.isEmpty()) {
            return;
        }
        var row = rows.get(0);
        if (settings.webhookUrl() != null) {
            insert(database, settings, caseId, "webhook", settings.webhookUrl(), event, row, now);
        }
        String owner = (String) row.get("owner");
        if (settings.alertEmail() && settings.smtp() != null && isAddress(owner)) {
            insert(database, settings, caseId, "email", owner.strip(), event, row, now);
        }
    }

    /**
     * Whether an owner can be e-mailed: after trimming, one @ with text on both sides, a dot in the
     * domain, no white space (the contacts' rule; a single scan, so linear on any text).
     */
    static boolean isAddress(String owner) {
        if (owner == null) {
            return false;
        }
        String address = owner.strip();
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            if (Character.isWhitespace(address.charAt(i))) {
                return false;
            }
        }
        return address.indexOf('.', at + 1) > at + 1;
    }

    private static void insert(Database database, ProgramSettings settings, String caseId, String channel, String target, String event,
                               java.util.Map<String, Object> row, Instant now) throws SQLException {
        String alertId = "alr_" + Tokens.newInvitationId().substring(4);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("alert_id", alertId);
        payload.put("event", event);
        payload.put("created_at", now.toString());
        payload.put("case_url", settings.baseUrl() == null ? null : withoutTrailingSlashes(settings.baseUrl()) + "/cases/" + caseId);
        ObjectNode detail = payload.putObject("case");
        for (String field : new String[]{"case_id", "response_id", "contact_id", "account_id", "account_name", "owner", "status",
                "program", "comment"}) {
            Object value = row.get(field);
            if (value == null) {
                detail.putNull(field);
            } else {
                detail.put(field, value.toString());
            }
        }
        detail.put("score", row.get("score") == null ? null : ((Number) row.get("score")).intValue());
        detail.put("opened_at", iso(row.get("opened_at")));
        detail.put("due_at", iso(row.get("due_at")));
        database.execute(Sql.of("INSERT INTO " + Schema.ALERTS + " (alert_id, case_id, channel, target, payload, created_at, attempts,"
                + " next_attempt_at) VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ), 0, CAST(? AS TIMESTAMPTZ))", alertId, caseId, channel,
                target, payload.toString(), now.toString(), now.toString()));
    }

    private static String withoutTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    /** A stored timestamp as ISO-8601. */
    static String iso(Object stored) {
        Instant instant = Instants.of(stored);
        return instant == null ? null : instant.toString();
    }
}
