package dev.pulse.metrics;

/** Which direction of a metric is good. {@link #CES} takes its direction from configuration. */
public enum Polarity {
    HIGHER, LOWER, NONE, CES
}
