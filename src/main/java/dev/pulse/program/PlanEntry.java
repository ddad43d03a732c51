package dev.pulse.program;

import static java.util.Objects.requireNonNull;

/**
 * One candidate of a plan: invited, or not for the first reason of the spec that applies.
 *
 * @param ticketId the ticket a transactional invitation asks about; null for a relationship wave
 * @param reason   null when invited; otherwise no_contact, opted_out, bounced, already_surveyed, open_p1,
 *                 quiet_period, one_per_contact (transactional) or opted_out, bounced, already_in_wave,
 *                 quiet_period (relationship)
 */
public record PlanEntry(String contactId, String ticketId, String program, boolean invite, String reason, String accountId,
                        String email, String language) {
    public PlanEntry {
        requireNonNull(program, "program is null");
        if (invite != (reason == null)) {
            throw new IllegalArgumentException("an entry is invited exactly when it has no reason");
        }
    }
}
