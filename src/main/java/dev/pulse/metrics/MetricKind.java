package dev.pulse.metrics;

/** How a metric's rows become its value; see catalogue.yaml for each kind's definition. */
public enum MetricKind {
    COUNT, NPS, SHARE, MEAN, PERCENTILE, RATIO, COST_PER_TICKET, ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE;

    /** Kinds computed by one aggregation over their source's rows (the others need periods or two sources). */
    public boolean isRowAggregate() {
        return switch (this) {
            case COUNT, NPS, SHARE, MEAN, PERCENTILE, RATIO -> true;
            case COST_PER_TICKET, ACTIVE_CUSTOMERS, RETENTION, CHURN, CONTACT_RATE -> false;
        };
    }
}
