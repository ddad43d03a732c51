package dev.pulse.engine;

import java.util.Locale;
import java.util.Optional;

/** The calendar periods a metric can be grouped by; labels as in the metric spec. */
public enum PeriodGrain {
    YEAR, QUARTER, MONTH, WEEK;

    public String dimensionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PeriodGrain> fromDimension(String name) {
        for (PeriodGrain grain : values()) {
            if (grain.dimensionName().equalsIgnoreCase(name)) {
                return Optional.of(grain);
            }
        }
        return Optional.empty();
    }
}
