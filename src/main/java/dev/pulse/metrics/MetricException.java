package dev.pulse.metrics;

/** A request the metric engine cannot answer as asked (unknown metric, dimension or period): a user error. */
public final class MetricException extends Exception {
    public MetricException(String message) {
        super(message);
    }
}
