package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/**
 * Running median of an odd window of {@code 2k + 1} samples, centred: each sample is replaced by
 * the median of itself and the {@code k} samples on either side, so spikes shorter than {@code k + 1}
 * samples vanish and steps stay sharp. Lag and stream edges as in {@link CentredWindowFilter}. The
 * window is kept sorted by insertion (O(window) per sample, no sorting, nothing allocated).
 */
public final class MedianFilter extends CentredWindowFilter {

    private final double[] sorted;

    /** @param window samples in the window: odd, at least 3 */
    public MedianFilter(int window, SampleStage next) {
        super(halfOf(window), next);
        this.sorted = new double[width];
    }

    private static int halfOf(int window) {
        if (window < 3 || window % 2 == 0) {
            throw new IllegalArgumentException("median window must be odd and at least 3, got " + window);
        }
        return window / 2;
    }

    @Override
    void leaving(double value) {
        int n = width;
        int i = 0;
        while (i < n - 1 && Double.compare(sorted[i], value) != 0) {
            i++;
        }
        System.arraycopy(sorted, i + 1, sorted, i, n - 1 - i);
    }

    @Override
    void entering(double value, int size) {
        int i = size - 1; // sorted[0 .. size - 1) is sorted: shift the larger ones up
        while (i > 0 && Double.compare(sorted[i - 1], value) > 0) {
            sorted[i] = sorted[i - 1];
            i--;
        }
        sorted[i] = value;
    }

    @Override
    void judgeCentre(long nanos, double value, Quality quality) {
        next.accept(nanos, sorted[k], quality);
    }
}
