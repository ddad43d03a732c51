package dev.pulse.program;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A case as `pulse cases --format json` and {@code /api/cases} give it: the fields of the issue, in its order. */
public final class CaseJson {
    private CaseJson() {
    }

    public static ObjectNode node(ObjectMapper mapper, Cases.Case c) {
        ObjectNode node = mapper.createObjectNode();
        node.put("case_id", c.caseId());
        node.put("response_id", c.responseId());
        node.put("contact_id", c.contactId());
        node.put("account_id", c.accountId());
        node.put("owner", c.owner());
        node.put("status", c.status());
        node.put("score", c.score());
        node.put("opened_at", iso(c.openedAt()));
        node.put("due_at", iso(c.dueAt()));
        node.put("first_contacted_at", iso(c.firstContactedAt()));
        node.put("closed_at", iso(c.closedAt()));
        node.put("root_cause", c.rootCause());
        return node;
    }

    /** Every field of a case, for the server's admin socket to hand a case to the CLI whole ({@link #parse} reads it back). */
    public static ObjectNode whole(ObjectMapper mapper, Cases.Case c) {
        return node(mapper, c).put("account_name", c.accountName()).put("tier", c.tier()).put("segment", c.segment())
                .put("program", c.program()).put("comment", c.comment());
    }

    /** A case from {@link #whole}. */
    public static Cases.Case parse(com.fasterxml.jackson.databind.JsonNode node) {
        return new Cases.Case(text(node, "case_id"), text(node, "response_id"), text(node, "contact_id"), text(node, "account_id"),
                text(node, "owner"), text(node, "status"), node.path("score").isNumber() ? node.path("score").intValue() : null,
                instant(node, "opened_at"), instant(node, "due_at"), instant(node, "first_contacted_at"), instant(node, "closed_at"),
                text(node, "root_cause"), text(node, "account_name"), text(node, "tier"), text(node, "segment"), text(node, "program"),
                text(node, "comment"));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        com.fasterxml.jackson.databind.JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(com.fasterxml.jackson.databind.JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
