package dev.pulse.metrics;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Johnson's relative weights (Johnson 2000, "A heuristic method for estimating the relative weight
 * of predictor variables in multiple regression"): the predictors are replaced by their closest
 * orthogonal counterparts Z (from the eigen decomposition of their correlation matrix), the outcome
 * is regressed on Z, and each predictor's weight is its share of the variance each Z explains. The
 * weights add up to R² and stay meaningful when predictors are correlated (a P1 incident and an
 * escalation go together), which plain regression coefficients do not. They agree closely with the
 * Shapley decomposition of R² (LeBreton, Ployhart and Ladd 2004) at the cost of one eigen
 * decomposition instead of 2^p regressions, which is what makes 1,000 bootstrap resamples cheap.
 *
 * <p>Computed from weighted sums, so that a bootstrap resample is a vector of counts per row.
 */
final class RelativeWeights {
    /** Eigenvalues below this (relative to the largest) are a predictor that is a combination of others: left out. */
    private static final double RANK_TOLERANCE = 1e-10;

    /**
     * @param weights   the raw relative weight of each predictor (share of the outcome's variance; they sum to R²)
     * @param slopes    the multiple-regression coefficient of each predictor in the outcome's unit (NaN where undefined)
     */
    record Result(double[] weights, double[] slopes, double rSquared) {
    }

    private RelativeWeights() {
    }

    /**
     * @param x     rows of predictors (n × p)
     * @param y     the outcome of each row
     * @param count how many times each row counts (1 for the sample itself; a bootstrap's draw counts)
     */
    static Result compute(double[][] x, double[] y, int[] count) {
        int n = y.length;
        int p = x.length == 0 ? 0 : x[0].length;
        // one pass of raw weighted sums; the covariances are taken from them after
        double total = 0;
        double sumY = 0;
        double sumYY = 0;
        double[] sumX = new double[p];
        double[] sumXY = new double[p];
        double[] sumXX = new double[p * p]; // upper triangle, row-major
        for (int i = 0; i < n; i++) {
            int c = count[i];
            if (c == 0) {
                continue;
            }
            double[] row = x[i];
            double yi = y[i];
            total += c;
            sumY += c * yi;
            sumYY += c * yi * yi;
            for (int j = 0; j < p; j++) {
                double w = c * row[j];
                if (w == 0) {
                    continue; // most yes/no drivers are no: nothing to add
                }
                sumX[j] += w;
                sumXY[j] += w * yi;
                int base = j * p;
                for (int k = j; k < p; k++) {
                    sumXX[base + k] += w * row[k];
                }
            }
        }
        double meanY = sumY / total;
        double cyy = sumYY - total * meanY * meanY;
        double[] meanX = new double[p];
        for (int j = 0; j < p; j++) {
            meanX[j] = sumX[j] / total;
        }
        double[][] cxx = new double[p][p];
        double[] cxy = new double[p];
        for (int j = 0; j < p; j++) {
            cxy[j] = sumXY[j] - total * meanX[j] * meanY;
            for (int k = j; k < p; k++) {
                cxx[j][k] = sumXX[j * p + k] - total * meanX[j] * meanX[k];
                cxx[k][j] = cxx[j][k];
            }
        }
        double[] weights = new double[p];
        double[] slopes = new double[p];
        java.util.Arrays.fill(slopes, Double.NaN);
        if (cyy <= 0 || p == 0) {
            return new Result(weights, slopes, 0);
        }
        // correlations; a predictor without variance in this sample explains nothing and is left out
        boolean[] varies = new boolean[p];
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(cxx[j][j]);
            varies[j] = sd[j] > 1e-12 * Math.max(1, total);
        }
        int[] used = java.util.stream.IntStream.range(0, p).filter(j -> varies[j]).toArray();
        int q = used.length;
        if (q == 0) {
            return new Result(weights, slopes, 0);
        }
        double sy = Math.sqrt(cyy);
        RealMatrix rxx = new Array2DRowRealMatrix(q, q);
        RealVector rxy = new ArrayRealVector(q);
        for (int a = 0; a < q; a++) {
            rxy.setEntry(a, cxy[used[a]] / (sd[used[a]] * sy));
            for (int b = 0; b < q; b++) {
                rxx.setEntry(a, b, cxx[used[a]][used[b]] / (sd[used[a]] * sd[used[b]]));
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(rxx);
        double[] values = eigen.getEigenvalues();
        double largest = 0;
        for (double value : values) {
            largest = Math.max(largest, value);
        }
        // Lambda = V diag(sqrt(λ)) V^T, and its inverse over the eigenvalues that are not zero
        double[][] v = eigen.getV().getData();
        double[] root = new double[q];
        double[] inverseRoot = new double[q];
        for (int e = 0; e < q; e++) {
            if (values[e] > RANK_TOLERANCE * largest) {
                root[e] = Math.sqrt(values[e]);
                inverseRoot[e] = 1 / root[e];
            }
        }
        double[][] lambda = new double[q][q];
        double[][] lambdaInverse = new double[q][q];
        for (int a = 0; a < q; a++) {
            for (int b = a; b < q; b++) {
                double l = 0;
                double li = 0;
                for (int e = 0; e < q; e++) {
                    double product = v[a][e] * v[b][e];
                    l += product * root[e];
                    li += product * inverseRoot[e];
                }
                lambda[a][b] = lambda[b][a] = l;
                lambdaInverse[a][b] = lambdaInverse[b][a] = li;
            }
        }
        double[] beta = new double[q]; // the outcome regressed on the orthogonal Z
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                beta[a] += lambdaInverse[a][b] * rxy.getEntry(b);
            }
        }
        double rSquared = 0;
        for (int a = 0; a < q; a++) {
            double weight = 0;
            for (int k = 0; k < q; k++) {
                double l = lambda[a][k];
                weight += l * l * beta[k] * beta[k];
            }
            weights[used[a]] = weight;
            rSquared += weight;
        }
        // plain coefficients in the outcome's unit, for the effect of one unit of a predictor
        try {
            RealVector standardised = new QRDecomposition(rxx, RANK_TOLERANCE).getSolver().solve(rxy);
            for (int a = 0; a < q; a++) {
                slopes[used[a]] = standardised.getEntry(a) * sy / sd[used[a]];
            }
        } catch (org.hipparchus.exception.MathIllegalArgumentException singular) {
            // collinear predictors: their separate coefficients are not defined; the weights still are
        }
        return new Result(weights, slopes, rSquared);
    }

    /**
     * The fit on {@code resamples} bootstrap resamples of the rows (drawn with replacement), in parallel.
     * Resample b draws from its own generator, split from the seed by its number: the same results
     * whatever the number of threads and the order they run in.
     */
    static Result[] bootstrap(double[][] x, double[] y, int resamples, long seed) {
        int n = y.length;
        Result[] results = new Result[resamples];
        java.util.stream.IntStream.range(0, resamples).parallel().forEach(b -> {
            java.util.SplittableRandom draws = new java.util.SplittableRandom(seed * 1_000_003L + b);
            int[] count = new int[n];
            for (int i = 0; i < n; i++) {
                count[draws.nextInt(n)]++;
            }
            results[b] = compute(x, y, count);
        });
        return results;
    }
}
