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
        double total = 0;
        double[] meanX = new double[p];
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            if (count[i] == 0) {
                continue;
            }
            total += count[i];
            meanY += count[i] * y[i];
            for (int j = 0; j < p; j++) {
                meanX[j] += count[i] * x[i][j];
            }
        }
        meanY /= total;
        for (int j = 0; j < p; j++) {
            meanX[j] /= total;
        }
        double[][] cxx = new double[p][p];
        double[] cxy = new double[p];
        double cyy = 0;
        double[] d = new double[p];
        for (int i = 0; i < n; i++) {
            if (count[i] == 0) {
                continue;
            }
            double dy = y[i] - meanY;
            cyy += count[i] * dy * dy;
            for (int j = 0; j < p; j++) {
                d[j] = x[i][j] - meanX[j];
            }
            for (int j = 0; j < p; j++) {
                double w = count[i] * d[j];
                cxy[j] += w * dy;
                double[] row = cxx[j];
                for (int k = j; k < p; k++) {
                    row[k] += w * d[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                cxx[j][k] = cxx[k][j];
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
        RealMatrix v = eigen.getV();
        RealMatrix lambda = new Array2DRowRealMatrix(q, q);
        RealMatrix lambdaInverse = new Array2DRowRealMatrix(q, q);
        for (int e = 0; e < q; e++) {
            if (values[e] <= RANK_TOLERANCE * largest) {
                continue;
            }
            double root = Math.sqrt(values[e]);
            RealVector column = v.getColumnVector(e);
            RealMatrix outer = column.outerProduct(column);
            lambda = lambda.add(outer.scalarMultiply(root));
            lambdaInverse = lambdaInverse.add(outer.scalarMultiply(1 / root));
        }
        RealVector beta = lambdaInverse.operate(rxy); // the outcome regressed on the orthogonal Z
        double rSquared = 0;
        for (int a = 0; a < q; a++) {
            double weight = 0;
            for (int k = 0; k < q; k++) {
                double l = lambda.getEntry(a, k);
                weight += l * l * beta.getEntry(k) * beta.getEntry(k);
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
}
