package dev.pulse.metrics;

import java.util.Optional;

/**
 * The intervals and significance tests of shared/spec/metrics.md. The spec fixes z = 1.96 (not the
 * exact normal quantile 1.959964...), so the formulas are written out here rather than taken from a
 * statistics library that would use the exact quantile; each is a few lines and tested against
 * hand-computed values.
 */
public final class Statistics {
    public static final double Z = 1.96;
    public static final long LOW_SAMPLE = 30;

    private Statistics() {
    }

    public static double nps(long promoters, long detractors, long n) {
        return 100.0 * (promoters - detractors) / n;
    }

    /** Adjusted Wald interval for NPS (Rocks 2016): add 3 responses, 0.75 to promoters and detractors. */
    public static Interval npsInterval(long promoters, long detractors, long n) {
        double adjusted = n + 3.0;
        double p = (promoters + 0.75) / adjusted;
        double d = (detractors + 0.75) / adjusted;
        double c = p - d;
        double half = Z * Math.sqrt((p + d - c * c) / adjusted);
        return new Interval(100 * (c - half), 100 * (c + half));
    }

    /** Plain Wald standard error of an NPS (in points), used by the significance test of a change. */
    public static double npsStandardError(long promoters, long detractors, long n) {
        double p = (double) promoters / n;
        double d = (double) detractors / n;
        return 100 * Math.sqrt((p + d - (p - d) * (p - d)) / n);
    }

    /** Wilson score interval of a share, in percent. */
    public static Interval wilson(long successes, long n) {
        double p = (double) successes / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half));
    }

    /** mean +- 1.96 sd / sqrt(n); none for n < 2, where the sample deviation is undefined. */
    public static Optional<Interval> meanInterval(double mean, Double sampleDeviation, long n) {
        if (n < 2 || sampleDeviation == null || Double.isNaN(sampleDeviation)) {
            return Optional.empty();
        }
        double half = Z * sampleDeviation / Math.sqrt(n);
        return Optional.of(new Interval(mean - half, mean + half));
    }

    /** The spec's test of an NPS change: |nps1 - nps2| > 1.96 sqrt(se1^2 + se2^2). */
    public static boolean npsChangeSignificant(long p1, long d1, long n1, long p2, long d2, long n2) {
        double se1 = npsStandardError(p1, d1, n1);
        double se2 = npsStandardError(p2, d2, n2);
        return Math.abs(nps(p1, d1, n1) - nps(p2, d2, n2)) > Z * Math.sqrt(se1 * se1 + se2 * se2);
    }

    /** Two shares differ when |p1 - p2| > 1.96 sqrt(p1(1-p1)/n1 + p2(1-p2)/n2) (unpooled two-proportion z test). */
    public static boolean shareChangeSignificant(long k1, long n1, long k2, long n2) {
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double se = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        return Math.abs(p1 - p2) > Z * se && p1 != p2;
    }

    /**
     * The pooled two-proportion z statistic of k1 of n1 against k2 of n2: (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2))
     * with p = (k1 + k2) / (n1 + n2); 0 when both shares are 0 or 1.
     */
    public static double pooledTwoProportionZ(long k1, long n1, long k2, long n2) {
        double pooled = (double) (k1 + k2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return se == 0 ? 0 : ((double) k1 / n1 - (double) k2 / n2) / se;
    }

    /** Two means differ when |m1 - m2| > 1.96 sqrt(sd1^2/n1 + sd2^2/n2) (large-sample z test). */
    public static boolean meanChangeSignificant(double m1, double sd1, long n1, double m2, double sd2, long n2) {
        double se = Math.sqrt(sd1 * sd1 / n1 + sd2 * sd2 / n2);
        return Math.abs(m1 - m2) > Z * se && m1 != m2;
    }
}
