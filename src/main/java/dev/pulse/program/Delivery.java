package dev.pulse.program;

import jakarta.mail.internet.MimeMessage;

/** Where invitations and alert e-mails go: an SMTP server, or an outbox folder of .eml files. */
public interface Delivery {
    /** A name for messages: "smtp" or "outbox". */
    String kind();

    /** Whether the message with this id was already handed over (a resumed send does not hand it over again). */
    boolean delivered(String id);

    /**
     * Hands the message over; returns only once it is (an SMTP server's acceptance, a file in place).
     *
     * @throws DeliveryException when it is not: {@link DeliveryException#permanent()} for an address the
     *                           server refuses for good (a bounce)
     */
    void deliver(String id, MimeMessage message) throws DeliveryException;

    final class DeliveryException extends Exception {
        private final boolean permanent;

        public DeliveryException(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
