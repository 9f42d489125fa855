package de.dos2030.iot.collector.condition;

import java.util.Arrays;

/**
 * A robust straight line {@code y = intercept + slope * x} with the robust spread of its residuals:
 * the Theil-Sen estimator (slope = median of all pairwise slopes, intercept = median of
 * {@code y - slope * x}) and sigma = 1.4826 x MAD of the residuals (the standard deviation for Gaussian
 * noise, untouched by the few outliers a load event or a bad window leaves). Theil-Sen ignores up to
 * 29 % wild points, which is why a learning period with some bad windows still gives a sound baseline.
 *
 * @param intercept y at x = 0
 * @param slope     change of y per unit of x
 * @param sigma     robust standard deviation of the residuals, never below the floor given to {@link #fit}
 */
public record RobustLine(double intercept, double slope, double sigma) {
    /** Pairs with x closer than this give no slope (they would only add noise); below it the line is flat. */
    private static final double MIN_DX = 0.05;
    /** The slope comes from at most this many points (evenly spread): memory and time stay bounded (2 M pairs). */
    static final int MAX_SLOPE_POINTS = 2000;

    public RobustLine {
        if (!Double.isFinite(intercept) || !Double.isFinite(slope) || !(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException(
                    "robust line needs finite numbers and sigma > 0, got " + intercept + ", " + slope + ", " + sigma);
        }
    }

    public double predict(double x) {
        return intercept + slope * x;
    }

    /**
     * Fits the line to the first {@code n} points. The slope is the median over the pairs of at most
     * {@link #MAX_SLOPE_POINTS} evenly spread points (14 days of 10-minute bins are 2016), intercept and sigma
     * use every point. About 0.2 s for 2000 points.
     *
     * @param sigmaFloor smallest sigma returned (the sensor's resolution), so that a perfectly quiet
     *                   learning period does not turn every later tiny wobble into many sigmas
     * @throws IllegalArgumentException when fewer than 3 points are given
     */
    public static RobustLine fit(double[] x, double[] y, int n, double sigmaFloor) {
        if (n < 3) {
            throw new IllegalArgumentException("a robust line needs at least 3 points, got " + n);
        }
        int k = Math.min(n, MAX_SLOPE_POINTS);
        double[] sx = new double[k];
        double[] sy = new double[k];
        for (int i = 0; i < k; i++) {
            int at = (int) ((long) i * n / k);
            sx[i] = x[at];
            sy[i] = y[at];
        }
        double[] slopes = new double[k * (k - 1) / 2];
        int m = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double dx = sx[j] - sx[i];
                if (Math.abs(dx) >= MIN_DX) {
                    slopes[m++] = (sy[j] - sy[i]) / dx;
                }
            }
        }
        double slope = m == 0 ? 0 : median(slopes, m);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - slope * x[i];
        }
        double intercept = median(r, n);
        for (int i = 0; i < n; i++) {
            r[i] = Math.abs(r[i] - intercept);
        }
        double sigma = 1.4826 * median(r, n);
        return new RobustLine(intercept, slope, Math.max(sigma, sigmaFloor));
    }

    /** Median of the first {@code n} values; sorts them in place. */
    static double median(double[] v, int n) {
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
