package dev.pulse.metrics;

/** A two-sided 95 % interval. */
public record Interval(double low, double high) {
    public Interval {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("invalid interval [" + low + ", " + high + "]");
        }
    }
}
