package dev.pulse.config;

/**
 * A priority's SLA targets; null where the priority has none.
 *
 * @param responseMinutes   first-response target in minutes after created_at
 * @param resolutionHours   resolution target in hours after created_at
 */
public record SlaTarget(Double responseMinutes, Double resolutionHours) {
}
