package dev.pulse.program;

import dev.pulse.config.ProgramSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

import java.util.Map;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * An SMTP server, through Eclipse Angus Mail. The password comes from the environment variable the
 * settings name, never from pulse.yaml. A recipient the server refuses with a 5xx reply is a bounce
 * (permanent); anything else (the server unreachable, a 4xx reply) may succeed later.
 */
public final class SmtpDelivery implements Delivery {
    private final ProgramSettings.Smtp smtp;
    private final Session session;
    private final String password;

    public SmtpDelivery(ProgramSettings.Smtp smtp, Map<String, String> environment) {
        this.smtp = requireNonNull(smtp, "smtp is null");
        Properties properties = new Properties();
        String protocol = smtp.security().equals("tls") ? "smtps" : "smtp";
        properties.put("mail.transport.protocol", protocol);
        properties.put("mail." + protocol + ".host", smtp.host());
        properties.put("mail." + protocol + ".port", Integer.toString(smtp.port()));
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "30000");
        properties.put("mail." + protocol + ".writetimeout", "30000");
        if (smtp.security().equals("starttls")) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (smtp.username() != null) {
            properties.put("mail." + protocol + ".auth", "true");
        }
        this.session = Session.getInstance(properties);
        this.password = smtp.passwordEnv() == null ? null : environment.get(smtp.passwordEnv());
    }

    public Session session() {
        return session;
    }

    @Override
    public String kind() {
        return "smtp";
    }

    /** An SMTP server keeps no record Pulse can ask; the database's status is the record. */
    @Override
    public boolean delivered(String id) {
        return false;
    }

    @Override
    public void deliver(String id, MimeMessage message) throws DeliveryException {
        try {
            if (smtp.username() != null) {
                Transport.send(message, smtp.username(), password == null ? "" : password);
            } else {
                Transport.send(message);
            }
        } catch (SendFailedException e) {
            boolean permanent = e.getNextException() instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500
                    || e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0 && e.getValidSentAddresses() == null;
            throw new DeliveryException("the mail server refused it: " + firstLine(e), permanent, e);
        } catch (MessagingException e) {
            throw new DeliveryException("the mail server " + smtp.host() + ":" + smtp.port() + " could not take it: " + firstLine(e), false, e);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message).strip();
    }
}
