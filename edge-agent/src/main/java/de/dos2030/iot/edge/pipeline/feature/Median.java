package de.dos2030.iot.edge.pipeline.feature;

/** The median of the first n values of an array by quickselect (Hoare), in place: no allocation. */
final class Median {

    private Median() {}

    /** The median of {@code values[0 .. n)} (the mean of the two middle values for even n); reorders them. */
    static double select(double[] values, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("no values");
        }
        double upper = kth(values, n, n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        // After selecting n/2, everything left of it is <= it: the lower middle is their maximum.
        double lower = values[0];
        for (int i = 1; i < n / 2; i++) {
            lower = Math.max(lower, values[i]);
        }
        return (lower + upper) / 2;
    }

    private static double kth(double[] v, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }
}
