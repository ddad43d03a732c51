package dev.pulse.program;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;

import static dev.pulse.report.HtmlRenderer.escape;

/**
 * The e-mail of one invitation: plain text and HTML, in the contact's language, with the answer link,
 * the opt-out link and the headers a mail client offers "unsubscribe" from (RFC 2369
 * {@code List-Unsubscribe}, RFC 8058 one-click). Its Message-ID is the invitation's, so a message
 * handed over twice after a crash is recognisably the same message.
 */
final class InvitationMail {
    private InvitationMail() {
    }

    static MimeMessage compose(Session session, String from, String invitationId, String email, String name, String ticketId,
                               Wording wording, String answerUrl, String optOutUrl, Instant now, Instant expires, ZoneId zone)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + invitationId + "@pulse>");
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.strip()));
        message.setSubject(wording.subject(), "UTF-8");
        message.setSentDate(Date.from(now));
        message.setHeader("List-Unsubscribe", "<" + optOutUrl + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.setHeader("Content-Language", wording.language());
        message.setHeader("Auto-Submitted", "auto-generated");
        String until = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).format(expires.atZone(zone));

        StringBuilder text = new StringBuilder();
        text.append(wording.greeting(name)).append("\n\n");
        if (ticketId != null) {
            text.append(wording.aboutTicket(ticketId)).append(' ');
        }
        text.append(wording.invitation()).append("\n\n").append(wording.question()).append("\n").append(answerUrl).append("\n\n")
                .append(wording.validUntil(until)).append("\n\n").append(wording.optOut()).append(' ').append(optOutUrl).append('\n');

        String html = "<!DOCTYPE html><html lang=\"" + wording.language() + "\"><body style=\"font-family:sans-serif;line-height:1.5\">"
                + "<p>" + escape(wording.greeting(name)) + "</p><p>" + (ticketId == null ? "" : escape(wording.aboutTicket(ticketId)) + " ")
                + escape(wording.invitation()) + "</p><p><strong>" + escape(wording.question()) + "</strong></p>"
                + "<p><a href=\"" + escape(answerUrl) + "\" style=\"display:inline-block;padding:10px 18px;background:#1f4e79;color:#fff;"
                + "text-decoration:none;border-radius:4px\">" + escape(wording.answerLink()) + "</a></p>"
                + "<p style=\"color:#555\">" + escape(wording.validUntil(until)) + "</p>"
                + "<p style=\"color:#555;font-size:smaller\">" + escape(wording.optOut()) + " <a href=\"" + escape(optOutUrl) + "\">"
                + escape(optOutUrl) + "</a></p></body></html>";

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text.toString(), "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=UTF-8");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
