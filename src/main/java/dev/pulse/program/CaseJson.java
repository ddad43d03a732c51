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

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
