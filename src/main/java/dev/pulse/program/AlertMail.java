package dev.pulse.program;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Instant;
import java.util.Date;

/**
 * The e-mail that tells a case's owner a detractor answered: who, the score, the comment, when the
 * follow-up is due and the case's link. Its Message-ID is the alert's, so a repeat is recognisable.
 */
final class AlertMail {
    private AlertMail() {
    }

    static MimeMessage compose(Session session, String from, String alertId, String owner, JsonNode detail, String caseUrl, Instant now)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + alertId + "@pulse>");
            }
        };
        String account = text(detail, "account_name", text(detail, "account_id", "an account"));
        String caseId = text(detail, "case_id", "?");
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(owner.strip()));
        // an account name is imported text: no line break may reach a header
        message.setSubject(oneLine("Detractor: " + account + " scored " + text(detail, "score", "?") + " (case " + caseId + ")"), "UTF-8");
        message.setSentDate(Date.from(now));
        message.setHeader("Auto-Submitted", "auto-generated");
        StringBuilder body = new StringBuilder();
        body.append(account).append(" (account ").append(text(detail, "account_id", "?")).append(") answered ")
                .append(text(detail, "score", "?")).append(" of 10 in the ").append(text(detail, "program", "")).append(" survey.\n\n");
        String comment = text(detail, "comment", null);
        body.append(comment == null || comment.isBlank() ? "No comment." : "Their comment:\n" + comment.strip()).append("\n\n");
        body.append("Case ").append(caseId).append(" is yours; follow up by ").append(text(detail, "due_at", "?")).append(".\n");
        if (caseUrl != null) {
            body.append(caseUrl).append('\n');
        }
        message.setText(body.toString(), "UTF-8");
        message.saveChanges();
        return message;
    }

    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString();
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? otherwise : value.asText();
    }
}
